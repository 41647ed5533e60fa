import type { AnswerFields } from '../assessment/answer-fields';
import { sameAnswer } from '../assessment/answer-fields';
import {
  replayHistory,
  type AssessmentDetails,
  type AssessmentStatus,
  type HistoryEntry,
  type ReplayOptions,
  type ReplayState,
} from '../audit/replay';
import {
  MERGE_ACTION,
  MergeEntryNew,
  type ChainHead,
  type MergeAnswer,
  type MergeDismissal,
  type MergeEntryOld,
  type MergeEvidence,
  type MergeLink,
  type MergeTake,
} from '../audit/replay-merge';
import { canonicalJson } from '../util/canonical-json';
import { sha256Hex } from '../util/sha256';

/**
 * Merging two copies of one assessment (the same assessment ID) through their histories. Pure: the service feeds it
 * this workspace's history of the assessment and the incoming file's, both already checked (each replays to exactly
 * its own answers, evidence and status).
 *
 * 1. Each history is chained on its own (`assessmentChain`: every entry's SHA-256 covers the one before it, from the
 *    assessment's creation), so the two copies share their entries up to the point where they went apart, and no
 *    further: the common point is the last entry both chains share by hash. A merge entry records the head of the
 *    copy it took in, so after a merge the next one starts from there (the copy taken in, as it was), not from the
 *    old fork: nothing already merged comes back as a conflict.
 * 2. No entry in common (not even the creation): two different histories under one ID — refused. The incoming head
 *    already in this chain, or already merged: nothing to do.
 * 3. From the state at the common point, what each side changed since: a control (or the status, or a detail) changed
 *    only on their side is taken over; changed on both sides to the same thing is no conflict; changed differently is
 *    a conflict, shown side by side for a person to choose. Evidence is matched by SHA-256 (their file already here
 *    under another entry is the same evidence); links are added or removed as their side did, per control.
 */

/** A history entry as both sides have it: what the chain covers. */
export type ChainedEntry = HistoryEntry & { appVersion: string };
export const EMPTY_CHAIN_HEAD = '0'.repeat(64);

/** The assessment's own hash chain: entry i's hash covers entry i and the hash before it (the same on every copy). */
export function assessmentChain(entries: readonly ChainedEntry[]): string[] {
  let prev = EMPTY_CHAIN_HEAD;
  return entries.map(
    (e) =>
      (prev = sha256Hex(
        prev +
          canonicalJson({
            at: e.at,
            actor: e.actor,
            action: e.action,
            entity: e.entity,
            entityId: e.entityId,
            oldValue: e.oldValue ?? null,
            newValue: e.newValue ?? null,
            appVersion: e.appVersion,
          }),
      )),
  );
}

const headOf = (hashes: readonly string[], n = hashes.length): ChainHead => ({
  entries: n,
  head: n === 0 ? EMPTY_CHAIN_HEAD : (hashes[n - 1] as string),
});
const holds = (hashes: readonly string[], h: ChainHead) => h.entries > 0 && hashes[h.entries - 1] === h.head;

export type MergeBase = ChainHead & { from: 'common' | 'ours' | 'theirs' };

/** One side of a conflict, as a person compares them: the value (and for a control its justification and comment), who, when. */
export type ConflictSide = { value: string | null; fields: AnswerFields | null; by: string | null; at: string | null };
export type MergeConflict = {
  /** The control key, or `@status`, or `@<detail>` (`@name`, `@scope`…): what a choice names. */
  key: string;
  kind: 'answer' | 'status' | 'detail';
  ours: ConflictSide;
  theirs: ConflictSide;
};

type PlannedAnswer = MergeAnswer & { old: AnswerFields | null };

export type MergeChanges = {
  answers: PlannedAnswer[];
  status?: AssessmentStatus;
  details: Partial<AssessmentDetails>;
  evidence: MergeEvidence[];
  links: MergeLink[];
  dismissals: MergeDismissal[];
};

export type MergePlan =
  | { outcome: 'nothing'; ours: ChainHead; theirs: ChainHead }
  | { outcome: 'unrelated'; ours: ChainHead; theirs: ChainHead }
  | {
      outcome: 'merge';
      ours: ChainHead;
      theirs: ChainHead;
      base: MergeBase;
      /** What only their side changed: taken over. */
      incoming: MergeChanges;
      /** Controls (status, details) only this side changed, and those both changed alike: kept, counted. */
      oursOnly: number;
      same: number;
      conflicts: MergeConflict[];
      /** For each conflict, what taking theirs writes. */
      theirsFor: Record<string, PlannedAnswer | { status: AssessmentStatus } | { detail: string; value: unknown }>;
      /** The state before the merge, for old values. */
      oursStatus: AssessmentStatus;
      oursDetails: Partial<AssessmentDetails>;
    };

