import { z } from 'zod';
import {
  AnswerFieldsWithDefaultsSchema,
  answerFieldsOf,
  sameAnswer,
  type AnswerFields,
} from '../assessment/answer-fields';
import type { AssessmentDetails, AssessmentStatus, HistoryEntry, ReplayState } from './replay';

/**
 * The merge entry (`assessment.merge`): one history entry recording a merge of another copy of the assessment (an
 * assessment file or sealed package) into this one, in one transaction. It carries both chain heads (the
 * assessment's own history before the merge, and the incoming file's), the common point found, the choices made for
 * every conflict, and the resulting value of everything it changed, so that the replay reproduces the merged state
 * exactly (answers with the author and time they came with, status, details, evidence files and links, ignored
 * suggestions). `oldValue` holds what each changed answer, the status and details were before, checked like the old
 * value of any other entry.
 */
export const MERGE_ACTION = 'assessment.merge';

const Sha = z.string().regex(/^[0-9a-f]{64}$/);
export const ChainHeadSchema = z.strictObject({ entries: z.number().int().min(0), head: Sha });
export type ChainHead = z.infer<typeof ChainHeadSchema>;
const Status = z.enum(['draft', 'in_review', 'final']);
const Details = z
  .strictObject({
    name: z.string().max(200),
    scope: z.string().max(4000),
    assessors: z.string().max(1000),
    periodStart: z.string().max(10).nullable(),
    periodEnd: z.string().max(10).nullable(),
    overallComment: z.string().max(20000),
  })
  .partial();
const MergeAnswer = z.strictObject({
  controlKey: z.string().min(1).max(130),
  fields: AnswerFieldsWithDefaultsSchema,
  updatedAt: z.string().max(40),
  updatedBy: z.string().max(200),
});
export type MergeAnswer = z.infer<typeof MergeAnswer>;
const MergeEvidence = z.strictObject({
  id: z.string().min(1).max(64),
  fileName: z.string().min(1).max(255),
  sha256: Sha,
  size: z.number().int().min(1),
  mediaType: z.string().max(200),
  addedBy: z.string().max(200),
  addedAt: z.string().max(40),
});
export type MergeEvidence = z.infer<typeof MergeEvidence>;
const MergeLink = z.strictObject({
  evidenceId: z.string().min(1).max(64),
  controlKey: z.string().min(1).max(130),
  linked: z.boolean(),
});
export type MergeLink = z.infer<typeof MergeLink>;
const MergeDismissal = z.strictObject({
  controlKey: z.string().min(1).max(130),
  sourceAssessmentId: z.string().max(64),
  sourceKey: z.string().max(130),
  dismissedBy: z.string().max(200),
  dismissedAt: z.string().max(40),
});
export type MergeDismissal = z.infer<typeof MergeDismissal>;
export const MergeTake = z.enum(['ours', 'theirs']);
export type MergeTake = z.infer<typeof MergeTake>;

export const MergeEntryNew = z.strictObject({
  ours: ChainHeadSchema,
  theirs: ChainHeadSchema,
  base: ChainHeadSchema.extend({ from: z.enum(['common', 'ours', 'theirs']) }),
  choices: z.array(z.strictObject({ key: z.string().min(1).max(140), take: MergeTake })),
  answers: z.array(MergeAnswer),
  status: Status.optional(),
  details: Details.optional(),
  evidence: z.array(MergeEvidence),
  links: z.array(MergeLink),
  dismissals: z.array(MergeDismissal),
});
export type MergeEntryNew = z.infer<typeof MergeEntryNew>;
export const MergeEntryOld = z.strictObject({
  answers: z.array(
    z.strictObject({ controlKey: z.string().min(1).max(130), fields: AnswerFieldsWithDefaultsSchema.nullable() }),
  ),
  status: Status.optional(),
  details: Details.optional(),
});
export type MergeEntryOld = z.infer<typeof MergeEntryOld>;

/** Raised for an entry that contradicts the state before it (replay.ts turns it into a divergence naming the entry). */
export type MergeFail = (key: string, field: string, expected: unknown, claimed: unknown) => Error;

