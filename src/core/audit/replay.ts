import { ANSWER_FIELD_NAMES, answerFieldsOf, sameAnswer, type AnswerFields } from '../assessment/answer-fields';
import { applySignoffEntry, compareSignoff, emptySignoffReplay, type SignoffReplay } from './signoff-replay';
import type { Signoff } from '../assessment/signoff';
import { applyMergeEntry, MERGE_ACTION } from './replay-merge';

/**
 * The answers are the replay of the history. This folds one assessment's history entries, in order, into the state
 * they claim — every answer (its fields, revision, who and when), every evidence file and link, the status, the
 * assessment's name and details, the suggestions ignored — and compares it with what is stored. Pure: the workspace
 * (`audit verify`) and the assessment file importer feed it their rows.
 *
 * Two kinds of divergence, each naming the entry: the history contradicts itself (an entry's old value is not the
 * state the entries before it produced: an entry was rewritten, deleted, inserted or moved), or the stored state is
 * not the history's end state (answers edited without history, history without its change). What a replay cannot
 * see: a forgery that rewrites the history and the state together so that they agree, or that moves entries of
 * unrelated controls past each other. That needs an anchor outside the data (a chain head kept elsewhere) or a
 * signature.
 */

export type HistoryEntry = {
  /** The entry's number where it is shown to a person: the chain's seq in a workspace, the 1-based position in a file. */
  seq: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  oldValue: unknown;
  newValue: unknown;
};

export type AssessmentStatus = 'draft' | 'in_review' | 'final';
export type AssessmentDetails = {
  name: string;
  scope: string;
  assessors: string;
  periodStart: string | null;
  periodEnd: string | null;
  /** 総評 (an older stored state or file without it has ''). */
  overallComment: string;
};
const DETAIL_FIELDS = ['name', 'scope', 'assessors', 'periodStart', 'periodEnd', 'overallComment'] as const;

export type StoredAnswerState = AnswerFields & {
  controlKey: string;
  revision: number;
  updatedAt: string;
  updatedBy: string;
};
export type StoredEvidenceState = {
  id: string;
  fileName: string;
  sha256: string;
  size: number;
  addedBy: string;
  addedAt: string;
  controlKeys: readonly string[];
};
export type StoredDismissal = {
  controlKey: string;
  sourceAssessmentId: string;
  sourceKey: string;
  dismissedBy: string;
  dismissedAt: string;
};
export type StoredState = {
  status: AssessmentStatus;
  details: AssessmentDetails;
  answers: readonly StoredAnswerState[];
  evidence: readonly StoredEvidenceState[];
  dismissals: readonly StoredDismissal[];
  /** Who prepared, reviewed and approved it; compared when given. */
  signoff?: Signoff | undefined;
};

export type Divergence = {
  /** What differs: the history itself, or the stored answer / evidence / link / status / details / ignored suggestion. */
  subject: 'history' | 'answer' | 'evidence' | 'link' | 'status' | 'assessment' | 'dismissal' | 'signoff';
  /** The control key, evidence ID or suggestion it concerns ('' for the assessment itself). */
  key: string;
  field: string;
  /** What the history says, and what is stored (or, for `history`, what the entry itself claims). */
  expected: string;
  stored: string;
  /** The entry named: the one that contradicts, or the last one that wrote what differs; null when no entry wrote it. */
  seq: number | null;
  action: string | null;
};

type Answer = { fields: AnswerFields; revision: number; updatedAt: string; updatedBy: string; entry: HistoryEntry };
type Evidence = {
  fileName: string;
  sha256: string;
  size: number;
  addedBy: string;
  addedAt: string;
  entry: HistoryEntry;
};

export type ReplayState = {
  status: AssessmentStatus;
  statusEntry: HistoryEntry | null;
  details: Partial<AssessmentDetails>;
  detailsEntry: HistoryEntry | null;
  answers: Map<string, Answer>;
  evidence: Map<string, Evidence>;
  /** `evidenceId \0 controlKey` → the entry that linked them. */
  links: Map<string, HistoryEntry>;
  dismissals: Map<string, HistoryEntry>;
  signoff: SignoffReplay;
};

const STATUSES: readonly string[] = ['draft', 'in_review', 'final'];
const obj = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const linkKey = (evidenceId: string, controlKey: string) => `${evidenceId}\u0000${controlKey}`;
const dismissalKey = (controlKey: string, sourceAssessmentId: string, sourceKey: string) =>
  `${controlKey}\u0000${sourceAssessmentId}\u0000${sourceKey}`;