const DETAIL_FIELDS = ['name', 'scope', 'assessors', 'periodStart', 'periodEnd', 'overallComment'] as const;
const sameFields = (a: AnswerFields | null, b: AnswerFields | null) =>
  a === null || b === null ? a === b : sameAnswer(a, b);

export class MergePlanError extends Error {
  constructor(
    readonly reason: 'replay' | 'evidenceId',
    readonly detail: string,
  ) {
    super(`${reason}: ${detail}`);
  }
}

function replayed(entries: readonly HistoryEntry[], first: string, opts: ReplayOptions, side: string): ReplayState {
  const r = replayHistory(entries, first, opts);
  if (!r.ok) throw new MergePlanError('replay', `${side} ${r.divergence.seq ?? '—'}`);
  return r.state;
}

/** The heads of copies taken in by the merge entries of a history. */
function mergedHeads(entries: readonly HistoryEntry[]): { at: number; theirs: ChainHead }[] {
  const out: { at: number; theirs: ChainHead }[] = [];
  entries.forEach((e, i) => {
    if (e.action !== MERGE_ACTION) return;
    const nv = MergeEntryNew.safeParse(e.newValue);
    if (nv.success) out.push({ at: i, theirs: nv.data.theirs });
  });
  return out;
}

/** Works out what merging `theirs` (the incoming file's history) into `ours` would do. */
export function planMerge(
  ours: readonly ChainedEntry[],
  theirs: readonly ChainedEntry[],
  firstCatalogId: string,
  opts: ReplayOptions = {},
): MergePlan {
  const oh = assessmentChain(ours);
  const th = assessmentChain(theirs);
  const oursHead = headOf(oh);
  const theirsHead = headOf(th);
  // Already here: their head is in our chain, or a merge here already took in exactly that head.
  if (
    theirsHead.entries === 0 ||
    holds(oh, theirsHead) ||
    mergedHeads(ours).some((m) => m.theirs.head === theirsHead.head && m.theirs.entries === theirsHead.entries)
  )
    return { outcome: 'nothing', ours: oursHead, theirs: theirsHead };
  let common = 0;
  while (common < oh.length && common < th.length && oh[common] === th[common]) common++;
  if (common === 0) return { outcome: 'unrelated', ours: oursHead, theirs: theirsHead };

  // The latest state both sides contain: the common point, or a copy one side already merged that the other holds.
  let base: MergeBase = { ...headOf(oh, common), from: 'common' };
  let baseEntries: readonly HistoryEntry[] = ours.slice(0, common);
  for (const m of mergedHeads(ours))
    if (holds(th, m.theirs) && m.theirs.entries > base.entries) {
      base = { ...m.theirs, from: 'theirs' };
      baseEntries = theirs.slice(0, m.theirs.entries);
    }
  for (const m of mergedHeads(theirs))
    if (holds(oh, m.theirs) && m.theirs.entries > base.entries) {
      base = { ...m.theirs, from: 'ours' };
      baseEntries = ours.slice(0, m.theirs.entries);
    }

  const b = replayed(baseEntries, firstCatalogId, opts, 'base');
  const o = replayed(ours, firstCatalogId, opts, 'ours');
  const t = replayed(theirs, firstCatalogId, opts, 'theirs');

  const incoming: MergeChanges = { answers: [], details: {}, evidence: [], links: [], dismissals: [] };
  const conflicts: MergeConflict[] = [];
  const theirsFor: Extract<MergePlan, { outcome: 'merge' }>['theirsFor'] = {};
  let oursOnly = 0;
  let same = 0;

  // Answers, control by control (first catalog first, as each side lists them).
  const keys = [...new Set([...o.answers.keys(), ...t.answers.keys()])];
  for (const key of keys) {
    const bf = b.answers.get(key)?.fields ?? null;
    const oa = o.answers.get(key) ?? null;
    const ta = t.answers.get(key) ?? null;
    const of = oa?.fields ?? null;
    const tf = ta?.fields ?? null;
    const theirsChanged = !sameFields(tf, bf);
    const oursChanged = !sameFields(of, bf);
    if (!theirsChanged) {
      if (oursChanged) oursOnly++;
      continue;
    }
    // An answer their side no longer has (an upgrade dropped it) is not something a merge can write.
    if (ta === null || tf === null) continue;
    const planned: PlannedAnswer = {
      controlKey: key,
      fields: tf,
      updatedAt: ta.updatedAt,
      updatedBy: ta.updatedBy,
      old: of,
    };
    if (!oursChanged) incoming.answers.push(planned);
    else if (sameFields(of, tf)) same++;
    else {
      conflicts.push({
        key,
        kind: 'answer',
        ours: { value: of?.value ?? null, fields: of, by: oa?.updatedBy ?? null, at: oa?.updatedAt ?? null },
        theirs: { value: tf.value, fields: tf, by: ta.updatedBy, at: ta.updatedAt },
      });
      theirsFor[key] = planned;
    }
  }

  // Status.
  if (t.status !== b.status) {
    if (o.status === b.status) incoming.status = t.status;
    else if (o.status === t.status) same++;
    else {
      conflicts.push({
        key: '@status',
        kind: 'status',
        ours: { value: o.status, fields: null, by: o.statusEntry?.actor ?? null, at: o.statusEntry?.at ?? null },
        theirs: { value: t.status, fields: null, by: t.statusEntry?.actor ?? null, at: t.statusEntry?.at ?? null },
      });
      theirsFor['@status'] = { status: t.status };
    }
  } else if (o.status !== b.status) oursOnly++;

  // Details, field by field (name, scope, assessors, period).
  for (const k of DETAIL_FIELDS) {
    const bv = b.details[k];
    const ov = o.details[k];
    const tv = t.details[k];
    if (tv === bv || tv === undefined) {
      if (ov !== bv) oursOnly++;
      continue;
    }
    if (ov === bv) (incoming.details as Record<string, unknown>)[k] = tv;
    else if (ov === tv) same++;
    else {
      const side = (s: ReplayState, v: unknown): ConflictSide => ({
        value: v === undefined || v === null ? null : String(v),
        fields: null,
        by: s.detailsEntry?.actor ?? null,
        at: s.detailsEntry?.at ?? null,
      });
      conflicts.push({ key: `@${k}`, kind: 'detail', ours: side(o, ov), theirs: side(t, tv) });
      theirsFor[`@${k}`] = { detail: k, value: tv };
    }
  }

  // Evidence by SHA-256: their file already here (under any entry) is the same evidence.
  const oursBySha = new Map([...o.evidence].map(([id, e]) => [e.sha256, id]));
  const idFor = new Map<string, string>(); // their evidence ID → the ID here
  for (const [id, e] of t.evidence) {
    const here = oursBySha.get(e.sha256);
    if (here !== undefined) {
      idFor.set(id, here);
      continue;
    }
    if (o.evidence.has(id)) throw new MergePlanError('evidenceId', id);
    idFor.set(id, id);
    incoming.evidence.push({
      id,
      fileName: e.fileName,
      sha256: e.sha256,
      size: e.size,
      mediaType: '',
      addedBy: e.addedBy,
      addedAt: e.addedAt,
    });
  }
  // Links per (file, control): as their side changed them since the common point, unless this side already did.
  const bySha = (s: ReplayState) =>
    new Set(
      [...s.links.keys()].map((k) => {
        const [id = '', key = ''] = k.split('\u0000');
        return `${s.evidence.get(id)?.sha256 ?? id}\u0000${key}`;
      }),
    );
  const bl = bySha(b);
  const ol = bySha(o);
  const tl = bySha(t);
  const theirIdBySha = new Map([...t.evidence].map(([id, e]) => [e.sha256, id]));
  for (const k of new Set([...bl, ...tl])) {
    const linked = tl.has(k);
    if (linked === bl.has(k) || ol.has(k) === linked) continue;
    const [sha = '', key = ''] = k.split('\u0000');
    const theirId = theirIdBySha.get(sha);
    const evidenceId = oursBySha.get(sha) ?? (theirId === undefined ? undefined : idFor.get(theirId));
    if (evidenceId !== undefined) incoming.links.push({ evidenceId, controlKey: key, linked });
  }

  // Ignored suggestions: theirs that are not here yet.
  for (const [k, entry] of t.dismissals) {
    if (o.dismissals.has(k)) continue;
    const [controlKey = '', sourceAssessmentId = '', sourceKey = ''] = k.split('\u0000');
    incoming.dismissals.push({
      controlKey,
      sourceAssessmentId,
      sourceKey,
      dismissedBy: entry.actor,
      dismissedAt: entry.at,
    });
  }

  return {
    outcome: 'merge',
    ours: oursHead,
    theirs: theirsHead,
    base,
    incoming,
    oursOnly,
    same,
    conflicts,
    theirsFor,
    oursStatus: o.status,
    oursDetails: o.details,
  };
}

