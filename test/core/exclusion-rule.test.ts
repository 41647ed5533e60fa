import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkExclusion,
  excludedByAncestor,
  exclusionAllowed,
  indexNodes,
  type ExclusionNode,
} from '../../src/core/assessment/exclusion-rule';
import { planCarryForward } from '../../src/core/catalog/carry-forward';
import { flattenCatalog } from '../../src/core/catalog/flatten';
import { parseCatalogText } from '../../src/core/catalog/parse';

const nodes: ExclusionNode[] = [
  { controlId: '3', parentId: null, excludable: false },
  { controlId: '3.1', parentId: '3' },
  { controlId: '3.1.1', parentId: '3.1' },
  { controlId: '5', parentId: null },
  { controlId: '5.1', parentId: '5' },
  { controlId: '5.1.1', parentId: '5.1' },
  { controlId: '5.1.1.1', parentId: '5.1.1' },
  { controlId: '5.1.1.2.B', parentId: '5.1.1', excludable: false },
  { controlId: '5.1.1.2.B.x', parentId: '5.1.1.2.B', excludable: true },
];
const index = indexNodes(nodes);

describe('exclusion rule', () => {
  it('is decided by the nearest node that sets it; a catalog that never sets it allows exclusion', () => {
    expect(exclusionAllowed('3', index)).toBe(false);
    expect(exclusionAllowed('3.1.1', index)).toBe(false);
    expect(exclusionAllowed('5.1.1', index)).toBe(true);
    expect(exclusionAllowed('5.1.1.2.B', index)).toBe(false);
    expect(exclusionAllowed('5.1.1.2.B.x', index)).toBe(true);
    expect(exclusionAllowed('unknown', index)).toBe(true);
    expect(
      exclusionAllowed(
        'a',
        indexNodes([
          { controlId: 'a', parentId: 'b' },
          { controlId: 'b', parentId: 'a' },
        ]),
      ),
    ).toBe(true); // a cycle ends the walk
  });

  it('only an answer meaning not_applicable can break it, and names the node that forbids it', () => {
    expect(checkExclusion('3.1.1', 'not_applicable', index)).toEqual({ ok: false, controlId: '3.1.1', decidedBy: '3' });
    expect(checkExclusion('3.1.1', 'noncompliant', index)).toEqual({ ok: true });
    expect(checkExclusion('3.1.1', null, index)).toEqual({ ok: true });
    expect(checkExclusion('5.1.1', 'not_applicable', index)).toEqual({ ok: true });
  });

  it('excluding a node excludes everything under it, not the node itself', () => {
    const meanings: Record<string, 'not_applicable' | 'compliant'> = { '5.1.1': 'not_applicable', '3.1': 'compliant' };
    expect([...excludedByAncestor(nodes, (id) => meanings[id])].sort()).toEqual([
      '5.1.1.1',
      '5.1.1.2.B',
      '5.1.1.2.B.x',
    ]);
    expect(excludedByAncestor(nodes, () => null).size).toBe(0);
  });

  it('is set in the shipped ISMAP catalog so that only chapters 5–18 allow exclusion', () => {
    const r = parseCatalogText(readFileSync(join(__dirname, '../../catalogs/ismap/2024-07.yaml'), 'utf8'));
    if (!r.ok) throw new Error('ismap catalog does not parse');
    const flat = flattenCatalog(r.value);
    const idx = indexNodes(
      flat.map((n) => ({ controlId: n.controlId, parentId: n.parentControlId, excludable: n.node.excludable })),
    );
    for (const n of flat.filter((x) => x.assessable)) {
      const chapter = Number(n.controlId.split('.')[0]);
      expect(exclusionAllowed(n.controlId, idx), n.controlId).toBe(chapter >= 5);
    }
  });
});

describe('carry-forward plan of an upgrade', () => {
  const diff = {
    unchanged: ['a'],
    changed: [{ controlId: 'b', before: { ja: '旧', en: 'old' }, after: { ja: '新', en: 'new' } }],
    added: [{ controlId: 'c', title: { ja: 'c', en: 'c' } }],
    removed: [{ controlId: 'd', title: { ja: 'd', en: 'd' } }],
  };
  it('carries only unchanged texts by default', () => {
    expect(planCarryForward(diff, '2024-07', {})).toEqual({ unchanged: ['a'], review: [], changed: diff.changed });
  });
  it('carries changed texts for review when the target keeps the IDs of exactly this version', () => {
    expect(planCarryForward(diff, '2024-07', { keeps_ids_of: '2024-07' })).toEqual({
      unchanged: ['a'],
      review: ['b'],
      changed: [],
    });
    expect(planCarryForward(diff, '2023-01', { keeps_ids_of: '2024-07' })).toEqual({
      unchanged: ['a'],
      review: [],
      changed: diff.changed,
    });
  });
});
