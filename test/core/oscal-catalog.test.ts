import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { flattenCatalog } from '../../src/core/catalog/flatten';
import type { CatalogDocument, CatalogNodeInput } from '../../src/core/catalog/format';
import type { ImportResult } from '../../src/core/catalog/import-types';
import { exportOscalCatalog, TENKEN_NAMESPACE, TENKEN_OSCAL_NS } from '../../src/core/oscal/catalog/export';
import { importOscalCatalog } from '../../src/core/oscal/catalog/import';
import { parseCatalogText } from '../../src/core/catalog/parse';
import { sha1Bytes, sha1Hex } from '../../src/core/util/sha1';
import { uuidV5 } from '../../src/core/util/uuid-v5';
import { listCatalogFiles } from '../../src/main/catalogs/loader';

// ../shared sits beside the repository on the build machine only; a user's clone has none.
const shared = join(__dirname, '../../../shared/data/oscal');
const hasShared = existsSync(shared);
if (!hasShared) console.warn('[skip] ../shared/data/oscal not found: OSCAL tests against NIST files skipped');

const NIST = 'NIST_SP-800-53_rev5_MODERATE-baseline-resolved-profile_catalog.json';
const LAST_MODIFIED = '2026-11-23T10:00:00+09:00';

type Obj = Record<string, unknown>;

function readShared(name: string): unknown {
  return JSON.parse(readFileSync(join(shared, name), 'utf8')) as unknown;
}

function mustImport(r: ImportResult): CatalogDocument {
  if (!r.ok) throw new Error(JSON.stringify(r.errors.slice(0, 5)));
  return r.doc;
}

/** Every OSCAL control, enhancements included, except sub-headings written as controls (marked assessable=false). */
function countControls(node: Obj): number {
  const controls = (node.controls as Obj[] | undefined) ?? [];
  const groups = (node.groups as Obj[] | undefined) ?? [];
  const heading = (c: Obj) =>
    ((c.props as Obj[] | undefined) ?? []).some(
      (p) => p.ns === TENKEN_OSCAL_NS && p.name === 'assessable' && p.value === 'false',
    );
  return (
    controls.filter((c) => !heading(c)).length +
    controls.reduce((n, c) => n + countControls(c), 0) +
    groups.reduce((n, g) => n + countControls(g), 0)
  );
}

function allTexts(doc: CatalogDocument): string[] {
  return flattenCatalog(doc).flatMap(({ node }) => [
    node.title.ja,
    node.title.en,
    node.description?.ja ?? '',
    node.description?.en ?? '',
    node.guidance?.ja ?? '',
    node.guidance?.en ?? '',
  ]);
}

/** A minimal OSCAL catalog for the edge cases; `controls` go into one group. */
function mini(controls: unknown, extra: Obj = {}): Obj {
  return {
    catalog: {
      uuid: '74c8ba1e-5cd4-4ad1-bbfd-d888e2f6c724',
      metadata: {
        title: 'Mini catalog',
        'last-modified': '2024-02-01T13:57:28-04:00',
        version: '1.0',
        'oscal-version': '1.1.2',
      },
      groups: [{ id: 'g1', title: 'Group one', controls }],
      ...extra,
    },
  };
}

describe('pure SHA-1 and UUIDv5', () => {
  it.each([
    '',
    'abc',
    '暗号化の方針'.repeat(100),
    'a'.repeat(55),
    'a'.repeat(56),
    'a'.repeat(64),
    'a'.repeat(1000),
    '🔐 emoji',
  ])('sha1 matches node:crypto for %#', (s) => {
    expect(sha1Hex(s)).toBe(createHash('sha1').update(s, 'utf8').digest('hex'));
  });

  it('sha1 of raw bytes matches node:crypto', () => {
    const bytes = Uint8Array.from({ length: 300 }, (_, i) => (i * 37) & 255);
    expect(Buffer.from(sha1Bytes(bytes)).toString('hex')).toBe(createHash('sha1').update(bytes).digest('hex'));
  });

  it('uuidV5 gives the RFC 4122 / Python uuid5 value for the DNS namespace', () => {
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'python.org')).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d');
  });

  it('the Tenken namespace is itself a v5 UUID derived from our OSCAL namespace URL', () => {
    expect(uuidV5('6ba7b811-9dad-11d1-80b4-00c04fd430c8', TENKEN_OSCAL_NS)).toBe(TENKEN_NAMESPACE);
  });
});

