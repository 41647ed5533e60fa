import type { AnswerMeaning, AnswerValue, LocalizedText } from '../catalog/format';

/**
 * Scoring of one assessment, overall and per top-level group, and the comparison of two assessments.
 * Pure: the dashboard renders these figures and the PDF report can reuse them.
 *
 * Rules (the dashboard states them in words, ui.dashboard.rule.*):
 * - Only assessable controls count. An answer is "answered" when its value is not null. A value that is not in the
 *   answer scale (should not happen) counts as answered with meaning `unknown` and is never scored.
 * - An answer is *scored* when it is answered, its meaning is not `not_applicable` / `not_tested` and its scale
 *   entry has a non-null score. Everything else that is answered is *excluded* (N/A, not tested, unscored values).
 * - `max` is the highest score in the answer scale among values that can be scored (1 for fractions, 4 for IPA).
 * - Each control counts with its catalog weight (default 1).
 * - percent: score = Σ(score × weight) / Σ(max × weight) × 100 over scored answers only. N/A and not tested are
 *   left out of the denominator; unanswered controls are not in the score at all and are reported separately.
 *   null when nothing is scored yet.
 * - points: score = Σ(score × weight) over scored answers (IPA 自社診断: 25 items × 4 = 100 at most, −1 for
 *   わからない). The maximum is Σ(max × weight) over every assessable control not answered N/A / not tested, so an
 *   unanswered control counts as 0 points of the maximum and the result is provisional until all are answered.
 *   The band is the first one, from the highest minimum down, whose min ≤ score. null when nothing is answered.
 * - ratio (0..100, for charts): percent → the percent; points → score / maximum × 100; both clamped to 0..100.
 */

export type ScoringMethod = 'percent' | 'points';
export type ScoreBand = { min: number; label: LocalizedText };
export type ScoringRule = { method: ScoringMethod; bands?: readonly ScoreBand[] | undefined };
export type ScaleEntry = Pick<AnswerValue, 'value' | 'meaning' | 'score'>;

/** What scoring needs of a control; the API's ControlView fits, a catalog weight is used when present. */
export type ScoringControl = {
  controlId: string;
  parentId: string | null;
  depth: number;
  assessable: boolean;
  title: LocalizedText;
  weight?: number | null | undefined;
};
export type ScoringAnswer = { controlId: string; value: string | null };

export type ScoringInput = {
  controls: readonly ScoringControl[];
  answers: readonly ScoringAnswer[];
  scale: readonly ScaleEntry[];
  /** The catalog's scoring; without one, see defaultScoring. */
  scoring?: ScoringRule | null | undefined;
};

export const MEANINGS: readonly AnswerMeaning[] = [
  'compliant',
  'partial',
  'noncompliant',
  'not_applicable',
  'not_tested',
  'unknown',
];
const UNSCORED_MEANINGS: ReadonlySet<AnswerMeaning> = new Set(['not_applicable', 'not_tested']);

export type ScoreFigures = {
  /** Assessable controls. */
  total: number;
  answered: number;
  unanswered: number;
  byMeaning: Record<AnswerMeaning, number>;
  /** Every scale value (0 when unused), plus any stray value found in the answers. */
  byValue: Record<string, number>;
  /** Answers in the score. */
  scored: number;
  /** Answered but outside the score (N/A, not tested, values without a score). */
  excluded: number;
  /** Σ score × weight over scored answers. */
  achieved: number;
  /** percent: Σ max × weight over scored answers; points: over every control not answered N/A / not tested. */
  possible: number;
  /** percent: 0..100 (null before anything is scored); points: the sum of points (null before anything is answered). */
  score: number | null;
  /** 0..100 for charts. */
  ratio: number | null;
  /** points with bands only. */
  band: ScoreBand | null;
  /** Every assessable control is answered. */
  complete: boolean;
};
export type GroupScore = ScoreFigures & { controlId: string; title: LocalizedText };
export type AssessmentScore = { method: ScoringMethod; max: number; overall: ScoreFigures; groups: GroupScore[] };

/** A catalog without `scoring`: a scale that scores above 1 is read as points (IPA style), else percent. */
export function defaultScoring(scale: readonly ScaleEntry[]): ScoringRule {
  return { method: scale.some((s) => s.score !== null && s.score > 1) ? 'points' : 'percent' };
}

export function maxScore(scale: readonly ScaleEntry[]): number {
  const scores = scale
    .filter((s) => !UNSCORED_MEANINGS.has(s.meaning) && s.score !== null)
    .map((s) => s.score as number);
  return scores.length ? Math.max(...scores) : 0;
}

/** The band for a points score: bands are taken from the highest minimum down (sorted defensively). */
export function bandFor(score: number | null, bands: readonly ScoreBand[] | undefined): ScoreBand | null {
  if (score === null || !bands?.length) return null;
  return [...bands].sort((a, b) => b.min - a.min).find((b) => b.min <= score) ?? null;
}

