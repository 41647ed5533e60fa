import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { radarChart } from '../../src/core/assessment/radar';
import {
  bandFor,
  compareAssessments,
  defaultScoring,
  previousAssessment,
  scoreAssessment,
  type ScaleEntry,
  type ScoringAnswer,
  type ScoringControl,
} from '../../src/core/assessment/scoring';
import { flattenCatalog } from '../../src/core/catalog/flatten';
import { parseCatalogText } from '../../src/core/catalog/parse';

const title = (id: string) => ({ ja: `項目${id}`, en: `Item ${id}` });
const group = (id: string): ScoringControl => ({
  controlId: id,
  parentId: null,
  depth: 0,
  assessable: false,
  title: title(id),
});
const leaf = (id: string, parentId: string, depth = 1, weight?: number): ScoringControl => ({
  controlId: id,
  parentId,
  depth,
  assessable: true,
  title: title(id),
  weight,
});
const answers = (pairs: Record<string, string | null>): ScoringAnswer[] =>
  Object.entries(pairs).map(([controlId, value]) => ({ controlId, value }));

/** The fraction scale most shipped catalogs use, plus a not-tested value (as in PCI DSS 4.0.1). */
const fractions: ScaleEntry[] = [
  { value: 'implemented', meaning: 'compliant', score: 1 },
  { value: 'partial', meaning: 'partial', score: 0.5 },
  { value: 'not_implemented', meaning: 'noncompliant', score: 0 },
  { value: 'not_applicable', meaning: 'not_applicable', score: null },
  { value: 'not_tested', meaning: 'not_tested', score: null },
];

function loadCatalog(path: string) {
  const r = parseCatalogText(readFileSync(join(__dirname, '../../catalogs', path), 'utf8'));
  if (!r.ok) throw new Error(`catalog ${path} invalid`);
  const controls: ScoringControl[] = flattenCatalog(r.value).map((n) => ({
    controlId: n.controlId,
    parentId: n.parentControlId,
    depth: n.depth,
    assessable: n.assessable,
    title: n.node.title,
    weight: n.node.weight,
  }));
  return { doc: r.value, controls };
}

describe('percent scoring', () => {
  const controls = [
    group('A'),
    leaf('A.1', 'A'),
    leaf('A.2', 'A'),
    leaf('A.3', 'A'),
    leaf('A.4', 'A'),
    leaf('A.5', 'A'),
    leaf('A.6', 'A'),
  ];

  it('scores partial as half, leaves N/A and not tested out of the denominator and counts unanswered apart', () => {
    const s = scoreAssessment({
      controls,
      scale: fractions,
      scoring: { method: 'percent' },
      answers: answers({
        'A.1': 'implemented',
        'A.2': 'partial',
        'A.3': 'not_implemented',
        'A.4': 'not_applicable',
        'A.5': 'not_tested',
        'A.6': null,
      }),
    });
    const o = s.overall;
    expect(s.max).toBe(1);
    expect([o.total, o.answered, o.unanswered, o.scored, o.excluded]).toEqual([6, 5, 1, 3, 2]);
    expect(o.achieved).toBe(1.5);
    expect(o.possible).toBe(3);
    expect(o.score).toBe(50); // 1.5 / (3 × 1) × 100
    expect(o.ratio).toBe(50);
    expect(o.band).toBeNull();
    expect(o.complete).toBe(false);
    expect(o.byMeaning).toEqual({
      compliant: 1,
      partial: 1,
      noncompliant: 1,
      not_applicable: 1,
      not_tested: 1,
      unknown: 0,
    });
    expect(o.byValue).toEqual({ implemented: 1, partial: 1, not_implemented: 1, not_applicable: 1, not_tested: 1 });
  });

  it('applies catalog weights to both sides of the fraction', () => {
    const weighted = [group('A'), leaf('A.1', 'A', 1, 3), leaf('A.2', 'A')];
    const s = scoreAssessment({
      controls: weighted,
      scale: fractions,
      scoring: { method: 'percent' },
      answers: answers({ 'A.1': 'implemented', 'A.2': 'not_implemented' }),
    });
    expect(s.overall.score).toBe(75); // (1×3 + 0×1) / (1×3 + 1×1)
  });

  it('has no score before anything is scored, and only-N/A is still no score', () => {
    expect(
      scoreAssessment({ controls, scale: fractions, scoring: { method: 'percent' }, answers: [] }).overall.score,
    ).toBeNull();
    const na = scoreAssessment({
      controls,
      scale: fractions,
      scoring: { method: 'percent' },
      answers: answers({ 'A.1': 'not_applicable' }),
    });
    expect(na.overall.score).toBeNull();
    expect(na.overall.answered).toBe(1);
  });

  it('counts a value missing from the scale as answered, unknown and unscored; ignores answers to headings and strangers', () => {
    const s = scoreAssessment({
      controls,
      scale: fractions,
      answers: answers({ 'A.1': 'retired_value', A: 'implemented', 'Z.9': 'implemented', 'A.2': 'implemented' }),
    });
    expect(s.method).toBe('percent'); // default for a fraction scale
    expect([s.overall.answered, s.overall.scored, s.overall.excluded, s.overall.byMeaning.unknown]).toEqual([
      2, 1, 1, 1,
    ]);
    expect(s.overall.byValue.retired_value).toBe(1);
    expect(s.overall.score).toBe(100);
  });

  it('scores the real PCI DSS 4.0.1 scale (In Place with CCW is compliant, Not Tested is left out)', () => {
    const { doc, controls: pci } = loadCatalog('pci-dss/4.0.1.yaml');
    expect(doc.scoring?.method).toBe('percent');
    const leaves = pci
      .filter((c) => c.assessable)
      .slice(0, 4)
      .map((c) => c.controlId);
    const [a, b, c, d] = leaves as [string, string, string, string];
    const s = scoreAssessment({
      controls: pci,
      scale: doc.answer_scale,
      scoring: doc.scoring,
      answers: answers({ [a]: 'in_place', [b]: 'in_place_ccw', [c]: 'not_in_place', [d]: 'not_tested' }),
    });
    expect(s.overall.score).toBeCloseTo(66.667, 2);
    expect(s.overall.excluded).toBe(1);
    expect(s.groups.map((g) => g.controlId)).toEqual(['goal-1', 'goal-2', 'goal-3', 'goal-4', 'goal-5', 'goal-6', 'A']);
  });
});