const DETAIL_FIELDS = ['name', 'scope', 'assessors', 'periodStart', 'periodEnd', 'overallComment'] as const;
// The same keys as replay.ts uses for its maps.
const linkKey = (evidenceId: string, controlKey: string) => `${evidenceId}\u0000${controlKey}`;
const dismissalKey = (controlKey: string, sourceAssessmentId: string, sourceKey: string) =>
  `${controlKey}\u0000${sourceAssessmentId}\u0000${sourceKey}`;
const same = (a: AnswerFields | null, b: AnswerFields | null) =>
  a === null || b === null ? a === b : sameAnswer(a, b);

/** Folds a merge entry into the replayed state; throws `fail(...)` where the entry contradicts what came before. */
export function applyMergeEntry(s: ReplayState, e: HistoryEntry, fail: MergeFail): void {
  const nvParsed = MergeEntryNew.safeParse(e.newValue);
  const ovParsed = MergeEntryOld.safeParse(e.oldValue);
  if (!nvParsed.success || !ovParsed.success) throw fail('', MERGE_ACTION, 'a merge record', 'malformed');
  const nv = nvParsed.data;
  const ov = ovParsed.data;
  if (nv.status !== undefined) {
    if (ov.status !== s.status) throw fail('', 'status', s.status, ov.status);
    s.status = nv.status as AssessmentStatus;
    s.statusEntry = e;
  }
  if (nv.details) {
    const before = ov.details ?? {};
    for (const k of DETAIL_FIELDS) {
      if (!(k in nv.details)) continue;
      if (s.details[k] !== undefined && before[k] !== s.details[k]) throw fail('', k, s.details[k], before[k]);
      (s.details as Record<string, unknown>)[k] = nv.details[k] as AssessmentDetails[typeof k];
    }
    s.detailsEntry = e;
  }
  const olds = new Map(ov.answers.map((a) => [a.controlKey, a.fields === null ? null : answerFieldsOf(a.fields)]));
  for (const a of nv.answers) {
    const before = s.answers.get(a.controlKey);
    if (!olds.has(a.controlKey)) throw fail(a.controlKey, 'oldValue', 'recorded', 'missing');
    const claimed = olds.get(a.controlKey) ?? null;
    if (!same(before?.fields ?? null, claimed))
      throw fail(a.controlKey, 'value', before?.fields.value ?? null, claimed ? claimed.value : null);
    const after = answerFieldsOf(a.fields);
    if (before && sameAnswer(before.fields, after)) throw fail(a.controlKey, 'newValue', 'a change', after.value);
    s.answers.set(a.controlKey, {
      fields: after,
      revision: (before?.revision ?? 0) + 1,
      updatedAt: a.updatedAt,
      updatedBy: a.updatedBy,
      entry: e,
    });
  }
  for (const x of nv.evidence) {
    if (s.evidence.has(x.id)) throw fail(x.id, 'evidence.add', 'once', 'again');
    s.evidence.set(x.id, {
      fileName: x.fileName,
      sha256: x.sha256,
      size: x.size,
      addedBy: x.addedBy,
      addedAt: x.addedAt,
      entry: e,
    });
  }
  for (const l of nv.links) {
    if (!s.evidence.has(l.evidenceId)) throw fail(l.controlKey, 'evidenceId', 'evidence added before', l.evidenceId);
    const k = linkKey(l.evidenceId, l.controlKey);
    if (s.links.has(k) === l.linked)
      throw fail(l.controlKey, 'evidence.link', l.linked ? 'not linked' : 'linked', l.linked ? 'linked' : 'not linked');
    if (l.linked) s.links.set(k, e);
    else s.links.delete(k);
  }
  for (const d of nv.dismissals) {
    const k = dismissalKey(d.controlKey, d.sourceAssessmentId, d.sourceKey);
    if (s.dismissals.has(k)) throw fail(d.controlKey, 'suggestion.dismiss', 'once', 'again');
    // Who ignored it and when, as it came with the merged copy.
    s.dismissals.set(k, { ...e, actor: d.dismissedBy, at: d.dismissedAt, entityId: d.controlKey });
  }
}