/** The top-level (depth-0) node each control belongs to, following parentId links. */
export function topAncestors(controls: readonly Pick<ScoringControl, 'controlId' | 'parentId'>[]): Map<string, string> {
  const parent = new Map(controls.map((c) => [c.controlId, c.parentId]));
  const top = new Map<string, string>();
  for (const c of controls) {
    let id = c.controlId;
    // A bound on the walk keeps a malformed (cyclic) parent chain from looping.
    for (let p = parent.get(id), steps = 0; p && parent.has(p) && steps < controls.length; p = parent.get(id), steps++)
      id = p;
    top.set(c.controlId, id);
  }
  return top;
}

type Tally = {
  total: number;
  answered: number;
  byMeaning: Record<AnswerMeaning, number>;
  byValue: Record<string, number>;
  scored: number;
  excluded: number;
  achieved: number;
  scoredPossible: number;
  applicablePossible: number;
};

function emptyTally(scale: readonly ScaleEntry[]): Tally {
  const byMeaning = Object.fromEntries(MEANINGS.map((m) => [m, 0])) as Record<AnswerMeaning, number>;
  const byValue: Record<string, number> = Object.fromEntries(scale.map((s) => [s.value, 0]));
  return {
    total: 0,
    answered: 0,
    byMeaning,
    byValue,
    scored: 0,
    excluded: 0,
    achieved: 0,
    scoredPossible: 0,
    applicablePossible: 0,
  };
}

const weightOf = (c: ScoringControl) =>
  typeof c.weight === 'number' && Number.isFinite(c.weight) && c.weight > 0 ? c.weight : 1;
const clamp = (n: number) => Math.min(100, Math.max(0, n));

function addControl(
  t: Tally,
  c: ScoringControl,
  value: string | null,
  entry: ScaleEntry | undefined,
  max: number,
): void {
  const w = weightOf(c);
  t.total++;
  if (value === null) {
    t.applicablePossible += max * w;
    return;
  }
  t.answered++;
  t.byValue[value] = (t.byValue[value] ?? 0) + 1;
  const meaning = entry?.meaning ?? 'unknown';
  t.byMeaning[meaning]++;
  if (!UNSCORED_MEANINGS.has(meaning)) t.applicablePossible += max * w;
  if (entry && !UNSCORED_MEANINGS.has(meaning) && entry.score !== null) {
    t.scored++;
    t.achieved += entry.score * w;
    t.scoredPossible += max * w;
  } else {
    t.excluded++;
  }
}

function figures(t: Tally, rule: ScoringRule): ScoreFigures {
  const base = {
    total: t.total,
    answered: t.answered,
    unanswered: t.total - t.answered,
    byMeaning: t.byMeaning,
    byValue: t.byValue,
    scored: t.scored,
    excluded: t.excluded,
    achieved: t.achieved,
    complete: t.answered === t.total,
  };
  if (rule.method === 'points') {
    const score = t.answered > 0 ? t.achieved : null;
    const ratio = score !== null && t.applicablePossible > 0 ? clamp((score / t.applicablePossible) * 100) : null;
    return { ...base, possible: t.applicablePossible, score, ratio, band: bandFor(score, rule.bands) };
  }
  const score = t.scoredPossible > 0 ? (t.achieved / t.scoredPossible) * 100 : null;
  return { ...base, possible: t.scoredPossible, score, ratio: score === null ? null : clamp(score), band: null };
}

export function scoreAssessment(input: ScoringInput): AssessmentScore {
  const rule = input.scoring ?? defaultScoring(input.scale);
  const max = maxScore(input.scale);
  const scale = new Map(input.scale.map((s) => [s.value, s]));
  const answers = new Map(input.answers.map((a) => [a.controlId, a.value]));
  const top = topAncestors(input.controls);
  const overall = emptyTally(input.scale);
  const groups = new Map<string, { control: ScoringControl; tally: Tally }>();
  for (const c of input.controls)
    if (top.get(c.controlId) === c.controlId) groups.set(c.controlId, { control: c, tally: emptyTally(input.scale) });
  for (const c of input.controls) {
    if (!c.assessable) continue;
    const value = answers.get(c.controlId) ?? null;
    const entry = value === null ? undefined : scale.get(value);
    addControl(overall, c, value, entry, max);
    const g = groups.get(top.get(c.controlId) ?? c.controlId);
    if (g) addControl(g.tally, c, value, entry, max);
  }
  return {
    method: rule.method,
    max,
    overall: figures(overall, rule),
    groups: [...groups.values()].map(({ control, tally }) => ({
      controlId: control.controlId,
      title: control.title,
      ...figures(tally, rule),
    })),
  };
}

/* ---------- Comparison with a previous assessment ---------- */

