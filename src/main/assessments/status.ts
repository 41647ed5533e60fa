import { checkExclusion, excludedByAncestor, indexNodes } from '../../core/assessment/exclusion-rule';
import { AppError } from '../../shared/api/errors';
import type { AssessmentStatus, AuditCheck, AuditEntryView, QualityIssue } from '../../shared/api/types';
import { getAssessmentCatalogDetails } from './assessments';
import { listEvidence } from './evidence';
import { appendAudit, verifyAuditChain } from '../audit/audit-log';
import { checkBackupAnchors } from '../audit/anchor';
import { replayAssessments } from '../audit/history-replay';
import { isoNow, type ServiceContext } from '../context';
import { actorOf } from '../settings/settings';
import { exclusionNodes } from './exclusion-guard';
import { withdrawApproval } from './signoff';
import { mergeEntriesFor } from './merge-history';
import { assertNotShelved } from './housekeeping';
import { staleEvidenceByControl } from './evidence-validity';
import { emptyWorksheetFields } from '../../core/assessment/answer-rules';

/**
 * What an auditor would question before the assessment is finalized (CISO Assistant's quality check, CSET's
 * review flags): unanswered mandatory controls, missing justifications, compliant without evidence, open review
 * marks, overdue or missing remediation, exclusions where the catalog forbids them, a compensating-control worksheet
 * with empty fields. Controls under an excluded
 * control (an ISMAP 統制目標 answered 除外) are excluded with it and not asked for. Each issue names its control so
 * the UI can link to it.
 */
export function qualityCheck(
  ctx: ServiceContext,
  assessmentId: string,
  today = isoNow(ctx).slice(0, 10),
): QualityIssue[] {
  const issues: QualityIssue[] = [];
  const withEvidence = new Set(listEvidence(ctx, assessmentId).flatMap((e) => e.controlKeys));
  const stale = staleEvidenceByControl(ctx, assessmentId, today);
  for (const d of getAssessmentCatalogDetails(ctx, assessmentId)) {
    const scale = new Map(d.answerScale.map((s) => [s.value, s]));
    const answers = new Map(d.answers.map((a) => [a.controlId, a]));
    const meaningOf = (id: string) => {
      const v = answers.get(id)?.value;
      return v ? scale.get(v)?.meaning : undefined;
    };
    const rules = exclusionNodes(ctx, d.catalog.ref);
    const ruleIndex = indexNodes(rules);
    const excludedWithParent = excludedByAncestor(rules, meaningOf);
    for (const c of d.controls) {
      if (!c.assessable || !c.applicable) continue;
      const a = answers.get(c.controlId);
      const s = a?.value ? scale.get(a.value) : undefined;
      const push = (kind: QualityIssue['kind'], detail?: string) =>
        issues.push({ kind, controlKey: d.keyPrefix + c.controlId, title: c.title, ...(detail ? { detail } : {}) });
      if (!s) {
        if (c.mandatory && !excludedWithParent.has(c.controlId)) push('unanswered');
        continue;
      }
      const exclusion = checkExclusion(c.controlId, s.meaning, ruleIndex);
      if (!exclusion.ok) push('exclusionNotAllowed', exclusion.decidedBy);
      if (s.justification === 'required' && !a?.justification.trim()) push('justificationMissing');
      if (s.meaning === 'compliant' && !withEvidence.has(d.keyPrefix + c.controlId)) push('compliantWithoutEvidence');
      if ((s.meaning === 'noncompliant' || s.meaning === 'partial') && !a?.remediation.trim())
        push('noncompliantWithoutAction');
      // The compensating-control worksheet is optional on save; before finalizing, its empty fields are named.
      if (a && s.worksheet === 'ccw') {
        const empty = emptyWorksheetFields(a);
        if (empty.length) push('ccwIncomplete', empty.join(', '));
      }
      if (a?.markedForReview) push('markedForReview');
      if (a?.carriedForward) push('carriedUnconfirmed');
      const staleFiles = stale.get(d.keyPrefix + c.controlId);
      if (staleFiles) push('evidenceStale', staleFiles.join(', '));
      if (a?.dueDate && a.dueDate < today && (s.meaning === 'noncompliant' || s.meaning === 'partial'))
        push('overdueAction', a.dueDate);
    }
  }
  return issues;
}

/** Issues that block finalizing; the others are shown as warnings. */
export const BLOCKING: ReadonlySet<QualityIssue['kind']> = new Set([
  'unanswered',
  'justificationMissing',
  'markedForReview',
  'exclusionNotAllowed',
  'carriedUnconfirmed',
]);

const ALLOWED: Record<AssessmentStatus, AssessmentStatus[]> = {
  draft: ['in_review'],
  in_review: ['draft', 'final'],
  final: ['draft'],
};

