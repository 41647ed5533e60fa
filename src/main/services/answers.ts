import { randomUUID } from 'node:crypto';
import type { AnswerValue } from '../../core/catalog/format';
import { AppError } from '../../shared/api/errors';
import type { AnswerSaved, AnswerView } from '../../shared/api/types';
import { ANSWER_SELECT, fieldsOf, sameFields, toAnswer, type AnswerFields, type AnswerRow } from './answer-rows';
import { resolveControl, resolveControls, type ResolvedControl } from './assessment-parts';
import { assertEditable, progressOf } from './assessments';
import { appendAudit } from './audit-log';
import { catalogMeta } from './catalogs';
import { isoNow, type ServiceContext } from './context';
import { assertExclusionAllowed } from './exclusion-guard';
import { actorOf } from './settings';

export type AnswerPatch = { value?: string | null | undefined; comment?: string | undefined; justification?: string | undefined; owner?: string | undefined; dueDate?: string | null | undefined; remediation?: string | undefined; markedForReview?: boolean | undefined };


function checkValue(scale: AnswerValue[], value: string | null | undefined): void {
  if (value !== null && value !== undefined && !scale.some((s) => s.value === value))
    throw new AppError('bad_input', 'answerValueUnknown', { value, allowed: scale.map((s) => s.value).join(', ') });
}

function currentAnswer(ctx: ServiceContext, assessmentId: string, controlRow: number): AnswerView | undefined {
  const r = ctx.db.prepare(`${ANSWER_SELECT} WHERE x.assessment_id = ? AND x.control_row = ?`).get(assessmentId, controlRow) as AnswerRow | undefined;
  return r ? toAnswer(r) : undefined;
}

/** Writes one answer and its history entry (inside the caller's transaction). Returns false when nothing changed. */
function write(ctx: ServiceContext, a: { id: string }, controlId: string, controlRow: number, next: AnswerFields, meta: { at: string; actor: string; action: string; batch?: string }): boolean {
  const old = currentAnswer(ctx, a.id, controlRow);
  const before = fieldsOf(old);
  if (sameFields(before, next)) return false;
  ctx.db.prepare(`INSERT INTO answers (assessment_id, control_row, value, comment, justification, owner, due_date, remediation, marked_for_review, updated_at, updated_by, revision)
      VALUES (@a, @c, @value, @comment, @justification, @owner, @dueDate, @remediation, @review, @at, @actor, 1)
      ON CONFLICT (assessment_id, control_row) DO UPDATE SET value = excluded.value, comment = excluded.comment, justification = excluded.justification,
        owner = excluded.owner, due_date = excluded.due_date, remediation = excluded.remediation, marked_for_review = excluded.marked_for_review,
        updated_at = excluded.updated_at, updated_by = excluded.updated_by, revision = answers.revision + 1`)
    .run({ a: a.id, c: controlRow, ...next, review: next.markedForReview ? 1 : 0, at: meta.at, actor: meta.actor });
  ctx.db.prepare('UPDATE assessments SET updated_at = ? WHERE id = ?').run(meta.at, a.id);
  appendAudit(ctx.db, {
    at: meta.at, actor: meta.actor, action: meta.action, assessmentId: a.id, entity: 'answer', entityId: controlId,
    oldValue: old ? before : null, newValue: meta.batch ? { ...next, batch: meta.batch } : next, appVersion: ctx.appVersion,
  });
  return true;
}

const merge = (before: AnswerFields, patch: AnswerPatch): AnswerFields => ({
  value: patch.value !== undefined ? patch.value : before.value,
  comment: patch.comment ?? before.comment,
  justification: patch.justification ?? before.justification,
  owner: patch.owner ?? before.owner,
  dueDate: patch.dueDate !== undefined ? patch.dueDate : before.dueDate,
  remediation: patch.remediation ?? before.remediation,
  markedForReview: patch.markedForReview ?? before.markedForReview,
});

/**
 * Saves one answer as one transaction with its history entry; fields left out keep their values. `controlId` is the
 * control's key (its ID in the first catalog, `<catalogId>:<controlId>` in another); progress is that catalog's.
 */
export function setAnswer(ctx: ServiceContext, input: { assessmentId: string; controlId: string } & AnswerPatch): AnswerSaved {
  const a = assertEditable(ctx, input.assessmentId);
  const c = resolveControl(ctx, a.id, input.controlId);
  const scale = catalogMeta(ctx, c.part.catalogRow).answer_scale;
  checkValue(scale, input.value);
  // RULE exclusion (src/core/assessment/exclusion-rule.ts): no not_applicable answer where the catalog forbids exclusion. For the lead's rule engine.
  assertExclusionAllowed(ctx, scale, { catalogRow: c.part.catalogRow, controlId: c.controlId, key: c.key }, input.value);
  const meta = { at: isoNow(ctx), actor: actorOf(ctx), action: 'answer.set' };
  ctx.db.transaction(() => {
    write(ctx, a, c.key, c.controlRow, merge(fieldsOf(currentAnswer(ctx, a.id, c.controlRow)), input), meta);
  }).immediate();
  const saved = currentAnswer(ctx, a.id, c.controlRow);
  const progress = progressOf(ctx, a.id, c.part.catalogRow);
  if (!saved) return { answer: { controlId: c.controlId, key: c.key, ...fieldsOf(undefined), updatedAt: meta.at, updatedBy: meta.actor, revision: 0, evidenceCount: 0 }, progress };
  return { answer: saved, progress };
}

