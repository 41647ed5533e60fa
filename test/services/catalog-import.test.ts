import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import ExcelJS from 'exceljs';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { flattenCatalog } from '../../src/core/catalog/flatten';
import { parseCatalogText } from '../../src/core/catalog/parse';
import { call, dispatch } from '../../src/main/api/dispatch';
import { catalogDocumentFromDb } from '../../src/main/catalogs/document';
import { freshRuntime, snapshotTables } from '../support/workspace';

const shared = join(__dirname, '../../../shared/data/oscal');
const hasShared = existsSync(shared);
if (!hasShared) console.warn('[skip] ../shared/data/oscal not found: NIST OSCAL import/export checks skipped');
const mini = readFileSync(join(__dirname, '../fixtures/catalogs/mini.yaml'), 'utf8');

function countControls(node: { controls?: unknown[]; groups?: unknown[] }): number {
  let n = 0;
  for (const c of (node.controls ?? []) as { controls?: unknown[] }[]) n += 1 + countControls(c);
  for (const g of (node.groups ?? []) as { controls?: unknown[]; groups?: unknown[] }[]) n += countControls(g);
  return n;
}

describe('catalog import through the API', () => {
  it.skipIf(!hasShared)(
    'imports the NIST SP 800-53 rev5 MODERATE OSCAL catalog with all 287 controls and enhancements, and exports it valid against the official schema',
    async () => {
      const rt = await freshRuntime();
      const file = 'NIST_SP-800-53_rev5_MODERATE-baseline-resolved-profile_catalog.json';
      const r = await call(rt.ctx, 'catalogs.import', {
        fileName: file,
        content: readFileSync(join(shared, file), 'utf8'),
      });
      expect(r.status).toBe('added');
      const summary = (await call(rt.ctx, 'catalogs.list', {})).find((c) => c.ref === r.ref)!;
      expect(summary.assessableCount).toBe(287);
      const doc = catalogDocumentFromDb(rt.ctx, r.ref);
      expect(doc.items.map((g) => g.id.toLowerCase())).toEqual([
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
      const ac2 = flattenCatalog(doc).filter((n) => n.parentControlId === 'AC-2');
      expect(ac2.length).toBeGreaterThan(0);

      const exported = await call(rt.ctx, 'catalogs.export', { ref: r.ref, format: 'oscal', lang: 'en' });
      const json = JSON.parse(exported.content) as { catalog: { controls?: unknown[]; groups?: unknown[] } };
      const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: true });
      addFormats(ajv);
      const validate = ajv.compile(
        JSON.parse(readFileSync(join(shared, 'schemas/oscal_catalog_schema.json'), 'utf8')) as object,
      );
      expect(validate(json), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
      expect(countControls(json.catalog)).toBe(287);
    },
  );

  it.each([
    [
      'broken YAML',
      'bad.yaml',
      mini.replace('title: { ja: 暗号, en: Cryptography }', 'title: { ja: 暗号, en: Cryptography'),
    ],
    ['tabs', 'tabs.yaml', mini.replace('  - id: "2.1"', '\t- id: "2.1"')],
    ['duplicate IDs', 'dup.yaml', mini.replace('id: "2.1"', 'id: "1.1"')],
    ['an OSCAL file that is not a catalog', 'x.json', JSON.stringify({ 'assessment-results': {} })],
    [
      'an OSCAL catalog with a wrongly typed controls field',
      'y.json',
      JSON.stringify({ catalog: { uuid: 'x', metadata: { title: 't', version: '1' }, controls: 'nope' } }),
    ],
    ['unreadable JSON', 'z.json', '{ "catalog": '],
    ['a CSV without recognisable headers', 'a.csv', 'foo,bar\n1,2\n'],
    ['an XLSX that is not a workbook', 'w.xlsx', Buffer.from('not a zip').toString('base64')],
  ])('refuses %s with located errors and leaves the workspace unchanged', async (_name, fileName, content) => {
    const rt = await freshRuntime();
    const before = snapshotTables(rt.ctx.db);
    const input = { fileName, content, ...(fileName.endsWith('.xlsx') ? { encoding: 'base64' as const } : {}) };
    const preview = await call(rt.ctx, 'catalogs.preview', input);
    expect(preview.ok).toBe(false);
    expect(preview.errors.length).toBeGreaterThan(0);
    const r = await dispatch(rt.ctx, 'catalogs.import', input);
    expect(r).toMatchObject({ ok: false, error: { code: 'bad_input', key: 'catalogInvalid' } });
    expect(snapshotTables(rt.ctx.db)).toEqual(before);
  });

  it('refuses a file over the size limit before reading it', async () => {
    const rt = await freshRuntime();
    const r = await dispatch(rt.ctx, 'catalogs.import', {
      fileName: 'huge.yaml',
      content: 'x'.repeat(41 * 1024 * 1024),
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'bad_input' } });
  });

  it('never overwrites an existing version with other content', async () => {
    const rt = await freshRuntime();
    await call(rt.ctx, 'catalogs.import', { fileName: 'mini.yaml', content: mini });
    expect(await call(rt.ctx, 'catalogs.import', { fileName: 'mini.yaml', content: mini })).toMatchObject({
      status: 'unchanged',
    });
    const before = snapshotTables(rt.ctx.db);
    const r = await dispatch(rt.ctx, 'catalogs.import', {
      fileName: 'mini.yaml',
      content: mini.replace('方針を文書化する。', '別の文'),
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'conflict', key: 'catalogVersionExists' } });
    expect(snapshotTables(rt.ctx.db)).toEqual(before);
  });

  it('exports every shipped catalog as YAML that imports back to the same catalog', async () => {
    const rt = await freshRuntime();
    for (const c of await call(rt.ctx, 'catalogs.list', {})) {
      const f = await call(rt.ctx, 'catalogs.export', { ref: c.ref, format: 'yaml', lang: 'ja' });
      const back = parseCatalogText(f.content);
      expect(back.ok, `${c.catalogId}: ${back.ok ? '' : JSON.stringify(back.errors.slice(0, 2))}`).toBe(true);
      if (!back.ok) continue;
      const original = catalogDocumentFromDb(rt.ctx, c.ref);
      const key = (d: typeof original) =>
        flattenCatalog(d).map((n) => [
          n.controlId,
          n.parentControlId,
          n.assessable,
          n.mandatory,
          n.textHash,
          n.profiles.join(','),
        ]);
      expect(key(back.value)).toEqual(key(original));
    }
  });

  it('imports an Excel sheet shaped like the ISMAP 管理基準 into the right hierarchy', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('管理策基準');
    ws.addRow(['ISMAP 管理基準（抜粋・テスト用）']);
    ws.addRow([]);
    ws.addRow(['管理策番号', '管理策', '詳細']);
    ws.addRow(['9', 'アクセス制御', '']);
    ws.addRow(['9.4', 'システム及びアプリケーションのアクセス制御', '']);
    ws.addRow(['9.4.2', 'セキュアなログオン手順', '統制目標の本文（テスト）']);
    ws.addRow(['9.4.2.1', '', 'ログオン手順を定める（テスト）']);
    ws.addRow(['9.4.2.2.B', '', '多要素認証を用いる（テスト）']);
    ws.addRow([]);
    ws.addRow(['9.2', '利用者アクセスの管理', '']);
    ws.addRow(['9.2.3', '特権的アクセス権の管理', '統制目標の本文（テスト）']);
    ws.addRow(['9.2.3.11.PB', '', '特権利用に多要素認証（テスト）']);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const rt = await freshRuntime();
    const input = {
      fileName: 'kanri-kijun.xlsx',
      content: buf.toString('base64'),
      encoding: 'base64' as const,
      meta: { id: 'ismap-official', version: '2024-07' },
    };
    const preview = await call(rt.ctx, 'catalogs.preview', input);
    expect(preview.ok, JSON.stringify(preview.errors)).toBe(true);
    expect(preview.table?.mapping).toMatchObject({ headerRow: 2, id: 0, title: 1, description: 2 });
    const r = await call(rt.ctx, 'catalogs.import', input);
    const flat = flattenCatalog(catalogDocumentFromDb(rt.ctx, r.ref));
    const parent = Object.fromEntries(flat.map((n) => [n.controlId, n.parentControlId]));
    expect(parent).toEqual({
      '9': null,
      '9.4': '9',
      '9.4.2': '9.4',
      '9.4.2.1': '9.4.2',
      '9.4.2.2.B': '9.4.2',
      '9.2': '9',
      '9.2.3': '9.2',
      '9.2.3.11.PB': '9.2.3',
    });
    expect(
      flat
        .filter((n) => n.assessable)
        .map((n) => n.controlId)
        .sort(),
    ).toEqual(['9.2.3', '9.2.3.11.PB', '9.4.2', '9.4.2.1', '9.4.2.2.B']);
  });
});