describe('points scoring (IPA 自社診断, the shipped catalog)', () => {
  const { doc, controls } = loadCatalog('ipa-jisha-shindan/2019-03.yaml');
  const items = controls.filter((c) => c.assessable).map((c) => c.controlId);
  const score = (values: (string | null)[]) =>
    scoreAssessment({
      controls,
      scale: doc.answer_scale,
      scoring: doc.scoring,
      answers: items.map((id, i) => ({ controlId: id, value: values[i] ?? null })),
    });

  it('has 25 items worth 4 points each', () => {
    expect(items).toHaveLength(25);
    expect(score([]).max).toBe(4);
    expect(score(Array(25).fill('implemented')).overall.possible).toBe(100);
  });

  it('sums points and picks the band from the highest minimum down', () => {
    const full = score(Array(25).fill('implemented')).overall;
    expect(full.score).toBe(100);
    expect(full.band?.min).toBe(100);
    expect(full.band?.label.ja).toContain('満点');

    // 20 × 4 + 3 × 2 + 1 × 0 + 1 × (−1) = 85
    const mixed = score([
      ...Array(20).fill('implemented'),
      'partial',
      'partial',
      'partial',
      'not_implemented',
      'unknown',
    ]).overall;
    expect(mixed.score).toBe(85);
    expect(mixed.band?.min).toBe(70);
    expect(mixed.ratio).toBe(85);
    expect(mixed.byMeaning).toMatchObject({ compliant: 20, partial: 3, noncompliant: 1, unknown: 1 });
    expect(mixed.scored).toBe(25); // わからない is scored (−1), not excluded

    expect(score([...Array(17).fill('implemented'), ...Array(8).fill('not_implemented')]).overall).toMatchObject({
      score: 68,
      band: { min: 50 },
    });
    const worst = score(Array(25).fill('unknown')).overall;
    expect(worst).toMatchObject({ score: -25, band: { min: -25 }, ratio: 0 });
  });

  it('is provisional while items are unanswered: they count 0 of the maximum', () => {
    const part = score(Array(10).fill('implemented')).overall;
    expect(part).toMatchObject({
      score: 40,
      possible: 100,
      answered: 10,
      unanswered: 15,
      complete: false,
      band: { min: -25 },
    });
    expect(score([]).overall.score).toBeNull();
    expect(score([]).overall.band).toBeNull();
  });

  it('rolls up the three parts (No.1–5, 6–18, 19–25)', () => {
    const s = score([
      ...Array(5).fill('implemented'),
      ...Array(13).fill('partial'),
      ...Array(7).fill('not_implemented'),
    ]);
    expect(s.groups.map((g) => [g.controlId, g.total, g.score, g.possible, g.ratio])).toEqual([
      ['part-1', 5, 20, 20, 100],
      ['part-2', 13, 26, 52, 50],
      ['part-3', 7, 0, 28, 0],
    ]);
    expect(s.overall.score).toBe(46);
    expect(s.overall.band?.min).toBe(-25);
  });

  it('defaults to points for a scale scoring above 1, and bandFor tolerates unsorted bands', () => {
    expect(defaultScoring(doc.answer_scale).method).toBe('points');
    const bands = [
      { min: 50, label: title('50') },
      { min: 100, label: title('100') },
      { min: 70, label: title('70') },
    ];
    expect(bandFor(99, bands)?.min).toBe(70);
    expect(bandFor(10, bands)).toBeNull();
    expect(bandFor(null, bands)).toBeNull();
  });
});