describe('OSCAL import: NIST SP 800-53 rev5 MODERATE', () => {
  it.skipIf(!hasShared)('imports 287 assessable controls and enhancements under 18 families, params rendered', () => {
    const r = importOscalCatalog(readShared(NIST));
    const doc = mustImport(r);
    const flat = flattenCatalog(doc);
    expect(flat.filter((n) => n.assessable)).toHaveLength(287);
    // The MODERATE baseline has no PM or PT control, so 18 of the 20 SP 800-53 families appear.
    expect(doc.items).toHaveLength(18);
    expect(doc.items.map((g) => g.id)).toEqual([
      'ac',
      'at',
      'au',
      'ca',
      'cm',
      'cp',
      'ia',
      'ir',
      'ma',
      'mp',
      'pe',
      'pl',
      'ps',
      'ra',
      'sa',
      'sc',
      'si',
      'sr',
    ]);
    expect(doc.items.every((g) => g.assessable === false)).toBe(true);
    expect(doc.version).toBe('5.1.1-u4');
    expect(doc.published).toBe('2024-02-13');
    expect(doc.publisher.en).toBe('Joint Task Force, Transformation Initiative');
    expect(doc.text_kind).toBe('official');
    expect(doc.description?.en).toContain('OSCAL 1.1.2');

    const ac2 = flat.find((n) => n.controlId === 'AC-2');
    expect(ac2?.assessable).toBe(true);
    expect(ac2?.node.title.en).toBe('Account Management');
    expect(ac2?.node.items?.map((c) => c.id)).toEqual([
      'AC-2(1)',
      'AC-2(2)',
      'AC-2(3)',
      'AC-2(4)',
      'AC-2(5)',
      'AC-2(13)',
    ]);
    expect(flat.find((n) => n.controlId === 'AC-2(1)')?.parentControlId).toBe('AC-2');
    expect(ac2?.node.description?.en).toContain(
      'c. Require [Assignment: prerequisites and criteria] for group and role membership;',
    );
    expect(ac2?.node.description?.en).toContain('\nd. Specify:\n  1. Authorized users of the system;');
    expect(ac2?.node.guidance?.en).toMatch(/^Examples of system account types/);
    // A selection whose choices hold their own parameters.
    expect(flat.find((n) => n.controlId === 'AC-7')?.node.description?.en).toContain(
      '[Selection (one or more): lock the account or node for [Assignment: time period]; lock the account or node until released by an administrator;',
    );
    expect(allTexts(doc).filter((t) => t.includes('{{'))).toEqual([]);
    expect(r.warnings.filter((w) => w.key === 'oscalSingleLanguage')).toHaveLength(1);
  });

  it.skipIf(!hasShared)('takes id and version from the caller when given', () => {
    const doc = mustImport(importOscalCatalog(readShared(NIST), { id: 'nist-800-53-moderate', version: '5.1.1' }));
    expect([doc.id, doc.version]).toEqual(['nist-800-53-moderate', '5.1.1']);
  });

  it.skipIf(!hasShared)('imports the OSCAL basic sample catalog (nested groups, overview, guidance sub-parts)', () => {
    const r = importOscalCatalog(readShared('basic-catalog.json'));
    const doc = mustImport(r);
    const flat = flattenCatalog(doc);
    expect(flat.filter((n) => n.assessable).map((n) => n.controlId)).toEqual(['1.1.1', '1.1.2', '2.1.1', '2.1.2']);
    expect(flat.find((n) => n.controlId === '1.1.1')?.parentControlId).toBe('s1.1');
    expect(flat.find((n) => n.controlId === 's1.1')?.parentControlId).toBe('1');
    const c = flat.find((n) => n.controlId === '1.1.1')?.node;
    expect(c?.description?.en).toMatch(/^To establish a management framework/);
    expect(c?.description?.en).toContain('All information security responsibilities should be defined and allocated.');
    expect(c?.guidance?.en).toContain('Individuals with allocated information security responsibilities');
    // Markup stays literal.
    expect(c?.description?.en).toContain('[(choppy)](#s1.2)');
    expect(doc.title.en).toBe('Sample Security Catalog *for Demonstration* and Testing');
    expect(allTexts(doc).filter((t) => t.includes('{{'))).toEqual([]);
  });
});

