import type { AnswerMeaning, LocalizedText } from '../catalog/format';
import {
  defaultScoring,
  maxScore,
  scoreAssessment,
  type ScoringControl,
  type ScoringInput,
  type ScoringMethod,
  type ScoringRule,
} from './scoring';

/**
 * Several assessments of one catalog side by side (departments, group companies, years): the score of each per
 * top-level group, pooled per organization, and the controls that are weak everywhere. Pure: the roll-up screen,
 * its XLSX and the bench read the same figures.
 *
 * Rules:
 * - Each member is scored by scoring.ts against its own catalog version and profile (controls outside the
 *   profile are left out, as in its report). Groups are matched across members by the group's ID; the rows follow
 *   the first member that has the group.
 * - Per organization, percent scores are pooled (Σ achieved / Σ possible over its members, so a large department
 *   weighs more than a small one); points scores (IPA style, out of a fixed total) are the mean of its members.
 * - A control is *weak* in a member when its answer means noncompliant, partial or unknown. It is *weak everywhere*
 *   when it is weak in every member that answered it and at least two members answered it (one member: when it
 *   answered it). Unanswered controls are counted beside it, never taken as weak or strong.
 */

export type RollupMemberInput = {
  id: string;
  name: string;
  organization: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  status: string;
  version: string;
  /** Only the controls in the member's scope (assessable and inside its profile) are `assessable` here. */
  controls: readonly ScoringControl[];
  answers: ScoringInput['answers'];
  scale: ScoringInput['scale'];
  scoring?: ScoringRule | null | undefined;
};

export type RollupCell = { score: number | null; ratio: number | null; answered: number; total: number };
export type RollupMember = Omit<RollupMemberInput, 'controls' | 'answers' | 'scale' | 'scoring'> & {
  overall: RollupCell & { complete: boolean };
};
export type RollupGroupRow = { controlId: string; title: LocalizedText; cells: (RollupCell | null)[] };
export type RollupOrganization = {
  name: string | null;
  members: number;
  overall: RollupCell;
  /** One per group row, in the same order. */
  groups: (RollupCell | null)[];
};
export type WeakControl = {
  controlId: string;
  title: LocalizedText;
  /** Members where it is weak / answered / in scope. */
  weak: number;
  answered: number;
  inScope: number;
  /** The meaning of each member's answer (null: unanswered or out of its scope), in member order. */
  meanings: (AnswerMeaning | null)[];
};
export type Rollup = {
  method: ScoringMethod;
  max: number;
  members: RollupMember[];
  groups: RollupGroupRow[];
  organizations: RollupOrganization[];
  weakEverywhere: WeakControl[];
};

const WEAK: ReadonlySet<AnswerMeaning> = new Set(['noncompliant', 'partial', 'unknown']);

type Figures = { achieved: number; possible: number; score: number | null; ratio: number | null };
type Pool = Omit<Figures, 'score' | 'ratio'> & {
  scoreSum: number;
  ratioSum: number;
  scored: number;
  answered: number;
  total: number;
};
const emptyPool = (): Pool => ({
  achieved: 0,
  possible: 0,
  scoreSum: 0,
  ratioSum: 0,
  scored: 0,
  answered: 0,
  total: 0,
});

function addToPool(p: Pool, f: Figures & { answered: number; total: number }) {
  p.achieved += f.achieved;
  p.possible += f.possible;
  p.answered += f.answered;
  p.total += f.total;
  if (f.score !== null) {
    p.scoreSum += f.score;
    p.ratioSum += f.ratio ?? 0;
    p.scored++;
  }
}

function pooledCell(p: Pool, method: ScoringMethod): RollupCell {
  const counts = { answered: p.answered, total: p.total };
  if (method === 'points') {
    if (!p.scored) return { score: null, ratio: null, ...counts };
    return { score: p.scoreSum / p.scored, ratio: p.ratioSum / p.scored, ...counts };
  }
  const score = p.possible > 0 ? (p.achieved / p.possible) * 100 : null;
  return { score, ratio: score, ...counts };
}

