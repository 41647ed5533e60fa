import {
  APPROVE_ACTION,
  SIGNOFF_ACTION,
  signoffEntryValues,
  signoffOf,
  type Signoff,
  type SignoffEntry,
  type SignoffStep,
} from '../../core/assessment/signoff';
import { AppError } from '../../shared/api/errors';
import { appendAudit } from '../audit/audit-log';
import { isoNow, type ServiceContext } from '../context';
import { actorOf } from '../settings/settings';
import { stmt } from '../db/statements';

/**
 * Sign-off of an assessment (core/assessment/signoff.ts): the preparer and the reviewer can be recorded at any
 * status; the approval only of a final assessment, and it is the step after final: while approved, nothing of the
 * sign-off changes (reopen first, which withdraws the approval; see status.ts). Each change is one history entry
 * (`assessment.signoff` or `assessment.approve`) that the replay of `audit verify` and the assessment file check.
 */

type Row = { step: SignoffStep; name: string; role: string; signed_at: string };

export function getSignoff(ctx: ServiceContext, assessmentId: string): Signoff {
  if (!ctx.db.prepare('SELECT 1 FROM assessments WHERE id = ?').get(assessmentId))
    throw new AppError('not_found', 'assessmentNotFound', { id: assessmentId });
  return signoffRows(ctx, assessmentId);
}

/** The stored sign-off without checking that the assessment exists (the replay and exports call it per assessment). */
export function signoffRows(ctx: ServiceContext, assessmentId: string): Signoff {
  const rows = stmt(ctx.db, 'SELECT step, name, role, signed_at FROM assessment_signoffs WHERE assessment_id = ?').all(
    assessmentId,
  ) as Row[];
  return signoffOf(rows.map((r) => ({ step: r.step, name: r.name, role: r.role, at: r.signed_at })));
}

export type SignoffInput = { assessmentId: string; step: SignoffStep; name: string; role?: string | undefined };

/** Records who prepared, reviewed or approved the assessment (now, by the name given); unchanged → no entry. */
export function setSignoff(ctx: ServiceContext, input: SignoffInput): Signoff {
  const name = input.name.trim();
  const role = (input.role ?? '').trim();
  if (!name) throw new AppError('bad_input', 'signoffNameMissing', {});
  const at = isoNow(ctx);
  ctx.db
    .transaction(() => {
      const a = ctx.db.prepare('SELECT status FROM assessments WHERE id = ?').get(input.assessmentId) as
        { status: string } | undefined;
      if (!a) throw new AppError('not_found', 'assessmentNotFound', { id: input.assessmentId });
      const current = signoffRows(ctx, input.assessmentId);
      if (input.step === 'approved' && a.status !== 'final') throw new AppError('conflict', 'signoffNotFinal', {});
      if (current.approved) throw new AppError('conflict', 'signoffApproved', { name: current.approved.name });
      const before: SignoffEntry | null = current[input.step];
      if (before && before.name === name && before.role === role) return;
      ctx.db
        .prepare(
          `INSERT INTO assessment_signoffs (assessment_id, step, name, role, signed_at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (assessment_id, step) DO UPDATE SET name = excluded.name, role = excluded.role, signed_at = excluded.signed_at`,
        )
        .run(input.assessmentId, input.step, name, role, at);
      const values = signoffEntryValues(input.step, before, { name, role });
      appendAudit(ctx.db, {
        at,
        actor: actorOf(ctx),
        action: input.step === 'approved' ? APPROVE_ACTION : SIGNOFF_ACTION,
        assessmentId: input.assessmentId,
        entity: 'assessment',
        entityId: input.assessmentId,
        oldValue: input.step === 'approved' ? { status: 'final' } : values.oldValue,
        newValue: values.newValue,
        appVersion: ctx.appVersion,
      });
    })
    .immediate();
  return signoffRows(ctx, input.assessmentId);
}

/**
 * Inside the reopen's transaction: withdraws the approval and returns it (the reopen entry records it as its old
 * value), or null when there was none.
 */
export function withdrawApproval(ctx: ServiceContext, assessmentId: string): SignoffEntry | null {
  const approved = signoffRows(ctx, assessmentId).approved;
  if (approved)
    ctx.db.prepare("DELETE FROM assessment_signoffs WHERE assessment_id = ? AND step = 'approved'").run(assessmentId);
  return approved;
}
