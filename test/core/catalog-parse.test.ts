import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { flattenCatalog } from '../../src/core/catalog/flatten';
import { parseCatalogText } from '../../src/core/catalog/parse';

const mini = readFileSync(join(__dirname, '../fixtures/catalogs/mini.yaml'), 'utf8');

describe('catalog parsing', () => {
  it('accepts a valid catalog and flattens it in document order with parents', () => {
    const r = parseCatalogText(mini);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const flat = flattenCatalog(r.value);
    expect(flat.map((n) => [n.controlId, n.parentControlId, n.assessable])).toEqual([
      ['1', null, false],
      ['1.1', '1', true],
      ['1.2', '1', true],
      ['2', null, false],
      ['2.1', '2', true],
    ]);
  });

  it('gives the same text hash only when the title or description is unchanged', () => {
    const a = parseCatalogText(mini);
    const b = parseCatalogText(mini.replace('Document the policy.', 'Document and approve the policy.'));
    if (!a.ok || !b.ok) throw new Error('fixture invalid');
    const ha = new Map(flattenCatalog(a.value).map((n) => [n.controlId, n.textHash]));
    const hb = new Map(flattenCatalog(b.value).map((n) => [n.controlId, n.textHash]));
    expect(hb.get('1.1')).not.toBe(ha.get('1.1'));
    expect(hb.get('1.2')).toBe(ha.get('1.2'));
  });

  // Each malformed variant must be refused with a located, keyed error: the author sees file line:column and the path.
  const cases: { name: string; text: string; key: string; line: number; path?: string }[] = [
    { name: 'tab indentation', text: mini.replace('  - id: "2.1"', '\t- id: "2.1"'), key: 'yamlTab', line: 25 },
    {
      name: 'broken YAML',
      text: mini.replace('title: { ja: 暗号, en: Cryptography }', 'title: { ja: 暗号, en: Cryptography'),
      key: 'yamlSyntax',
      line: 24,
    },
    {
      name: 'duplicate key',
      text: mini.replace('version: "1.0"', 'version: "1.0"\nversion: "2.0"'),
      key: 'yamlDuplicateKey',
      line: 4,
    },
    {
      name: 'missing required field',
      text: mini.replace('publisher: { ja: テスト, en: Test }\n', ''),
      key: 'schemaMissing',
      line: 1,
      path: 'publisher',
    },
    {
      name: 'wrong type',
      text: mini.replace('assessable_placeholder', '').replace('score: 1 }', 'score: "high" }'),
      key: 'schemaType',
      line: 10,
      path: 'answer_scale[0].score',
    },
    {
      name: 'unknown field',
      text: mini.replace('text_kind: own-summary', 'text_kind: own-summary\ncolour: blue'),
      key: 'schemaUnknownKey',
      line: 1,
    },
    {
      name: 'bad enum',
      text: mini.replace('meaning: noncompliant', 'meaning: terrible'),
      key: 'schemaEnum',
      line: 11,
      path: 'answer_scale[1].meaning',
    },
    {
      name: 'id with spaces',
      text: mini.replace('id: "1.2"', 'id: "1 2"'),
      key: 'schemaFormat',
      line: 20,
      path: 'items[0].items[1].id',
    },
    {
      name: 'missing translation in title',
      text: mini.replace('title: { ja: 方針の見直し, en: Review the policy }', 'title: { ja: 方針の見直し }'),
      key: 'schemaMissing',
      line: 21,
      path: 'items[0].items[1].title.en',
    },
    {
      name: 'duplicate control id',
      text: mini.replace('id: "2.1"', 'id: "1.1"'),
      key: 'duplicateId',
      line: 25,
      path: 'items[1].items[0].id',
    },
    {
      name: 'dangling reference',
      text: mini.replace(
        '        title: { ja: 暗号化の方針, en: Encryption policy }',
        '        title: { ja: 暗号化の方針, en: Encryption policy }\n        references: [ { id: "9.9" } ]',
      ),
      key: 'danglingReference',
      line: 27,
    },
    {
      name: 'duplicate answer value',
      text: mini.replace('value: no,', 'value: yes,'),
      key: 'scaleDuplicate',
      line: 11,
    },
    {
      name: 'N/A with a score',
      text: mini.replace('meaning: not_applicable, score: null', 'meaning: not_applicable, score: 0'),
      key: 'scaleNaScored',
      line: 12,
    },
    {
      name: 'no compliant answer',
      text: mini.replace('meaning: compliant', 'meaning: partial'),
      key: 'scaleNoCompliant',
      line: 10,
    },
    {
      name: 'alias cycle',
      text: mini
        .replace('  - id: "2"\n', '  - &g\n    id: "2"\n')
        .replace(
          '        title: { ja: 暗号化の方針, en: Encryption policy }',
          '        title: { ja: 暗号化の方針, en: Encryption policy }\n        items: [ *g ]',
        ),
      key: 'cycle',
      line: 28,
      path: 'items[1].items[0].items[0]',
    },
    {
      name: 'undefined profile',
      text: mini.replace(
        '        title: { ja: 暗号化の方針, en: Encryption policy }',
        '        title: { ja: 暗号化の方針, en: Encryption policy }\n        profiles: [ec-merchant]',
      ),
      key: 'unknownProfile',
      line: 27,
    },
  ];

  it.each(cases)('refuses $name with line:column and a message key', ({ text, key, line, path }) => {
    const r = parseCatalogText(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const e = r.errors.find((x) => x.key === key);
    expect(e, JSON.stringify(r.errors)).toBeDefined();
    expect(e?.line).toBe(line);
    expect(e?.column).toBeGreaterThan(0);
    if (path) expect(e?.path).toBe(path);
  });

  it('refuses a file over the size limit without parsing it', () => {
    const r = parseCatalogText('#'.repeat(21 * 1024 * 1024));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]?.key).toBe('tooLarge');
  });

  it("keeps HTML in text as literal text (escaping is the renderer's job, never the parser's)", () => {
    const r = parseCatalogText(mini.replace('方針を文書化する。', '"<script>alert(1)</script>"'));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.items[0]?.items?.[0]?.description?.ja).toBe('<script>alert(1)</script>');
  });
});