describe('group rollup', () => {
  // Two groups, one with a nested sub-group; headings are never counted.
  const controls = [
    group('1'),
    { ...leaf('1.1', '1'), assessable: false },
    leaf('1.1.1', '1.1', 2),
    leaf('1.1.2', '1.1', 2),
    leaf('1.2', '1'),
    group('2'),
    leaf('2.1', '2'),
    group('3'),
  ];

  it('gives each depth-0 node the figures of every assessable control below it', () => {
    const s = scoreAssessment({
      controls,
      scale: fractions,
      answers: answers({ '1.1.1': 'implemented', '1.1.2': 'partial', '2.1': 'not_applicable' }),
    });
    const byId = new Map(s.groups.map((g) => [g.controlId, g]));
    expect(s.groups.map((g) => g.controlId)).toEqual(['1', '2', '3']);
    expect(byId.get('1')).toMatchObject({
      total: 3,
      answered: 2,
      unanswered: 1,
      score: 75,
      byMeaning: { compliant: 1, partial: 1 },
    });
    expect(byId.get('2')).toMatchObject({ total: 1, answered: 1, score: null, excluded: 1 });
    expect(byId.get('3')).toMatchObject({ total: 0, answered: 0, score: null, complete: true });
    expect(s.overall).toMatchObject({ total: 4, answered: 3, score: 75 });
  });

  it('survives a cyclic parent chain', () => {
    const cyclic: ScoringControl[] = [{ ...leaf('x', 'y') }, { ...leaf('y', 'x') }];
    expect(() => scoreAssessment({ controls: cyclic, scale: fractions, answers: [] })).not.toThrow();
  });
});

describe('comparison with the previous assessment', () => {
  const scale: ScaleEntry[] = [...fractions, { value: 'dont_know', meaning: 'unknown', score: null }];
  const controls = [group('A'), ...['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'].map((n) => leaf(`A.${n}`, 'A'))];
  const previous = {
    controls: [...controls, leaf('A.old', 'A')],
    scale,
    answers: answers({
      'A.1': 'partial',
      'A.2': 'implemented',
      'A.3': 'partial',
      'A.4': 'not_applicable',
      'A.5': 'implemented',
      'A.6': 'dont_know',
      'A.7': 'not_applicable',
      'A.9': 'implemented',
      'A.old': 'implemented',
    }),
  };
  const current = {
    controls,
    scale,
    answers: answers({
      'A.1': 'implemented',
      'A.2': 'partial',
      'A.3': 'partial',
      'A.4': 'implemented',
      'A.5': 'not_tested',
      'A.6': 'not_implemented',
      'A.7': 'not_applicable',
      'A.8': 'not_implemented',
      'A.9': null,
    }),
  };

  it('sorts every control by how its meaning moved (compliant > partial > noncompliant > unknown)', () => {
    const c = compareAssessments(previous, current);
    const ids = (k: keyof typeof c) => c[k].map((x) => x.controlId);
    expect(ids('improved')).toEqual(['A.1', 'A.6']); // partial → compliant; don't know → not implemented
    expect(ids('regressed')).toEqual(['A.2']);
    expect(ids('unchanged')).toEqual(['A.3', 'A.7']); // same rank; N/A both times
    expect(ids('reclassified')).toEqual(['A.4', 'A.5']); // out of N/A; into not tested
    expect(ids('new')).toEqual(['A.8']);
    expect(ids('dropped')).toEqual(['A.9', 'A.old']); // cleared; no longer in the catalog
    expect(c.improved[0]).toMatchObject({
      title: title('A.1'),
      before: { value: 'partial', meaning: 'partial' },
      after: { value: 'implemented', meaning: 'compliant' },
    });
  });

  it('treats the same meaning under another value as unchanged', () => {
    const pci: ScaleEntry[] = [
      { value: 'in_place', meaning: 'compliant', score: 1 },
      { value: 'in_place_ccw', meaning: 'compliant', score: 1 },
    ];
    const c = compareAssessments(
      { controls, scale: pci, answers: answers({ 'A.1': 'in_place' }) },
      { controls, scale: pci, answers: answers({ 'A.1': 'in_place_ccw' }) },
    );
    expect(c.unchanged.map((x) => x.controlId)).toEqual(['A.1']);
  });

  it('picks the latest earlier assessment of the same organization and catalog', () => {
    const a = (id: string, createdAt: string, org: string | null, catalogId = 'pci-dss') => ({
      id,
      createdAt,
      organization: org ? { id: org } : null,
      catalog: { catalogId },
    });
    const me = a('me', '2025-06-01T00:00:00Z', 'o1');
    const all = [
      me,
      a('older', '2024-01-01T00:00:00Z', 'o1'),
      a('prev', '2025-01-01T00:00:00Z', 'o1'),
      a('later', '2025-07-01T00:00:00Z', 'o1'),
      a('other-org', '2025-05-01T00:00:00Z', 'o2'),
      a('other-cat', '2025-05-01T00:00:00Z', 'o1', 'ismap'),
      a('no-org', '2025-05-01T00:00:00Z', null),
    ];
    expect(previousAssessment(me, all)?.id).toBe('prev');
    expect(previousAssessment(a('x', '2023-01-01T00:00:00Z', 'o1'), all)).toBeNull();
    expect(previousAssessment(a('y', '2026-01-01T00:00:00Z', null), all)).toBeNull();
  });
});

