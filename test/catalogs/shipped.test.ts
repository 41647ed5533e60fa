import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { flattenCatalog } from '../../src/core/catalog/flatten';
import type { CatalogDocument } from '../../src/core/catalog/format';
import { checkMappingEndpoints } from '../../src/core/catalog/mapping-check';
import { parseCatalogText, parseMappingText } from '../../src/core/catalog/parse';
import { listCatalogFiles } from '../../src/main/catalogs/loader';

const dir = join(__dirname, '../../catalogs');
const catalogs: CatalogDocument[] = listCatalogFiles(dir).map((f) => {
  const r = parseCatalogText(readFileSync(f, 'utf8'));
  if (!r.ok) throw new Error(`${f}: ${JSON.stringify(r.errors)}`);
  return r.value;
});
const get = (id: string, version: string) => {
  const c = catalogs.find((x) => x.id === id && x.version === version);
  if (!c) throw new Error(`${id}@${version} not shipped`);
  return flattenCatalog(c);
};
const ids = (nodes: ReturnType<typeof flattenCatalog>, re: RegExp) => nodes.filter((n) => re.test(n.controlId));

describe('shipped catalogs', () => {
  it('all parse, with source, version, date, licence note, and text in our own words (summaries, or Tenken\u2019s own checklists)', () => {
    expect(catalogs.length).toBeGreaterThanOrEqual(10);
    for (const c of catalogs) {
      expect(c.licence_note.ja.length, c.id).toBeGreaterThan(10);
      // a checklist Tenken wrote itself has no official document to summarise, and says so
      expect(c.text_kind, c.id).toBe(c.publisher.en.startsWith('Tenken') ? 'own-guidance' : 'own-summary');
      expect(c.published, c.id).toMatch(/^\d{4}-\d{2}/);
    }
    expect(catalogs.filter((c) => c.text_kind === 'own-guidance').map((c) => c.id).sort()).toEqual(['backup-operations', 'cloud-incident-readiness', 'incident-initial-investigation']);
  });

  it('METI 2013: 11 clauses, 39 objectives, 133 controls', () => {
    const n = get('meti-cloud-2013', '2013');
    expect(n.filter((x) => x.depth === 0)).toHaveLength(11);
    expect(n.filter((x) => x.depth === 1)).toHaveLength(39);
    expect(n.filter((x) => x.depth === 2 && x.assessable)).toHaveLength(133);
    expect(n.filter((x) => x.depth === 0).map((x) => x.controlId)).toEqual(['5', '6', '7', '8', '9', '10', '11', '12', '13', '14', '15']);
  });

  it('PCI DSS 4.0.1: 12 requirements, 63 second-level, 250 sub-requirements, plus Appendix A', () => {
    const n = get('pci-dss', '4.0.1');
    expect(ids(n, /^\d+$/)).toHaveLength(12);
    expect(ids(n, /^\d+\.\d+$/)).toHaveLength(63);
    expect(ids(n, /^\d+\.\d+\.\d+(\.\d+)*$/)).toHaveLength(250);
    expect(ids(n, /^\d+\.\d+\.\d+$/)).toHaveLength(205);
    expect(ids(n, /^\d+\.\d+\.\d+\.\d+$/)).toHaveLength(44);
    expect(ids(n, /^A\d\.\d+$/)).toHaveLength(8);
    expect(ids(n, /^A\d\.\d+\.\d+(\.\d+)*$/)).toHaveLength(30);
    const perReq = Array.from({ length: 12 }, (_, i) => ids(n, new RegExp(`^${i + 1}\\.\\d+\\.\\d+`)).length);
    expect(perReq).toEqual([19, 11, 29, 6, 13, 19, 12, 29, 27, 27, 21, 37]);
    expect(ids(n, /^\d+\.\d+\.\d+/).every((x) => x.assessable)).toBe(true);
  });

  it('PCI DSS scale asks for a justification for CCW and N/A', () => {
    const scale = catalogs.find((c) => c.id === 'pci-dss' && c.version === '4.0.1')!.answer_scale;
    expect(scale.map((s) => s.value)).toEqual(expect.arrayContaining(['in_place', 'in_place_ccw', 'not_applicable', 'not_tested', 'not_in_place']));
    expect(scale.find((s) => s.value === 'in_place_ccw')?.justification).toBe('required');
    expect(scale.find((s) => s.value === 'not_applicable')?.justification).toBe('required');
  });

  it('ISMAP: the 114 control objectives of chapters 5–18 and the 7 cloud-specific items, all mandatory', () => {
    const n = get('ismap', '2024-07');
    const objectives = n.filter((x) => x.assessable && /^(\d+)\.\d+\.\d+$/.test(x.controlId) && Number(x.controlId.split('.')[0]) >= 5);
    expect(objectives).toHaveLength(114);
    const cloud = n.filter((x) => x.assessable && x.controlId.endsWith('.P'));
    expect(cloud.map((x) => x.controlId).sort()).toEqual(['12.1.5.P', '12.4.5.P', '13.1.4.P', '6.3.1.P', '8.1.5.P', '9.5.1.P', '9.5.2.P']);
    expect([...objectives, ...cloud].every((x) => x.mandatory)).toBe(true);
  });

  it('IPA 自社診断: 25 items in three parts, scored 4/2/0/−1 with bands', () => {
    const c = catalogs.find((x) => x.id === 'ipa-jisha-shindan')!;
    const n = flattenCatalog(c);
    expect(n.filter((x) => x.assessable).map((x) => x.controlId)).toEqual(Array.from({ length: 25 }, (_, i) => String(i + 1)));
    expect(n.filter((x) => x.depth === 0)).toHaveLength(3);
    expect(c.answer_scale.map((s) => s.score)).toEqual([4, 2, 0, -1]);
    expect(c.scoring?.method).toBe('points');
  });

  it('the credit-card guideline shows an EC merchant what applies to it', () => {
    const n = get('credit-card-gl', '6.0');
    const ec = n.filter((x) => x.assessable && (x.profiles.length === 0 || x.profiles.includes('ec-merchant')));
    const faceToFace = n.filter((x) => x.assessable && (x.profiles.length === 0 || x.profiles.includes('face-to-face-merchant')));
    expect(ec.length).toBeGreaterThan(10);
    expect(ec.length).toBeLessThan(n.filter((x) => x.assessable).length);
    expect(new Set(ec.map((x) => x.controlId))).not.toEqual(new Set(faceToFace.map((x) => x.controlId)));
  });

  it('the credit-card guideline: each non-retention method and the leak response are items the right actor sees', () => {
    const n = get('credit-card-gl', '6.0');
    const sees = (profile: string) =>
      new Set(n.filter((x) => x.assessable && (x.profiles.length === 0 || x.profiles.includes(profile))).map((x) => x.controlId));
    const ec = sees('ec-merchant');
    const store = sees('face-to-face-merchant');
    for (const id of ['P1-01', 'P1-01.1', 'P1-01.2', 'P1-01.3', 'P1-13.1', 'P1-13.2', 'P1-13.3', 'P1-13.4']) expect(ec.has(id), id).toBe(true);
    for (const id of ['P1-02', 'P1-02.1', 'P1-02.2', 'P1-02.3', 'P1-13.1', 'P1-13.4']) expect(store.has(id), id).toBe(true);
    expect([...ec].filter((id) => id.startsWith('P1-02'))).toEqual([]);
    expect([...store].filter((id) => id.startsWith('P1-01'))).toEqual([]);
    for (const p of ['acquirer', 'psp']) expect(sees(p).has('C-07'), p).toBe(true);
    expect(ec.has('C-07')).toBe(false);
    // a merchant uses only some methods, and most leak steps only apply after a leak: those need no answer
    const optional = n.filter((x) => !x.mandatory).map((x) => x.controlId);
    expect(optional).toEqual(expect.arrayContaining(['P1-01.1', 'P1-01.2', 'P1-01.3', 'P1-02.1', 'P1-02.2', 'P1-02.3', 'P1-13.2', 'P1-13.3', 'P1-13.4']));
    expect(optional).not.toContain('P1-13.1');
    const doc = catalogs.find((c) => c.id === 'credit-card-gl')!;
    for (const p of doc.profiles ?? []) expect(sees(p.id).size, p.id).toBeGreaterThan(0);
  });

  it('have no duplicate IDs within a catalog version', () => {
    for (const c of catalogs) {
      const list = flattenCatalog(c).map((n) => n.controlId);
      expect(new Set(list).size, `${c.id}@${c.version}`).toBe(list.length);
    }
  });

  it('every mapping endpoint exists in the catalog version it names', () => {
    const files = readdirSync(join(dir, 'mappings')).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const f of files) {
      const r = parseMappingText(readFileSync(join(dir, 'mappings', f), 'utf8'));
      expect(r.ok, f).toBe(true);
      if (r.ok) expect(checkMappingEndpoints(r.value, catalogs), f).toEqual([]);
    }
  });
});