/** A value as a person reads it in a message: JSON, cut short. */
export function shown(v: unknown): string {
  const s = v === undefined ? '—' : JSON.stringify(v);
  return s.length > 80 ? `${s.slice(0, 77)}…` : s;
}

class Contradiction extends Error {
  constructor(readonly divergence: Divergence) {
    super(divergence.field);
  }
}

function contradiction(
  e: HistoryEntry,
  key: string,
  field: string,
  expected: unknown,
  claimed: unknown,
): Contradiction {
  return new Contradiction({
    subject: 'history',
    key,
    field,
    expected: shown(expected),
    stored: shown(claimed),
    seq: e.seq,
    action: e.action,
  });
}

/** The first field in which two answers differ. */
function answerDiff(a: AnswerFields | null, b: AnswerFields | null): string | null {
  if (a === null || b === null) return a === b ? null : 'value';
  return ANSWER_FIELD_NAMES.find((k) => a[k] !== b[k]) ?? null;
}

/**
 * The state an assessment's history produces. `firstCatalogId` is the catalog whose controls have bare keys (an
 * upgrade entry names control IDs of its catalog). Throws nothing: a history that contradicts itself is returned
 * as a divergence naming the entry.
 */
export type ReplayOptions = {
  /**
   * Whether an upgrade from catalog version `from` to `to` (`id@version`) kept the answer of a control it does not
   * list as changed or removed. It keeps only controls whose text is unchanged, and compares only controls that
   * are not withdrawn: so not one withdrawn in `from` (a version corrected in place keeps an answered control that
   * disappeared as withdrawn), nor one missing or withdrawn in `to`. Without it every unlisted answer is kept.
   */
  keptOnUpgrade?: (from: string, to: string, controlId: string) => boolean;
};

export function replayHistory(
  entries: readonly HistoryEntry[],
  firstCatalogId: string,
  opts: ReplayOptions = {},
): { ok: true; state: ReplayState } | { ok: false; divergence: Divergence } {
  const s: ReplayState = {
    status: 'draft',
    statusEntry: null,
    details: {},
    detailsEntry: null,
    answers: new Map(),
    evidence: new Map(),
    links: new Map(),
    dismissals: new Map(),
    signoff: emptySignoffReplay(),
  };
  // An assessment without its creation entry has lost its history (or never had one written by Tenken).
  if (entries.length === 0)
    return {
      ok: false,
      divergence: {
        subject: 'history',
        key: '',
        field: 'first entry',
        expected: 'assessment.create',
        stored: 'none',
        seq: null,
        action: null,
      },
    };
  try {
    entries.forEach((e, i) => apply(s, e, i, firstCatalogId, opts));
  } catch (err) {
    if (err instanceof Contradiction) return { ok: false, divergence: err.divergence };
    throw err;
  }
  return { ok: true, state: s };
}