/** draft → in review → final (answers locked); reopening a final assessment needs a reason and is recorded. */
export function setStatus(
  ctx: ServiceContext,
  input: { id: string; status: AssessmentStatus; note?: string | undefined },
): { status: AssessmentStatus; issues: QualityIssue[] } {
  const row = ctx.db.prepare('SELECT status FROM assessments WHERE id = ?').get(input.id) as
    { status: AssessmentStatus } | undefined;
  if (!row) throw new AppError('not_found', 'assessmentNotFound', { id: input.id });
  assertNotShelved(ctx, input.id);
  if (!ALLOWED[row.status].includes(input.status))
    throw new AppError('conflict', 'statusTransition', { from: row.status, to: input.status });
  if (row.status === 'final' && !input.note?.trim()) throw new AppError('bad_input', 'reopenReason', {});
  const issues = input.status === 'final' ? qualityCheck(ctx, input.id) : [];
  const blocking = issues.filter((i) => BLOCKING.has(i.kind));
  if (blocking.length) throw new AppError('conflict', 'qualityBlocks', { count: blocking.length });
  const at = isoNow(ctx);
  ctx.db
    .transaction(() => {
      ctx.db.prepare('UPDATE assessments SET status = ?, updated_at = ? WHERE id = ?').run(input.status, at, input.id);
      // Reopening withdraws the approval (the step after final); the entry keeps who had approved.
      const approved = row.status === 'final' ? withdrawApproval(ctx, input.id) : null;
      appendAudit(ctx.db, {
        at,
        actor: actorOf(ctx),
        action: row.status === 'final' ? 'assessment.reopen' : 'assessment.status',
        assessmentId: input.id,
        entity: 'assessment',
        entityId: input.id,
        oldValue: { status: row.status, ...(approved ? { approved } : {}) },
        newValue: {
          status: input.status,
          ...(input.note ? { note: input.note } : {}),
          ...(input.status === 'final' ? { warnings: issues.length } : {}),
        },
        appVersion: ctx.appVersion,
      });
    })
    .immediate();
  return { status: input.status, issues };
}

type AuditRow = {
  seq: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: string;
  old_value: string | null;
  new_value: string | null;
};

/** History of an assessment, or of one control in it, newest first. */
export function history(
  ctx: ServiceContext,
  input: { assessmentId: string; controlKey?: string | undefined; entity?: 'assessment' | undefined },
): AuditEntryView[] {
  const rows = (
    input.controlKey
      ? ctx.db
          .prepare(
            "SELECT seq, at, actor, action, entity, entity_id, old_value, new_value FROM audit_log WHERE assessment_id = ? AND entity IN ('answer', 'evidence') AND entity_id = ? ORDER BY seq DESC",
          )
          .all(input.assessmentId, input.controlKey)
      : input.entity
        ? ctx.db
            .prepare(
              'SELECT seq, at, actor, action, entity, entity_id, old_value, new_value FROM audit_log WHERE assessment_id = ? AND entity = ? ORDER BY seq DESC LIMIT 1000',
            )
            .all(input.assessmentId, input.entity)
        : ctx.db
            .prepare(
              'SELECT seq, at, actor, action, entity, entity_id, old_value, new_value FROM audit_log WHERE assessment_id = ? ORDER BY seq DESC LIMIT 1000',
            )
            .all(input.assessmentId)
  ) as AuditRow[];
  const views: AuditEntryView[] = rows.map((r) => ({
    seq: r.seq,
    at: r.at,
    actor: r.actor,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    oldValue: r.old_value ? JSON.parse(r.old_value) : null,
    newValue: r.new_value ? JSON.parse(r.new_value) : null,
  }));
  // A merge that changed this control's answer belongs to its history too (merge-history.ts).
  if (!input.controlKey) return views;
  const merged = mergeEntriesFor(ctx, input.assessmentId, input.controlKey);
  return merged.length ? [...views, ...merged].sort((a, b) => b.seq - a.seq) : views;
}

/**
 * Checks the history three ways: the chain's hashes (nothing edited, inserted or deleted without recomputing), the
 * replay (every assessment's answers, evidence links, status and details are exactly what its history says), and
 * the anchors (every backup's chain head is still in the chain: nothing cut off or recomputed since it was taken).
 */
export function auditVerify(ctx: ServiceContext, assessmentId?: string): AuditCheck {
  return checkChain(ctx, assessmentId, () => replayAssessments(ctx, assessmentId));
}

/**
 * The same check for a document about several assessments (the roll-up PDF): the whole chain and the kept heads,
 * and the replay of those assessments only (replaying all 200 of a consultant's workspace would cost seconds).
 */
export function auditVerifyOf(ctx: ServiceContext, assessmentIds: readonly string[]): AuditCheck {
  return checkChain(ctx, undefined, () => {
    for (const id of assessmentIds) {
      const d = replayAssessments(ctx, id);
      if (d) return d;
    }
    return null;
  });
}

function checkChain(
  ctx: ServiceContext,
  assessmentId: string | undefined,
  replay: () => ReturnType<typeof replayAssessments>,
): AuditCheck {
  const c = verifyAuditChain(ctx.db);
  const scoped = assessmentId
    ? (ctx.db.prepare('SELECT count(*) AS n FROM audit_log WHERE assessment_id = ?').get(assessmentId) as { n: number })
        .n
    : null;
  if (!c.ok)
    return {
      ok: false,
      entries: c.entries,
      head: null,
      brokenAt: c.brokenAt,
      reason: c.reason,
      assessmentEntries: scoped,
    };
  const base = { entries: c.entries, head: c.head, assessmentEntries: scoped };
  const divergence = replay();
  if (divergence) return { ...base, ok: false, brokenAt: divergence.seq, reason: 'replay', divergence };
  const anchors = checkBackupAnchors(ctx.db, ctx.paths);
  if (!anchors.ok)
    return {
      ...base,
      ok: false,
      brokenAt: anchors.seq,
      reason: 'anchor',
      anchor: { source: anchors.backup, seq: anchors.seq, reason: anchors.reason },
      backupsChecked: anchors.checked,
    };
  return {
    ...base,
    ok: true,
    brokenAt: null,
    reason: null,
    divergence: null,
    anchor: null,
    backupsChecked: anchors.checked,
  };
}