/** Whether a plan changes anything at all (a copy with nothing new, all of it already here, is nothing to do). */
export function mergeChangesNothing(p: Extract<MergePlan, { outcome: 'merge' }>): boolean {
  const i = p.incoming;
  return (
    p.conflicts.length === 0 &&
    i.answers.length === 0 &&
    i.status === undefined &&
    Object.keys(i.details).length === 0 &&
    i.evidence.length === 0 &&
    i.links.length === 0 &&
    i.dismissals.length === 0
  );
}

/**
 * The merge entry for a plan and the choices: every conflict must be chosen (by key, or all at once with `take`).
 * Returns the entry's old and new values; the new value is what the service writes, and what the replay reproduces.
 * A choice of a key that is not a conflict, or a conflict left without one, is returned as a problem instead.
 */
export function buildMergeEntry(
  p: Extract<MergePlan, { outcome: 'merge' }>,
  choose: { take?: MergeTake | undefined; choices?: Readonly<Record<string, MergeTake>> | undefined },
  mediaTypeOf: (sha256: string) => string,
):
  | { ok: true; oldValue: MergeEntryOld; newValue: MergeEntryNew }
  | { ok: false; problem: 'notConflict' | 'unchosen'; key: string } {
  const conflictKeys = new Set(p.conflicts.map((c) => c.key));
  for (const key of Object.keys(choose.choices ?? {}))
    if (!conflictKeys.has(key)) return { ok: false, problem: 'notConflict', key };
  const choices: { key: string; take: MergeTake }[] = [];
  for (const c of p.conflicts) {
    const take = choose.choices?.[c.key] ?? choose.take;
    if (!take) return { ok: false, problem: 'unchosen', key: c.key };
    choices.push({ key: c.key, take });
  }
  const answers = [...p.incoming.answers];
  let status = p.incoming.status;
  const details: Partial<AssessmentDetails> = { ...p.incoming.details };
  for (const { key, take } of choices) {
    if (take !== 'theirs') continue;
    const w = p.theirsFor[key];
    if (!w) continue;
    if ('controlKey' in w) answers.push(w);
    else if ('status' in w) status = w.status;
    else (details as Record<string, unknown>)[w.detail] = w.value;
  }
  const detailKeys = Object.keys(details) as (keyof AssessmentDetails)[];
  const oldValue: MergeEntryOld = {
    answers: answers.map((a) => ({ controlKey: a.controlKey, fields: a.old })),
    ...(status !== undefined ? { status: p.oursStatus } : {}),
    // A detail no entry here ever wrote is left out (there is nothing recorded to compare it with).
    ...(detailKeys.length
      ? {
          details: Object.fromEntries(
            detailKeys.filter((k) => p.oursDetails[k] !== undefined).map((k) => [k, p.oursDetails[k]]),
          ),
        }
      : {}),
  };
  const newValue: MergeEntryNew = {
    ours: p.ours,
    theirs: p.theirs,
    base: p.base,
    choices,
    answers: answers.map(({ old: _old, ...a }) => a),
    ...(status !== undefined ? { status } : {}),
    ...(detailKeys.length ? { details } : {}),
    evidence: p.incoming.evidence.map((e) => ({ ...e, mediaType: mediaTypeOf(e.sha256) })),
    links: p.incoming.links,
    dismissals: p.incoming.dismissals,
  };
  return { ok: true, oldValue, newValue };
}