/**
 * Change of each control's answer, matched by controlId (both assessments may use different catalog versions;
 * each answer is read against its own scale). Rank: compliant 3 > partial 2 > noncompliant 1 > unknown 0 —
 * not knowing is treated as the weakest known state (IPA scores わからない −1), so unknown → noncompliant is an
 * improvement. not_applicable and not_tested have no rank:
 * - improved / regressed: both answers ranked and the rank went up / down;
 * - unchanged: same rank (e.g. In Place → In Place with CCW), or the same unranked meaning (N/A → N/A);
 * - reclassified: into or out of N/A / not tested, or between them (neither better nor worse);
 * - new: answered now, unanswered (or not in the catalog) before;
 * - dropped: answered before, unanswered (or no longer in the catalog) now.
 * Controls unanswered on both sides are not listed.
 */
export type ChangeKind = 'improved' | 'regressed' | 'unchanged' | 'reclassified' | 'new' | 'dropped';
export const CHANGE_KINDS: readonly ChangeKind[] = [
  'improved',
  'regressed',
  'new',
  'reclassified',
  'dropped',
  'unchanged',
];
export type AnswerState = { value: string; meaning: AnswerMeaning };
export type AnswerChange = {
  controlId: string;
  title: LocalizedText;
  kind: ChangeKind;
  before: AnswerState | null;
  after: AnswerState | null;
};
export type ComparisonSide = Pick<ScoringInput, 'controls' | 'answers' | 'scale'>;
export type Comparison = Record<ChangeKind, AnswerChange[]>;

const RANK: Partial<Record<AnswerMeaning, number>> = { compliant: 3, partial: 2, noncompliant: 1, unknown: 0 };

function answerStates(side: ComparisonSide): Map<string, AnswerState> {
  const assessable = new Set(side.controls.filter((c) => c.assessable).map((c) => c.controlId));
  const scale = new Map(side.scale.map((s) => [s.value, s.meaning]));
  const out = new Map<string, AnswerState>();
  for (const a of side.answers) {
    if (a.value === null || !assessable.has(a.controlId)) continue;
    out.set(a.controlId, { value: a.value, meaning: scale.get(a.value) ?? 'unknown' });
  }
  return out;
}

export function changeKind(before: AnswerState | null, after: AnswerState | null): ChangeKind | null {
  if (!before && !after) return null;
  if (!before) return 'new';
  if (!after) return 'dropped';
  const rb = RANK[before.meaning];
  const ra = RANK[after.meaning];
  if (rb === undefined || ra === undefined)
    return rb === undefined && ra === undefined && before.meaning === after.meaning ? 'unchanged' : 'reclassified';
  return ra > rb ? 'improved' : ra < rb ? 'regressed' : 'unchanged';
}

export function compareAssessments(previous: ComparisonSide, current: ComparisonSide): Comparison {
  const out: Comparison = { improved: [], regressed: [], unchanged: [], reclassified: [], new: [], dropped: [] };
  const before = answerStates(previous);
  const after = answerStates(current);
  const seen = new Set<string>();
  const visit = (c: ScoringControl) => {
    if (!c.assessable || seen.has(c.controlId)) return;
    seen.add(c.controlId);
    const b = before.get(c.controlId) ?? null;
    const a = after.get(c.controlId) ?? null;
    const kind = changeKind(b, a);
    if (kind) out[kind].push({ controlId: c.controlId, title: c.title, kind, before: b, after: a });
  };
  // Current catalog order first; then controls only the previous assessment had (answered there → dropped).
  for (const c of current.controls) visit(c);
  for (const c of previous.controls) visit(c);
  return out;
}

/** What picking the previous assessment needs; the API's AssessmentSummary fits. */
export type AssessmentRef = {
  id: string;
  createdAt: string;
  organization: { id: string } | null;
  catalog: { catalogId: string };
  catalogs?: readonly { catalogId: string }[] | undefined;
};

/**
 * The assessment to compare with: the most recently created other assessment of the same organization and the
 * same catalog id (any version), created before this one. Without an organization there is no previous one:
 * assessments without an organization cannot be told apart.
 */
/** Whether an assessment covers a catalog (any of its catalogs when it lists them, else its one catalog). */
const coversCatalog = (a: AssessmentRef, catalogId: string) =>
  a.catalogs ? a.catalogs.some((c) => c.catalogId === catalogId) : a.catalog.catalogId === catalogId;

export function previousAssessment<T extends AssessmentRef>(current: AssessmentRef, all: readonly T[]): T | null {
  const org = current.organization?.id;
  if (!org) return null;
  const at = Date.parse(current.createdAt);
  let best: T | null = null;
  for (const a of all) {
    if (a.id === current.id || a.organization?.id !== org || !coversCatalog(a, current.catalog.catalogId)) continue;
    const t = Date.parse(a.createdAt);
    if (!(t < at)) continue;
    if (!best || t > Date.parse(best.createdAt)) best = a;
  }
  return best;
}