function apply(s: ReplayState, e: HistoryEntry, index: number, firstCatalogId: string, opts: ReplayOptions): void {
  const nv = obj(e.newValue);
  const ov = obj(e.oldValue);
  // Every assessment's history begins with its creation; a history that does not was cut.
  if (index === 0 && e.action !== 'assessment.create')
    throw contradiction(e, '', 'first entry', 'assessment.create', e.action);
  if (index > 0 && e.action === 'assessment.create')
    throw contradiction(e, '', 'assessment.create', 'once, first', `entry ${e.seq}`);
  switch (e.action) {
    case 'assessment.create': {
      const name = str(nv.name);
      if (name !== undefined) s.details.name = name;
      s.detailsEntry = e;
      s.statusEntry = e;
      return;
    }
    case 'assessment.status':
    case 'assessment.reopen': {
      if (ov.status !== s.status) throw contradiction(e, '', 'status', s.status, ov.status);
      const next = str(nv.status);
      if (!next || !STATUSES.includes(next))
        throw contradiction(e, '', 'status', 'draft | in_review | final', nv.status);
      s.status = next as AssessmentStatus;
      s.statusEntry = e;
      // Reopening a final assessment withdraws its approval.
      if (e.action === 'assessment.reopen') s.signoff.approved = null;
      return;
    }
    case 'assessment.update': {
      for (const k of DETAIL_FIELDS)
        if (s.details[k] !== undefined && k in ov && ov[k] !== s.details[k])
          throw contradiction(e, '', k, s.details[k], ov[k]);
      for (const k of DETAIL_FIELDS) if (k in nv) (s.details as Record<string, unknown>)[k] = nv[k];
      s.detailsEntry = e;
      return;
    }
    case 'answer.set':
    case 'answer.undo': {
      const before = s.answers.get(e.entityId);
      const claimed =
        e.oldValue === null || e.oldValue === undefined ? null : answerFieldsOf(ov as Partial<AnswerFields>);
      const field = answerDiff(before?.fields ?? null, claimed);
      if (field)
        throw contradiction(
          e,
          e.entityId,
          field,
          before ? (before.fields[field as keyof AnswerFields] ?? null) : null,
          claimed ? claimed[field as keyof AnswerFields] : null,
        );
      const after = answerFieldsOf(nv as Partial<AnswerFields>);
      // A save that changes nothing writes no entry; an entry that changes nothing was not written by a save.
      if (before && sameAnswer(before.fields, after))
        throw contradiction(e, e.entityId, 'newValue', 'a change', shown(after.value));
      s.answers.set(e.entityId, {
        fields: after,
        revision: (before?.revision ?? 0) + 1,
        updatedAt: e.at,
        updatedBy: e.actor,
        entry: e,
      });
      return;
    }
    case 'evidence.add': {
      if (s.evidence.has(e.entityId)) throw contradiction(e, e.entityId, 'evidence.add', 'once', 'again');
      s.evidence.set(e.entityId, {
        fileName: str(nv.fileName) ?? '',
        sha256: str(nv.sha256) ?? '',
        size: typeof nv.size === 'number' ? nv.size : -1,
        addedBy: e.actor,
        addedAt: e.at,
        entry: e,
      });
      return;
    }
    case 'evidence.link':
    case 'evidence.unlink': {
      const evidenceId = str(nv.evidenceId) ?? '';
      const k = linkKey(evidenceId, e.entityId);
      if (!s.evidence.has(evidenceId))
        throw contradiction(e, e.entityId, 'evidenceId', 'evidence added before', evidenceId);
      const linked = e.action === 'evidence.link';
      // A link is recorded only when it changes something.
      if (s.links.has(k) === linked)
        throw contradiction(
          e,
          e.entityId,
          e.action,
          linked ? 'not linked' : 'linked',
          linked ? 'linked' : 'not linked',
        );
      if (linked) s.links.set(k, e);
      else s.links.delete(k);
      return;
    }
    case 'assessment.upgrade': {
      // Answers and links of controls whose text changed or that were removed are dropped (kept in the entry).
      const from = str(ov.catalog) ?? '';
      const to = str(nv.catalog) ?? '';
      const catalog = from.split('@')[0] ?? '';
      const listed = new Set(
        [nv.changed, nv.removed]
          .flatMap((list) => (Array.isArray(list) ? list : []))
          .map((c) => str(obj(c).controlId))
          .filter((x): x is string => x !== undefined),
      );
      // The control ID a key names in the upgraded catalog, or null for a key of another catalog.
      const idOf = (key: string): string | null => {
        if (catalog === firstCatalogId) return key.includes(':') ? null : key;
        return key.startsWith(`${catalog}:`) ? key.slice(catalog.length + 1) : null;
      };
      const dropped = (key: string) => {
        const id = idOf(key);
        return id !== null && (listed.has(id) || (opts.keptOnUpgrade ? !opts.keptOnUpgrade(from, to, id) : false));
      };
      for (const key of [...s.answers.keys()]) if (dropped(key)) s.answers.delete(key);
      for (const lk of [...s.links.keys()]) if (dropped(lk.split('\u0000')[1] ?? '')) s.links.delete(lk);
      return;
    }
    case 'suggestion.dismiss': {
      const k = dismissalKey(e.entityId, str(nv.sourceAssessmentId) ?? '', str(nv.sourceKey) ?? '');
      if (s.dismissals.has(k)) throw contradiction(e, e.entityId, 'suggestion.dismiss', 'once', 'again');
      s.dismissals.set(k, e);
      return;
    }
    case 'assessment.signoff':
    case 'assessment.approve': {
      const c = applySignoffEntry(s.signoff, e, s.status);
      if (c) throw contradiction(e, '', c.field, c.expected, c.claimed);
      return;
    }
    case MERGE_ACTION:
      // A merge of another copy: the resulting values it records (replay-merge.ts).
      applyMergeEntry(s, e, (key, field, expected, claimed) => contradiction(e, key, field, expected, claimed));
      return;
    default:
      // Entries that change nothing replayed here (a catalog added or removed, organizations) pass.
      return;
  }
}