/** What a person sees before merging: counts of what comes over, and the conflicts side by side. */
export type MergePreview = {
  assessmentId: string;
  name: string;
  outcome: 'nothing' | 'merge';
  ours: ChainHead;
  theirs: ChainHead;
  base: MergeBase | null;
  /** Only their side changed these: taken over. */
  incoming: {
    answers: string[];
    status: AssessmentStatus | null;
    details: string[];
    evidence: number;
    links: number;
    dismissals: number;
  };
  oursOnly: number;
  same: number;
  conflicts: MergeConflict[];
};

export function previewOf(assessmentId: string, name: string, p: MergePlan): MergePreview {
  if (p.outcome !== 'merge' || mergeChangesNothing(p))
    return {
      assessmentId,
      name,
      outcome: 'nothing',
      ours: p.ours,
      theirs: p.theirs,
      base: p.outcome === 'merge' ? p.base : null,
      incoming: { answers: [], status: null, details: [], evidence: 0, links: 0, dismissals: 0 },
      oursOnly: p.outcome === 'merge' ? p.oursOnly : 0,
      same: p.outcome === 'merge' ? p.same : 0,
      conflicts: [],
    };
  const i = p.incoming;
  return {
    assessmentId,
    name,
    outcome: 'merge',
    ours: p.ours,
    theirs: p.theirs,
    base: p.base,
    incoming: {
      answers: i.answers.map((a) => a.controlKey),
      status: i.status ?? null,
      details: Object.keys(i.details),
      evidence: i.evidence.length,
      links: i.links.length,
      dismissals: i.dismissals.length,
    },
    oursOnly: p.oursOnly,
    same: p.same,
    conflicts: p.conflicts,
  };
}
