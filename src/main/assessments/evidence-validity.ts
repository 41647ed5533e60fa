import { evidenceStale } from '../../core/assessment/evidence-validity';
import type { EvidenceValidityView } from '../../shared/api/periods-types';
import { AppError } from '../../shared/api/errors';
import { appendAudit } from '../audit/audit-log';
import { isoNow, type ServiceContext } from '../context';
import { actorOf } from '../settings/settings';
import { assertEditable } from './assessments';
import { listEvidence } from './evidence';

/** Every evidence file of an assessment with its validity and whether it is stale today for this period. */
export function evidenceValidity(
  ctx: ServiceContext,
  assessmentId: string,
  today = isoNow(ctx).slice(0, 10),
): EvidenceValidityView[] {
  const a = ctx.db.prepare('SELECT period_start FROM assessments WHERE id = ?').get(assessmentId) as
    { period_start: string | null } | undefined;
  if (!a) throw new AppError('not_found', 'assessmentNotFound', { id: assessmentId });
  const row = ctx.db.prepare('SELECT valid_until, first_added_at FROM evidence WHERE id = ?');
  return listEvidence(ctx, assessmentId).map((e) => {
    const r = row.get(e.id) as { valid_until: string | null; first_added_at: string | null };
    const v = { validUntil: r.valid_until, firstAddedAt: r.first_added_at };
    return {
      evidenceId: e.id,
      fileName: e.fileName,
      ...v,
      controlKeys: e.controlKeys,
      stale: evidenceStale(v, { today, periodStart: a.period_start }),
    };
  });
}

/** Sets or clears a file's valid-until date (recorded). */
export function setEvidenceValidity(
  ctx: ServiceContext,
  input: { evidenceId: string; validUntil: string | null },
): EvidenceValidityView {
  const e = ctx.db
    .prepare('SELECT assessment_id, file_name, valid_until FROM evidence WHERE id = ?')
    .get(input.evidenceId) as { assessment_id: string; file_name: string; valid_until: string | null } | undefined;
  if (!e) throw new AppError('not_found', 'evidenceNotFound', { id: input.evidenceId });
  assertEditable(ctx, e.assessment_id);
  if (e.valid_until !== input.validUntil) {
    const at = isoNow(ctx);
    ctx.db
      .transaction(() => {
        ctx.db.prepare('UPDATE evidence SET valid_until = ? WHERE id = ?').run(input.validUntil, input.evidenceId);
        appendAudit(ctx.db, {
          at,
          actor: actorOf(ctx),
          action: 'evidence.validity',
          assessmentId: e.assessment_id,
          entity: 'evidence-file',
          entityId: input.evidenceId,
          oldValue: { validUntil: e.valid_until },
          newValue: { validUntil: input.validUntil, fileName: e.file_name },
          appVersion: ctx.appVersion,
        });
      })
      .immediate();
  }
  return evidenceValidity(ctx, e.assessment_id).find((v) => v.evidenceId === input.evidenceId) as EvidenceValidityView;
}

/** Control key → the stale files linked to it (for the quality check). */
export function staleEvidenceByControl(
  ctx: ServiceContext,
  assessmentId: string,
  today: string,
): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const v of evidenceValidity(ctx, assessmentId, today))
    if (v.stale) for (const k of v.controlKeys) out.set(k, [...(out.get(k) ?? []), v.fileName]);
  return out;
}
