import { describe, expect, it } from 'vitest';
import { inspectTree, MAX_NESTING } from '../../src/core/catalog/nesting';
import { parseCatalogText } from '../../src/core/catalog/parse';
import { MAX_CSV_ROWS, parseCsvDetailed } from '../../src/core/catalog/tabular/csv';

const keys = (r: ReturnType<typeof parseCatalogText>) => (r.ok ? [] : r.errors.map((e) => e.key));

describe('bounded parsing of hostile catalog text', () => {
  it('finds cycles and too-deep nesting without recursion, and passes shared (non-cyclic) branches', () => {
    const shared = { a: 1 };
    expect(inspectTree({ x: shared, y: [shared, shared] })).toBeNull();
    const cyclic: { items: unknown[] } = { items: [] };
    cyclic.items.push({ again: cyclic });
    expect(inspectTree(cyclic)).toEqual({ kind: 'cycle', path: 'items[0].again' });
    let deep: unknown = 'leaf';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(inspectTree(deep)).toMatchObject({ kind: 'tooDeep' });
    let ok: unknown = 'leaf';
    for (let i = 0; i < MAX_NESTING - 1; i++) ok = [ok];
    expect(inspectTree(ok)).toBeNull();
  });

  it('refuses an alias bomb and deep nesting with their own keys and a line, in bounded time', () => {
    const started = Date.now();
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x]',
      ...'bcdefghi'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(', ')}]`),
    ].join('\n');
    const r = parseCatalogText(bomb);
    expect(keys(r)).toEqual(['yamlAliasBomb']);
    expect(r.ok ? null : r.errors[0]?.line).toBe(2);
    expect(keys(parseCatalogText(`${'- '.repeat(3000)}x\n`))).toEqual(['tooDeepNesting']);
    expect(keys(parseCatalogText(`${'{a: '.repeat(2000)}1${'}'.repeat(2000)}`))).toEqual(['tooDeepNesting']);
    // Aliases of aliases can nest deeper than any literal nesting in the file: refused too.
    const chain = [
      'a0: &a0 [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[x]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]',
      ...Array.from({ length: 5 }, (_, i) => `a${i + 1}: &a${i + 1} [[[[[[[[[[*a${i}]]]]]]]]]]`),
    ].join('\n');
    expect(keys(parseCatalogText(chain))).toEqual(['tooDeepNesting']);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('CSV limits never cut silently', () => {
  it('refuses rows past the limit as an error naming the first one, but not blank lines at the end', () => {
    const over = parseCsvDetailed(['id', ...Array.from({ length: MAX_CSV_ROWS }, (_, i) => `r${i}`)].join('\n'));
    expect(over.diagnostics).toEqual([
      expect.objectContaining({ severity: 'error', key: 'csvTooManyRows', line: MAX_CSV_ROWS + 1 }),
    ]);
    const blankTail = parseCsvDetailed(
      `${['id', ...Array.from({ length: MAX_CSV_ROWS - 1 }, (_, i) => `r${i}`)].join('\n')}\n\n\n\n`,
    );
    expect(blankTail.diagnostics).toEqual([]);
    expect(blankTail.rows).toHaveLength(MAX_CSV_ROWS);
  });
});