describe('OSCAL export', () => {
  let validate: ValidateFunction;
  beforeAll(() => {
    // The official schema is vendored (vendor/oscal-schemas), so this runs on every clean clone.
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: true });
    addFormats(ajv);
    validate = ajv.compile(
      JSON.parse(
        readFileSync(join(__dirname, '../../vendor/oscal-schemas/1.2.1/oscal_catalog_schema.json'), 'utf8'),
      ) as object,
    );
  });
  const valid = (json: unknown) => {
    const ok = validate(json);
    return ok ? 'valid' : JSON.stringify(validate.errors?.slice(0, 5), null, 1);
  };

  it.skipIf(!hasShared)('exports the NIST import as a valid OSCAL catalog keeping all 287 controls', () => {
    const doc = mustImport(importOscalCatalog(readShared(NIST)));
    const out = exportOscalCatalog(doc, { lang: 'en', lastModified: LAST_MODIFIED });
    expect(valid(out)).toBe('valid');
    expect(countControls(out.catalog as Obj)).toBe(287);
    const again = mustImport(importOscalCatalog(out));
    expect(
      flattenCatalog(again)
        .filter((n) => n.assessable)
        .map((n) => n.controlId),
    ).toEqual(
      flattenCatalog(doc)
        .filter((n) => n.assessable)
        .map((n) => n.controlId),
    );
  });

  const shipped = listCatalogFiles(join(__dirname, '../../catalogs')).map((f) => {
    const r = parseCatalogText(readFileSync(f, 'utf8'));
    if (!r.ok) throw new Error(`${f}: ${JSON.stringify(r.errors)}`);
    return r.value;
  });

  it('finds the shipped catalogs', () => {
    expect(shipped.length).toBeGreaterThan(5);
  });

  describe.each(['ja', 'en'] as const)('shipped catalogs in %s', (lang) => {
    it.each(shipped.map((doc) => [`${doc.id}@${doc.version}`, doc] as const))(
      '%s validates against the OSCAL schema',
      (_name, doc) => {
        const out = exportOscalCatalog(doc, { lang, lastModified: LAST_MODIFIED });
        expect(valid(out)).toBe('valid');
        expect(countControls(out.catalog as Obj)).toBe(flattenCatalog(doc).filter((n) => n.assessable).length);
      },
    );

    it.each(shipped.map((doc) => [`${doc.id}@${doc.version}`, doc] as const))(
      '%s exports deterministically and round-trips',
      (_name, doc) => {
        const a = JSON.stringify(exportOscalCatalog(doc, { lang, lastModified: LAST_MODIFIED }));
        const b = JSON.stringify(exportOscalCatalog(structuredClone(doc), { lang, lastModified: LAST_MODIFIED }));
        expect(a).toBe(b);
        expect(a).not.toMatch(/""|\[\]/); // no empty strings or arrays

        const r = importOscalCatalog(JSON.parse(a));
        const back = mustImport(r);
        expect(back.id).toBe(doc.id);
        expect(back.version).toBe(doc.version);
        expect(back.published).toBe(doc.published);
        expect(back.text_kind).toBe(doc.text_kind);
        expect(back.title[lang]).toBe(doc.title[lang]);
        const shape = (d: CatalogDocument) =>
          flattenCatalog(d).map((n) => [
            n.controlId,
            n.parentControlId,
            n.assessable,
            n.node.title[lang].replace(/\s+/g, ' ').trim(),
          ]);
        expect(shape(back)).toEqual(shape(doc));
        const evidence = (d: CatalogDocument) => flattenCatalog(d).map((n) => n.node.evidence?.[lang] ?? []);
        expect(evidence(back)).toEqual(evidence(doc));
        const providerGuidance = (d: CatalogDocument) =>
          flattenCatalog(d).map((n) => n.node.provider_guidance?.[lang] ?? null);
        expect(providerGuidance(back)).toEqual(providerGuidance(doc));
      },
    );
  });

  it('writes the expected metadata, ids, props and parts', () => {
    const doc = shipped.find((d) => d.id === 'ipa-web-meeting') as CatalogDocument;
    const out = exportOscalCatalog(doc, { lang: 'ja', lastModified: LAST_MODIFIED });
    const catalog = out.catalog as Obj;
    expect(catalog.uuid).toBe(uuidV5(TENKEN_NAMESPACE, `urn:tenken:catalog:${doc.id}:${doc.version}`));
    const md = catalog.metadata as Obj;
    expect(md).toMatchObject({
      title: doc.title.ja,
      published: '2020-07-14T00:00:00+09:00',
      'last-modified': LAST_MODIFIED,
      version: '2020-07-14',
      'oscal-version': '1.1.3',
      roles: [{ id: 'creator', title: 'Document Creator' }],
      parties: [{ type: 'organization', name: doc.publisher.ja }],
      remarks: expect.stringContaining(doc.licence_note.ja) as unknown,
    });
    expect(md.props).toEqual(
      expect.arrayContaining([
        { name: 'catalog-id', ns: TENKEN_OSCAL_NS, value: 'ipa-web-meeting' },
        { name: 'locale', ns: TENKEN_OSCAL_NS, value: 'ja' },
        { name: 'text-kind', ns: TENKEN_OSCAL_NS, value: doc.text_kind },
      ]),
    );
    // S (group) → S-1 (group) → S-1.1 (control)
    const sub = ((catalog.groups as Obj[])[0]?.groups as Obj[])[0] as Obj;
    const firstControl = (sub.controls as Obj[])[0] as Obj;
    const node = doc.items[0]?.items?.[0]?.items?.[0] as CatalogNodeInput;
    expect(firstControl.id).toBe(`ipa-web-meeting-${node.id}`.replace(/[^\p{L}\p{N}._-]/gu, '_'));
    expect(firstControl.props).toContainEqual({ name: 'label', value: node.id });
    expect((firstControl.parts as Obj[])[0]).toEqual({
      name: 'statement',
      prose: node.description?.ja ?? node.title.ja,
    });
    if (node.evidence)
      expect((firstControl.parts as Obj[]).find((p) => p.name === 'typical-evidence')).toMatchObject({
        ns: TENKEN_OSCAL_NS,
      });
  });

  it('handles controls with sub-controls, odd IDs, tags, profiles, weights and whitespace', () => {
    const doc: CatalogDocument = {
      format: 'tenken-catalog/1',
      id: 'edge-case',
      version: '1.0',
      title: { ja: 'エッジ　ケース', en: 'Edge case' },
      publisher: { ja: '　テスト　', en: 'Test' },
      published: '2024-02',
      licence_note: { ja: 'テスト用', en: 'For tests' },
      text_kind: 'user',
      unverified: ['　全角空白つき　'],
      answer_scale: mustImport(importOscalCatalog(mini([{ id: 'c1', title: 'x' }]))).answer_scale,
      profiles: [{ id: 'p1', label: { ja: 'P1', en: 'P1' } }],
      tags: [{ id: 'cloud', label: { ja: 'クラウド', en: 'Cloud' } }],
      items: [
        {
          id: '1',
          title: { ja: '見出し', en: 'Heading' },
          items: [
            {
              id: 'A(1)',
              title: { ja: '親', en: 'Parent' },
              assessable: true,
              tags: ['cloud'],
              profiles: ['p1'],
              weight: 2,
              mandatory: false,
              excludable: false,
              unverified: '  複数行\nの注記　',
              references: [{ id: 'A_1_' }, { catalog: 'ismap', id: '9.4.2' }],
              items: [
                { id: 'A_1_', title: { ja: '子', en: 'Child' } },
                { id: 'A(1).note', title: { ja: '注', en: 'Note' }, assessable: false },
              ],
            },
          ],
        },
        { id: 'X', title: { ja: '単独', en: 'Alone' }, description: { en: 'English only' } },
      ],
    };
    for (const lang of ['ja', 'en'] as const) {
      const out = exportOscalCatalog(doc, { lang, lastModified: '2026-01-01T00:00:00Z' });
      const text = JSON.stringify(out);
      if (hasShared) expect(valid(out)).toBe('valid');
      expect(text).not.toMatch(/"\s|\s"|\u3000"|"\u3000/); // values trimmed, U+3000 included
      const catalog = out.catalog as Obj;
      expect((catalog.metadata as Obj).published).toBe('2024-02-01T00:00:00+09:00');
      const parent = ((catalog.groups as Obj[])[0]?.controls as Obj[])[0] as Obj;
      expect(parent.id).toBe('edge-case-A_1_');
      expect((parent.controls as Obj[]).map((c) => c.id)).toEqual(['edge-case-A_1_-2', 'edge-case-A_1_.note']);
      expect(parent.links).toEqual([
        { href: '#edge-case-A_1_-2', rel: 'related' },
        { href: 'urn:tenken:control:ismap:9.4.2', rel: 'reference' },
      ]);
      const back = mustImport(importOscalCatalog(out));
      const flat = flattenCatalog(back);
      expect(flat.map((n) => [n.controlId, n.parentControlId, n.assessable])).toEqual([
        ['1', null, false],
        ['A(1)', '1', true],
        ['A_1_', 'A(1)', true],
        ['A(1).note', 'A(1)', false],
        ['X', null, true],
      ]);
      expect(back.published).toBe('2024-02');
      expect(flat[1]?.node).toMatchObject({
        weight: 2,
        mandatory: false,
        excludable: false,
        unverified: '複数行 の注記',
      });
      // The statement falls back to the title when there is no description in the exported language.
      expect(flat[4]?.node.description?.[lang]).toBe(lang === 'en' ? 'English only' : '単独');
    }
  });
});