describe('radar geometry', () => {
  const axes = [
    { label: 'N', value: 100, previous: 50 },
    { label: 'E', value: 50, previous: 50 },
    { label: 'S', value: 0, previous: 50 },
    { label: 'W', value: 150, previous: 50 },
  ];
  const g = radarChart(axes, { size: 300 });
  const pts = (s: string) => s.split(' ').map((p) => p.split(',').map(Number) as [number, number]);

  it('puts a full value on the outer ring and zero at the centre, clockwise from the top', () => {
    const outer = pts(g.rings[g.rings.length - 1] as string);
    expect(g.ringValues).toEqual([25, 50, 75, 100]);
    expect(g.points[0]).toEqual({ x: outer[0]?.[0], y: outer[0]?.[1] });
    expect(g.points[0]?.x).toBe(g.center.x);
    expect(g.points[0]?.y).toBeLessThan(g.center.y);
    expect(g.points[1]?.x).toBeCloseTo(g.center.x + g.radius / 2, 1); // E at half
    expect(g.points[2]).toEqual(g.center); // S at zero
    expect(g.points[3]).toEqual({ x: outer[3]?.[0], y: outer[3]?.[1] }); // clamped to 100
    expect(g.spokes[1]).toMatchObject({ x1: g.center.x, y1: g.center.y, x2: outer[1]?.[0], y2: outer[1]?.[1] });
  });

  it('anchors labels by side and draws the previous outline when every axis has one', () => {
    expect(g.labels.map((l) => [l.text, l.anchor])).toEqual([
      ['N', 'middle'],
      ['E', 'start'],
      ['S', 'middle'],
      ['W', 'end'],
    ]);
    expect(g.labels[0]?.y).toBeLessThan(g.center.y - g.radius);
    expect(g.labels[2]?.y).toBeGreaterThan(g.center.y + g.radius);
    expect(g.previousArea).toBeDefined();
    expect(pts(g.previousArea as string)).toEqual(pts(g.rings[1] as string)); // 50 everywhere = the 50 ring
    expect(
      radarChart(
        axes.map((a) => ({ label: a.label, value: a.value })),
        { size: 300 },
      ).previousArea,
    ).toBeUndefined();
    expect(g.viewBox).toBe('-90 0 480 300');
  });

  it('stays finite with one, two or no axes', () => {
    for (const n of [0, 1, 2]) {
      const r = radarChart(axes.slice(0, n), { size: 200 });
      expect(r.points).toHaveLength(n);
      expect(JSON.stringify(r)).not.toMatch(/NaN|Infinity/);
    }
    expect(radarChart([], { size: 200 }).rings).toEqual([]);
  });
});
