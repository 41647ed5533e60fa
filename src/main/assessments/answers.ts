import { randomUUID } from 'node:crypto';
import {
  answerFieldsOf,
  mergeAnswer,
  sameAnswer,
  type AnswerFields,
  type AnswerPatch,
} from '../../core/assessment/answer-fields';
import { checkAnswer } from '../../core/assessment/answer-rules';
import { clearCarriedOnChange } from '../../core/assessment/carried-forward';
import type { AnswerRecord } from '../../core/assessment/records';
import type { AnswerValue } from '../../core/catalog/format';
import { AppError } from '../../shared/api/errors';
import type { AnswerSaved, Progress } from '../../shared/api/types';
import { appendAudit } from '../audit/audit-log';
import { catalogMeta } from '../catalogs/catalogs';
import { isoNow, type ServiceContext } from '../context';
import { stmt } from '../db/statements';
import { actorOf } from '../settings/settings';
import { storedAnswer, upsertAnswer, type StoredAnswer } from './answer-rows';
import { resolveControl, resolveControls, type ResolvedControl } from './assessment-catalogs';
import { assertEditable, progressOf } from './assessments';
import { assertExclusionAllowed } from './exclusion-guard';

type WriteMeta = { at: string; actor: string; action: string; batch?: string };

/**
 * Refuses an answer that breaks a rule of its catalog, with the control named: the scale and justification rules
 * (answer-rules.ts) on the answer as it would be stored, and, when the value is being set, where the catalog
 * forbids exclusion (exclusion-rule.ts, e.g. ISMAP's governance and management criteria).
 */
function enforce(
  ctx: ServiceContext,
  scale: readonly AnswerValue[],
  next: AnswerFields,
  c: ResolvedControl,
  valueSet: boolean,
): void {
  const broken = checkAnswer(scale, next, 'ja', {
    customizedApproach: catalogMeta(ctx, c.catalog.catalogRow).customized_approach,
  });
  if (broken) throw new AppError('bad_input', broken.key, { ...broken.params, control: c.controlKey });
  if (valueSet)
    assertExclusionAllowed(
      ctx,
      scale,
      { catalogRow: c.catalog.catalogRow, controlId: c.controlId, key: c.controlKey },
      next.value,
    );
}

/**
 * Writes one answer and its history entry (inside the caller's transaction), reading the stored answer once.
 * Returns the answer as stored, or null when nothing changed.
 */
function write(
  ctx: ServiceContext,
  assessmentId: string,
  c: ResolvedControl,
  next: (before: AnswerFields, stored: StoredAnswer | undefined) => AnswerFields,
  meta: WriteMeta,
): AnswerRecord | null {
  const stored = storedAnswer(ctx.db, assessmentId, c.controlRow);
  const before = stored?.fields ?? answerFieldsOf(undefined);
  const after = next(before, stored);
  if (sameAnswer(before, after)) return null;
  upsertAnswer(ctx.db, { assessmentId, controlRow: c.controlRow, at: meta.at, actor: meta.actor }, after);
  stmt(ctx.db, 'UPDATE assessments SET updated_at = ? WHERE id = ?').run(meta.at, assessmentId);
  appendAudit(ctx.db, {
    at: meta.at,
    actor: meta.actor,
    action: meta.action,
    assessmentId,
    entity: 'answer',
    entityId: c.controlKey,
    oldValue: stored ? before : null,
    newValue: meta.batch ? { ...after, batch: meta.batch } : after,
    appVersion: ctx.appVersion,
  });
  return {
    controlId: c.controlId,
    controlKey: c.controlKey,
    ...after,
    updatedAt: meta.at,
    updatedBy: meta.actor,
    revision: (stored?.revision ?? 0) + 1,
  };
}

/**
 * Saves one answer as one transaction with its history entry; fields left out keep their values. Progress is that
 * of the control's catalog.
 */
export function setAnswer(
  ctx: ServiceContext,
  input: { assessmentId: string; controlKey: string } & AnswerPatch,
): AnswerSaved {
  const a = assertEditable(ctx, input.assessmentId);
  const c = resolveControl(ctx, a.id, input.controlKey);
  const scale = catalogMeta(ctx, c.catalog.catalogRow).answer_scale;
  const meta = { at: isoNow(ctx), actor: actorOf(ctx), action: 'answer.set' };
  let saved: AnswerRecord | null = null;
  // A save that changes nothing writes nothing and answers with the answer as stored (or the empty answer).
  let unchanged: AnswerRecord = {
    controlId: c.controlId,
    controlKey: c.controlKey,
    ...answerFieldsOf(undefined),
    updatedAt: meta.at,
    updatedBy: meta.actor,
    revision: 0,
  };
  ctx.db
    .transaction(() => {
      saved = write(
        ctx,
        a.id,
        c,
        (before, stored) => {
          const next = clearCarriedOnChange(before, mergeAnswer(before, input), input);
          enforce(ctx, scale, next, c, input.value !== undefined);
          if (stored)
            unchanged = {
              controlId: c.controlId,
              controlKey: c.controlKey,
              ...stored.fields,
              updatedAt: stored.updatedAt,
              updatedBy: stored.updatedBy,
              revision: stored.revision,
            };
          return next;
        },
        meta,
      );
    })
    .immediate();
  return { answer: saved ?? unchanged, progress: progressOf(ctx, a.id, c.catalog.catalogRow) };
}