const div = (
  subject: Divergence['subject'],
  key: string,
  field: string,
  expected: unknown,
  stored: unknown,
  entry: HistoryEntry | null | undefined,
): Divergence => ({
  subject,
  key,
  field,
  expected: shown(expected),
  stored: shown(stored),
  seq: entry?.seq ?? null,
  action: entry?.action ?? null,
});

/** The first place where the stored state is not what the history replays to; null when they agree exactly. */
export function compareWithReplay(s: ReplayState, stored: StoredState): Divergence | null {
  if (stored.status !== s.status) return div('status', '', 'status', s.status, stored.status, s.statusEntry);
  for (const k of DETAIL_FIELDS) {
    const want = s.details[k];
    if (want !== undefined && want !== stored.details[k])
      return div('assessment', '', k, want, stored.details[k], s.detailsEntry);
  }
  const seen = new Set<string>();
  for (const a of stored.answers) {
    seen.add(a.controlKey);
    const r = s.answers.get(a.controlKey);
    if (!r) return div('answer', a.controlKey, 'value', null, a.value, null);
    const f = answerDiff(r.fields, answerFieldsOf(a));
    if (f)
      return div('answer', a.controlKey, f, r.fields[f as keyof AnswerFields], a[f as keyof AnswerFields], r.entry);
    if (r.revision !== a.revision) return div('answer', a.controlKey, 'revision', r.revision, a.revision, r.entry);
    if (r.updatedAt !== a.updatedAt) return div('answer', a.controlKey, 'updatedAt', r.updatedAt, a.updatedAt, r.entry);
    if (r.updatedBy !== a.updatedBy) return div('answer', a.controlKey, 'updatedBy', r.updatedBy, a.updatedBy, r.entry);
  }
  for (const [key, r] of s.answers)
    if (!seen.has(key)) return div('answer', key, 'value', r.fields.value, null, r.entry);

  const storedLinks = new Set<string>();
  const evidenceSeen = new Set<string>();
  for (const e of stored.evidence) {
    evidenceSeen.add(e.id);
    const r = s.evidence.get(e.id);
    if (!r) return div('evidence', e.id, 'fileName', null, e.fileName, null);
    for (const f of ['fileName', 'sha256', 'size', 'addedBy', 'addedAt'] as const)
      if (r[f] !== e[f]) return div('evidence', e.id, f, r[f], e[f], r.entry);
    for (const key of e.controlKeys) {
      const k = linkKey(e.id, key);
      storedLinks.add(k);
      if (!s.links.has(k)) return div('link', key, e.fileName, null, 'linked', null);
    }
  }
  for (const [id, r] of s.evidence)
    if (!evidenceSeen.has(id)) return div('evidence', id, 'fileName', r.fileName, null, r.entry);
  for (const [k, entry] of s.links)
    if (!storedLinks.has(k))
      return div(
        'link',
        k.split('\u0000')[1] ?? '',
        s.evidence.get(k.split('\u0000')[0] ?? '')?.fileName ?? '',
        'linked',
        null,
        entry,
      );

  const dismissed = new Set<string>();
  for (const d of stored.dismissals) {
    const k = dismissalKey(d.controlKey, d.sourceAssessmentId, d.sourceKey);
    dismissed.add(k);
    const r = s.dismissals.get(k);
    if (!r) return div('dismissal', d.controlKey, d.sourceKey, null, 'dismissed', null);
    if (r.actor !== d.dismissedBy || r.at !== d.dismissedAt)
      return div(
        'dismissal',
        d.controlKey,
        'dismissedAt',
        `${r.actor} ${r.at}`,
        `${d.dismissedBy} ${d.dismissedAt}`,
        r,
      );
  }
  for (const [k, r] of s.dismissals)
    if (!dismissed.has(k)) return div('dismissal', r.entityId, k.split('\u0000')[2] ?? '', 'dismissed', null, r);
  const d = stored.signoff ? compareSignoff(s.signoff, stored.signoff) : null;
  return d ? div('signoff', d.step, d.field, d.expected, d.stored, d.entry) : null;
}

/** Replays and compares in one step: the first divergence, or null when history and state agree. */
export function checkHistory(
  entries: readonly HistoryEntry[],
  firstCatalogId: string,
  stored: StoredState,
  opts: ReplayOptions = {},
): Divergence | null {
  const r = replayHistory(entries, firstCatalogId, opts);
  return r.ok ? compareWithReplay(r.state, stored) : r.divergence;
}
