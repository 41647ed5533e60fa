import { describe, expect, it } from 'vitest';
import { call } from '../../src/main/api/dispatch';
import { controlIdFromOscalToken } from '../../src/core/oscal/results/results';
import { buildOscalReport } from '../../src/main/report/build';
import { freshRuntime } from '../support/workspace';

/**
 * What a checker beyond JSON Schema would check in our OSCAL assessment results and POA&M (no maintained checker is
 * usable offline: see vendor/oscal-schemas/README.md): every control id referenced exists in the catalog, every uuid
 * is unique in the document, and every reference (`#uuid` hrefs and `*-uuid` fields) resolves within the document.
 * A broken copy of each document must fail each check, so the checks can fail.
 */

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Every (key, value) pair anywhere in the document. */
function* walk(v: Json, key = ''): Generator<[string, Json]> {
  yield [key, v];
  if (Array.isArray(v)) for (const x of v) yield* walk(x, key);
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) yield* walk(x, k);
}

export function beyondSchema(doc: Json, catalogs: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  const problems: string[] = [];
  const uuids = new Map<string, number>();
  const refs: string[] = [];
  const controlTokens: string[] = [];
  const controlIds: { catalogId: string; controlId: string }[] = [];
  for (const [k, v] of walk(doc)) {
    if (k === 'uuid' && typeof v === 'string') uuids.set(v, (uuids.get(v) ?? 0) + 1);
    if (k.endsWith('-uuid') && typeof v === 'string') refs.push(v);
    if (k === 'href' && typeof v === 'string' && v.startsWith('#')) refs.push(v.slice(1));
    if ((k === 'control-id' || k === 'target-id') && typeof v === 'string') controlTokens.push(v.replace(/_smt$/, ''));
    if (k === 'props' && Array.isArray(v)) {
      const props = v as { name?: string; value?: string; group?: string }[];
      const catalogId = props.find((p) => p.name === 'catalog-id')?.value;
      for (const p of props)
        if (p.name === 'control-id' && catalogId && p.value) controlIds.push({ catalogId, controlId: p.value });
    }
  }
  for (const [u, n] of uuids) if (n > 1) problems.push(`duplicate uuid ${u}`);
  for (const r of refs) if (!uuids.has(r)) problems.push(`unresolved reference ${r}`);
  for (const t of controlTokens) {
    const found = [...catalogs.entries()].some(([cat, ids]) => {
      const id = controlIdFromOscalToken(cat, t);
      return id !== null && ids.has(id);
    });
    if (!found) problems.push(`unknown control token ${t}`);
  }
  for (const c of controlIds)
    if (!catalogs.get(c.catalogId)?.has(c.controlId)) problems.push(`unknown control ${c.catalogId} ${c.controlId}`);
  return problems;
}

describe('OSCAL beyond JSON Schema', () => {
  it('references only existing controls, has unique uuids and resolvable links (AR and POA&M), and the check can fail', async () => {
    const rt = await freshRuntime();
    const a = await call(rt.ctx, 'assessments.create', {
      name: 'OSCAL 検査',
      catalog: 'pci-dss@4.0.1',
      profile: 'saq-a',
    });
    const d = await call(rt.ctx, 'assessments.get', { id: a.id });
    const ids = d.controls.filter((c) => c.assessable && c.applicable).map((c) => c.controlId);
    await call(rt.ctx, 'answers.set', { assessmentId: a.id, controlKey: ids[0] as string, value: 'in_place' });
    await call(rt.ctx, 'answers.set', {
      assessmentId: a.id,
      controlKey: ids[1] as string,
      value: 'not_in_place',
      dueDate: '2027-01-31',
    });
    await call(rt.ctx, 'evidence.add', {
      assessmentId: a.id,
      controlKeys: [ids[1] as string],
      fileName: 'scan.txt',
      content: Buffer.from('scan').toString('base64'),
    });
    const catalogs = new Map([['pci-dss', new Set(d.controls.map((c) => c.controlId))]]);
    for (const format of ['oscal-ar', 'oscal-poam'] as const) {
      const doc = JSON.parse(buildOscalReport(rt.ctx, { assessmentId: a.id, lang: 'ja', format }).toString()) as Json;
      expect(beyondSchema(doc, catalogs), format).toEqual([]);
      // Broken copies: a duplicated uuid, a dangling reference, a control the catalog does not have.
      const text = JSON.stringify(doc);
      const first = /"uuid":"([0-9a-f-]{36})"/.exec(text)?.[1] as string;
      const second = [...text.matchAll(/"uuid":"([0-9a-f-]{36})"/g)][1]?.[1] as string;
      const dup = JSON.parse(text.replace(`"uuid":"${second}"`, `"uuid":"${first}"`)) as Json;
      expect(
        beyondSchema(dup, catalogs).some((p) => p.startsWith('duplicate uuid')),
        format,
      ).toBe(true);
      const dangling = JSON.parse(
        text.replace(/"observation-uuid":"[0-9a-f-]{36}"/, '"observation-uuid":"00000000-0000-4000-8000-000000000000"'),
      ) as Json;
      expect(beyondSchema(dangling, catalogs), format).toContain(
        'unresolved reference 00000000-0000-4000-8000-000000000000',
      );
      const unknown = JSON.parse(text.split(`"value":"${ids[1] as string}"`).join('"value":"99.99.99"')) as Json;
      expect(beyondSchema(unknown, catalogs), format).toContain('unknown control pci-dss 99.99.99');
    }
  }, 60_000);
});