/** Answers a selection of controls with the same value (and one justification) in one transaction. */
export function batchAnswer(
  ctx: ServiceContext,
  input: {
    assessmentId: string;
    controlKeys: string[];
    value: string | null;
    justification?: string | undefined;
    comment?: string | undefined;
  },
): { changed: number; answers: AnswerRecord[]; progress: Progress } {
  const a = assertEditable(ctx, input.assessmentId);
  const resolved = resolveControls(ctx, a.id, input.controlKeys);
  const catalogRows = new Set(resolved.map((c) => c.catalog.catalogRow));
  // One selection, one catalog: the value must mean the same thing for every control in it.
  if (catalogRows.size > 1) throw new AppError('bad_input', 'batchAcrossCatalogs', {});
  const catalogRow = resolved[0]?.catalog.catalogRow as number;
  const scale = catalogMeta(ctx, catalogRow).answer_scale;
  const meta = { at: isoNow(ctx), actor: actorOf(ctx), action: 'answer.set', batch: randomUUID() };
  const patch: AnswerPatch = { value: input.value, justification: input.justification, comment: input.comment };
  const answers: AnswerRecord[] = [];
  ctx.db
    .transaction(() => {
      for (const c of resolved) {
        const saved = write(
          ctx,
          a.id,
          c,
          (before) => {
            const next = clearCarriedOnChange(before, mergeAnswer(before, patch), patch);
            enforce(ctx, scale, next, c, true);
            return next;
          },
          meta,
        );
        if (saved) answers.push(saved);
      }
    })
    .immediate();
  return { changed: answers.length, answers, progress: progressOf(ctx, a.id, catalogRow) };
}

type HistoryRow = {
  seq: number;
  entity_id: string;
  old_value: string | null;
  new_value: string | null;
  actor: string;
  action: string;
};

/**
 * Undoes the last answer change made by this user in this assessment (a whole batch counts as one change).
 * The undo is itself a new, recorded change: history only ever grows.
 */
export function undoLastAnswer(
  ctx: ServiceContext,
  input: { assessmentId: string },
): { undone: string[]; answers: AnswerRecord[]; progress: Progress } {
  const a = assertEditable(ctx, input.assessmentId);
  const actor = actorOf(ctx);
  const last = ctx.db
    .prepare(
      `SELECT seq, entity_id, old_value, new_value, actor, action FROM audit_log
      WHERE assessment_id = ? AND entity = 'answer' AND action IN ('answer.set', 'answer.undo') ORDER BY seq DESC LIMIT 1`,
    )
    .get(a.id) as HistoryRow | undefined;
  if (!last || last.actor !== actor || last.action === 'answer.undo')
    throw new AppError('conflict', 'nothingToUndo', {});
  const batch = (JSON.parse(last.new_value ?? '{}') as { batch?: string }).batch;
  const entries = batch
    ? (ctx.db
        .prepare(
          `SELECT seq, entity_id, old_value, new_value, actor, action FROM audit_log WHERE assessment_id = ? AND entity = 'answer' AND action = 'answer.set' AND json_extract(new_value, '$.batch') = ? ORDER BY seq DESC`,
        )
        .all(a.id, batch) as HistoryRow[])
    : [last];
  const meta = { at: isoNow(ctx), actor, action: 'answer.undo' };
  const controls = resolveControls(
    ctx,
    a.id,
    entries.map((e) => e.entity_id),
  );
  const answers: AnswerRecord[] = [];
  ctx.db
    .transaction(() => {
      entries.forEach((e, i) => {
        const previous = answerFieldsOf(e.old_value ? (JSON.parse(e.old_value) as Partial<AnswerFields>) : undefined);
        const saved = write(ctx, a.id, controls[i] as ResolvedControl, () => previous, meta);
        if (saved) answers.push(saved);
      });
    })
    .immediate();
  return {
    undone: answers.map((x) => x.controlKey),
    answers,
    progress: progressOf(ctx, a.id, controls[0]?.catalog.catalogRow),
  };
}