/** Answers a selection of controls with the same value (and one justification) in one transaction. */
export function batchAnswer(ctx: ServiceContext, input: { assessmentId: string; controlIds: string[]; value: string | null; justification?: string | undefined; comment?: string | undefined }): { changed: number; answers: AnswerView[]; progress: AnswerSaved['progress'] } {
  const a = assertEditable(ctx, input.assessmentId);
  const resolved = resolveControls(ctx, a.id, input.controlIds);
  const catalogRows = new Set(resolved.map((c) => c.part.catalogRow));
  // One selection, one catalog: the value must mean the same thing for every control in it.
  if (catalogRows.size > 1) throw new AppError('bad_input', 'batchAcrossCatalogs', {});
  const catalogRow = resolved[0]?.part.catalogRow as number;
  const scale = catalogMeta(ctx, catalogRow).answer_scale;
  checkValue(scale, input.value);
  // RULE exclusion (as in setAnswer; a batch is the other way to save an answer). For the lead's rule engine.
  for (const c of resolved) assertExclusionAllowed(ctx, scale, { catalogRow, controlId: c.controlId, key: c.key }, input.value);
  const rows = resolved.map((c) => [c.key, c.controlRow] as const);
  const meta = { at: isoNow(ctx), actor: actorOf(ctx), action: 'answer.set', batch: randomUUID() };
  let changed = 0;
  ctx.db.transaction(() => {
    for (const [id, row] of rows) {
      const patch: AnswerPatch = { value: input.value, ...(input.justification !== undefined ? { justification: input.justification } : {}), ...(input.comment !== undefined ? { comment: input.comment } : {}) };
      if (write(ctx, a, id, row, merge(fieldsOf(currentAnswer(ctx, a.id, row)), patch), meta)) changed++;
    }
  }).immediate();
  const answers = rows.map(([, row]) => currentAnswer(ctx, a.id, row)).filter((x): x is AnswerView => !!x);
  return { changed, answers, progress: progressOf(ctx, a.id, catalogRow) };
}

type HistoryRow = { seq: number; entity_id: string; old_value: string | null; new_value: string | null; actor: string; action: string };

/**
 * Undoes the last answer change made by this user in this assessment (a whole batch counts as one change).
 * The undo is itself a new, recorded change: history only ever grows.
 */
export function undoLastAnswer(ctx: ServiceContext, input: { assessmentId: string }): { undone: string[]; answers: AnswerView[]; progress: AnswerSaved['progress'] } {
  const a = assertEditable(ctx, input.assessmentId);
  const actor = actorOf(ctx);
  const last = ctx.db.prepare(`SELECT seq, entity_id, old_value, new_value, actor, action FROM audit_log
      WHERE assessment_id = ? AND entity = 'answer' AND action IN ('answer.set', 'answer.undo') ORDER BY seq DESC LIMIT 1`).get(a.id) as HistoryRow | undefined;
  if (!last || last.actor !== actor || last.action === 'answer.undo') throw new AppError('conflict', 'nothingToUndo', {});
  const batch = (JSON.parse(last.new_value ?? '{}') as { batch?: string }).batch;
  const entries = batch
    ? (ctx.db.prepare(`SELECT seq, entity_id, old_value, new_value, actor, action FROM audit_log WHERE assessment_id = ? AND entity = 'answer' AND action = 'answer.set' AND json_extract(new_value, '$.batch') = ? ORDER BY seq DESC`).all(a.id, batch) as HistoryRow[])
    : [last];
  const meta = { at: isoNow(ctx), actor, action: 'answer.undo' };
  const undone: string[] = [];
  const controls = resolveControls(ctx, a.id, entries.map((e) => e.entity_id));
  const resolved = entries.map((e, i) => ({ e, c: controls[i] as ResolvedControl }));
  ctx.db.transaction(() => {
    for (const { e, c } of resolved) {
      const previous = e.old_value ? { ...fieldsOf(undefined), ...(JSON.parse(e.old_value) as Partial<AnswerFields>) } : fieldsOf(undefined);
      if (write(ctx, a, c.key, c.controlRow, previous, meta)) undone.push(c.key);
    }
  }).immediate();
  const answers = resolved.filter(({ c }) => undone.includes(c.key)).map(({ c }) => currentAnswer(ctx, a.id, c.controlRow)).filter((x): x is AnswerView => !!x);
  const catalogRow = resolved[0]?.c.part.catalogRow;
  return { undone, answers, progress: progressOf(ctx, a.id, catalogRow) };
}