describe('OSCAL import: bad input is reported, never thrown', () => {
  const errorKeys = (r: ImportResult) => (r.ok ? [] : r.errors.map((e) => e.key));

  it.each([
    ['a string', 'catalog'],
    ['null', null],
    ['an array', [1, 2]],
    ['no catalog key', { profile: { uuid: 'x' } }],
    ['a catalog that is a string', { catalog: 'yes' }],
  ])('refuses %s', (_name, input) => {
    const r = importOscalCatalog(input);
    expect(r.ok).toBe(false);
    expect(errorKeys(r)).toEqual(['oscalNotCatalog']);
    if (!r.ok)
      expect(r.errors[0]).toMatchObject({ severity: 'error', params: { found: expect.any(String) as unknown } });
  });

  it('refuses a catalog without metadata', () => {
    const r = importOscalCatalog({
      catalog: { uuid: 'x', groups: [{ id: 'g', title: 'G', controls: [{ id: 'c', title: 'C' }] }] },
    });
    expect(errorKeys(r)).toContain('oscalMissingField');
    if (!r.ok) expect(r.errors[0]?.path).toBe('catalog.metadata');
  });

  it('refuses groups of the wrong type and controls that are a string', () => {
    const g = importOscalCatalog({ catalog: { ...(mini([]).catalog as Obj), groups: { id: 'g' } } });
    expect(errorKeys(g)).toContain('oscalInvalidType');
    if (!g.ok)
      expect(g.errors[0]).toMatchObject({ path: 'catalog.groups', params: { field: 'groups', expected: 'array' } });
    const c = importOscalCatalog(mini('AC-1'));
    expect(errorKeys(c)).toContain('oscalInvalidType');
    if (!c.ok) expect(c.errors[0]?.path).toBe('catalog.groups[0].controls');
    expect(errorKeys(importOscalCatalog(mini([42])))).toContain('oscalInvalidType');
  });

  it('refuses a catalog with no controls at all', () => {
    expect(errorKeys(importOscalCatalog({ catalog: { ...(mini([]).catalog as Obj), groups: undefined } }))).toEqual([
      'oscalNoControls',
    ]);
  });

  it('imports a control without id or title with warnings and generated values', () => {
    const r = importOscalCatalog(mini([{ props: [{ name: 'label', value: 'X-1' }] }, {}]));
    const doc = mustImport(r);
    expect(flattenCatalog(doc).map((n) => [n.controlId, n.node.title.en])).toEqual([
      ['g1', 'Group one'],
      ['X-1', 'X-1'],
      ['C1', 'C1'],
    ]);
    expect(r.warnings.map((w) => w.key)).toEqual(expect.arrayContaining(['oscalMissingTitle', 'oscalMissingId']));
  });

  it('refuses colliding labels, naming the ID and where it first appears, and sanitizes labels', () => {
    const label = (value: string) => [{ name: 'label', value }];
    const r = importOscalCatalog(
      mini([
        { id: 'a', title: 'A', props: label('AC-1') },
        { id: 'b', title: 'B', props: label('AC-1') },
        { id: 'c', title: 'C', props: label('第 3 条') },
      ]),
    );
    expect(r.ok).toBe(false);
    expect(r.ok ? [] : r.errors).toEqual([
      {
        severity: 'error',
        key: 'oscalDuplicateId',
        params: { id: 'AC-1', first: 'catalog.groups[0].controls[0]' },
        path: 'catalog.groups[0].controls[1]',
      },
    ]);
    const ok = mustImport(
      importOscalCatalog(
        mini([
          { id: 'a', title: 'A', props: label('AC-1') },
          { id: 'c', title: 'C', props: label('第 3 条') },
        ]),
      ),
    );
    expect(flattenCatalog(ok).map((n) => n.controlId)).toEqual(['g1', 'AC-1', '3']);
  });

  it('refuses the same OSCAL id used twice (no label), and two IDs that become one when sanitized', () => {
    expect(
      errorKeys(
        importOscalCatalog(
          mini([
            { id: 'ac-1', title: 'A' },
            { id: 'ac-1', title: 'B' },
          ]),
        ),
      ),
    ).toEqual(['oscalDuplicateId']);
    expect(
      errorKeys(
        importOscalCatalog(
          mini([
            { id: 'x', title: 'A', props: [{ name: 'label', value: 'A 1' }] },
            { id: 'y', title: 'B', props: [{ name: 'label', value: 'A-1' }] },
          ]),
        ),
      ),
    ).toEqual(['oscalDuplicateId']);
  });

  it('prefers the unclassed label, skips withdrawn controls and warns once per unknown field', () => {
    const r = importOscalCatalog(
      mini([
        {
          id: 'ac-1',
          title: 'Policy',
          colour: 'red',
          props: [
            { name: 'label', value: 'AC-01', class: 'zero-padded' },
            { name: 'label', value: 'AC-1' },
          ],
        },
        {
          id: 'ac-2',
          title: 'Old',
          colour: 'blue',
          props: [{ name: 'status', value: 'withdrawn' }],
          controls: [{ id: 'ac-2.1', title: 'Old too' }],
        },
        {
          id: 'ac-3',
          title: 'Third',
          colour: 'green',
          parts: [{ name: 'statement', prose: '<b>bold</b> & {{ insert: param, nope }}', shade: 1 }],
        },
      ]),
    );
    const doc = mustImport(r);
    const flat = flattenCatalog(doc);
    expect(flat.map((n) => n.controlId)).toEqual(['g1', 'AC-1', 'ac-3']);
    expect(flat[2]?.node.description?.en).toBe('<b>bold</b> & [nope]');
    expect(r.warnings.filter((w) => w.key === 'oscalUnknownField').map((w) => w.params.field)).toEqual([
      'colour',
      'shade',
    ]);
    expect(r.warnings).toContainEqual(expect.objectContaining({ key: 'oscalWithdrawnSkipped', params: { count: 2 } }));
  });

  it('renders parameters: label, selection with nested inserts, guidelines, id; cycles end', () => {
    const r = importOscalCatalog(
      mini([
        {
          id: 'c1',
          title: 'Params',
          params: [
            { id: 'p-label', label: 'frequency' },
            {
              id: 'p-sel',
              select: {
                'how-many': 'one-or-more',
                choice: ['daily', 'every {{ insert: param, p-label }}', 'per {{ insert: param, p-loop }}'],
              },
            },
            { id: 'p-loop', select: { choice: ['again {{ insert: param, p-sel }}'] } },
            { id: 'p-guide', guidelines: [{ prose: 'the  people\nto tell' }] },
            { id: 'p-bare' },
          ],
          parts: [
            {
              name: 'statement',
              prose: 'A {{ insert: param, p-sel }}; B {{insert: param, p-guide}}; C {{ insert: param, p-bare }}.',
            },
          ],
        },
      ]),
    );
    const doc = mustImport(r);
    expect(flattenCatalog(doc)[1]?.node.description?.en).toBe(
      'A [Selection (one or more): daily; every [Assignment: frequency]; per [Selection: again [p-sel]]]; B [Assignment: the people to tell]; C [p-bare].',
    );
  });

  it('survives hostile shapes without throwing', () => {
    const deep: Obj = { id: 'c0', title: 'C0' };
    let cur = deep;
    for (let i = 1; i < 40; i++) {
      const next: Obj = { id: `c${i}`, title: `C${i}` };
      cur.controls = [next];
      cur = next;
    }
    const inputs: unknown[] = [
      undefined,
      42,
      { catalog: { metadata: 'x' } },
      { catalog: { metadata: { title: 5 }, groups: [null] } },
      mini([{ id: 'c', title: 'T', parts: 'statement', props: { name: 'label' }, params: 7 }]),
      mini([{ id: 'c', title: 'T', parts: [{ name: 'statement', parts: [null, { name: 'item', prose: 3 }] }] }]),
      mini([deep]),
    ];
    for (const input of inputs) expect(() => importOscalCatalog(input)).not.toThrow();
    expect(errorKeys(importOscalCatalog(mini([deep])))).toContain('tooDeep');
    expect(importOscalCatalog(inputs[4]).ok).toBe(true);
  });
});