export function buildRollup(inputs: readonly RollupMemberInput[]): Rollup {
  const first = inputs[0];
  const rule = first?.scoring ?? defaultScoring(first?.scale ?? []);
  const max = maxScore(first?.scale ?? []);
  const scores = inputs.map((m) =>
    scoreAssessment({ controls: m.controls, answers: m.answers, scale: m.scale, scoring: m.scoring ?? rule }),
  );

  // Group rows: every top-level group of any member, first member's order first.
  const groupOrder: { controlId: string; title: LocalizedText }[] = [];
  const groupIndex = new Map<string, number>();
  for (const s of scores)
    for (const g of s.groups)
      if (!groupIndex.has(g.controlId)) {
        groupIndex.set(g.controlId, groupOrder.length);
        groupOrder.push({ controlId: g.controlId, title: g.title });
      }
  const cellOf = (f: { score: number | null; ratio: number | null; answered: number; total: number }): RollupCell => ({
    score: f.score,
    ratio: f.ratio,
    answered: f.answered,
    total: f.total,
  });
  const groups: RollupGroupRow[] = groupOrder.map((g) => ({
    ...g,
    cells: scores.map((s) => {
      const found = s.groups.find((x) => x.controlId === g.controlId);
      return found && found.total > 0 ? cellOf(found) : null;
    }),
  }));

  const members: RollupMember[] = inputs.map((m, i) => {
    const o = (scores[i] as (typeof scores)[number]).overall;
    return {
      id: m.id,
      name: m.name,
      organization: m.organization,
      periodStart: m.periodStart,
      periodEnd: m.periodEnd,
      status: m.status,
      version: m.version,
      overall: { ...cellOf(o), complete: o.complete },
    };
  });

  // Per organization, in the order organizations first appear.
  const orgs = new Map<string | null, { members: number; overall: Pool; groups: Pool[] }>();
  inputs.forEach((m, i) => {
    const s = scores[i] as (typeof scores)[number];
    let o = orgs.get(m.organization);
    if (!o) {
      o = { members: 0, overall: emptyPool(), groups: groupOrder.map(emptyPool) };
      orgs.set(m.organization, o);
    }
    o.members++;
    addToPool(o.overall, s.overall);
    for (const g of s.groups) {
      const gi = groupIndex.get(g.controlId) as number;
      if (g.total > 0) addToPool(o.groups[gi] as Pool, g);
    }
  });
  const organizations: RollupOrganization[] = [...orgs.entries()].map(([name, o]) => ({
    name,
    members: o.members,
    overall: pooledCell(o.overall, rule.method),
    groups: o.groups.map((p) => (p.total === 0 ? null : pooledCell(p, rule.method))),
  }));

  return { method: rule.method, max, members, groups, organizations, weakEverywhere: weakEverywhere(inputs) };
}

function weakEverywhere(inputs: readonly RollupMemberInput[]): WeakControl[] {
  const perMember = inputs.map((m) => {
    const scale = new Map(m.scale.map((s) => [s.value, s.meaning]));
    const answers = new Map(m.answers.map((a) => [a.controlId, a.value]));
    const inScope = new Map(m.controls.filter((c) => c.assessable).map((c) => [c.controlId, c]));
    return { scale, answers, inScope };
  });
  const order: ScoringControl[] = [];
  const seen = new Set<string>();
  for (const m of perMember)
    for (const c of m.inScope.values())
      if (!seen.has(c.controlId)) {
        seen.add(c.controlId);
        order.push(c);
      }
  const needed = Math.min(2, inputs.length);
  const out: WeakControl[] = [];
  for (const c of order) {
    let weak = 0;
    let answered = 0;
    let inScope = 0;
    const meanings = perMember.map((m): AnswerMeaning | null => {
      if (!m.inScope.has(c.controlId)) return null;
      inScope++;
      const value = m.answers.get(c.controlId) ?? null;
      if (value === null) return null;
      answered++;
      const meaning = m.scale.get(value) ?? 'unknown';
      if (WEAK.has(meaning)) weak++;
      return meaning;
    });
    if (answered >= needed && answered > 0 && weak === answered)
      out.push({ controlId: c.controlId, title: c.title, weak, answered, inScope, meanings });
  }
  return out;
}
