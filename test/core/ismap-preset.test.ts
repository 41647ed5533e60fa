import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { flattenCatalog } from '../../src/core/catalog/flatten';
import type { CatalogDocument } from '../../src/core/catalog/format';
import { parseCatalogText } from '../../src/core/catalog/parse';
import { buildIsmapCatalog } from '../../src/core/catalog/tabular/ismap-preset';
import { parseIsmapId, readIsmapSheets } from '../../src/core/catalog/tabular/ismap-sheet';

const parsed = parseCatalogText(readFileSync(join(__dirname, '../../catalogs/ismap/2024-07.yaml'), 'utf8'));
if (!parsed.ok) throw new Error('ismap catalog does not parse');
const base: CatalogDocument = parsed.value;

describe('parseIsmapId', () => {
  it.each([
    ['9.4.2.1.B', [9, 4, 2, 1], 'B', ''],
    ['９．２．３．１１．ＰＢ ', [9, 2, 3, 11], 'PB', ''],
    ['9.2.3.11 pb', [9, 2, 3, 11], 'PB', ''],
    ['5 . 1 . 1', [5, 1, 1], '', ''],
    ['5.1.', [5, 1], '', ''],
    ['第5章 情報セキュリティのための方針群', [5], '', '情報セキュリティのための方針群'],
    ['5　情報セキュリティのための方針群', [5], '', '情報セキュリティのための方針群'],
    ['5.1.1 Policies for information security', [5, 1, 1], '', 'Policies for information security'],
    ['8.1.5.P クラウド', [8, 1, 5], 'P', 'クラウド'],
    ['５．情報セキュリティのための方針群', [5], '', '情報セキュリティのための方針群'],
  ])('reads %j', (raw, stem, suffix, text) => {
    expect(parseIsmapId(raw)).toEqual({ kind: 'id', stem, suffix, text });
  });
  it('tells unknown suffixes, unreadable IDs and notes apart', () => {
    expect(parseIsmapId('9.4.2.1.X')).toEqual({ kind: 'badSuffix', suffix: 'X' });
    expect(parseIsmapId('9.4.2.1.BP')).toEqual({ kind: 'badSuffix', suffix: 'BP' });
    expect(parseIsmapId('9.4.2.1.B2')).toEqual({ kind: 'badSuffix', suffix: 'B2' });
    expect(parseIsmapId('9.4-2')).toEqual({ kind: 'invalid' });
    expect(parseIsmapId('※ 基本言明要件は .B で示す')).toEqual({ kind: 'note' });
  });
});

describe('readIsmapSheets', () => {
  it('reads a layout with separate 統制目標 and 詳細管理策 columns, a heading merged across the row and an LIU column', () => {
    const rows = [
      ['ISMAP 管理基準 管理策基準'],
      [],
      ['区分', '統制目標番号', '統制目標', '詳細管理策番号', '詳細管理策', 'LIU'],
      ['第12章 運用のセキュリティ'],
      ['', '12.2.1', 'マルウェアからの保護（試験用）', '', '', ''],
      ['', '', '', '12.2.1.15', '機械学習による検知（試験用）', '対象'],
      ['', '', '', '12.2.1.2.B', '定義ファイルの更新（試験用）', '－'],
      ['', '', '', '', '（続き）'],
    ];
    const r = readIsmapSheets([{ name: '管理策基準', rows }]);
    expect(r.errors).toEqual([]);
    expect(r.records.map((x) => [x.id, x.texts, x.liu, x.line, x.column])).toEqual([
      ['12', ['運用のセキュリティ'], false, 4, 1],
      ['12.2.1', ['マルウェアからの保護（試験用）'], false, 5, 2],
      ['12.2.1.15', ['機械学習による検知（試験用）'], true, 6, 4],
      ['12.2.1.2.B', ['定義ファイルの更新（試験用）\n（続き）'], false, 7, 4],
    ]);
    expect(r.sheets).toEqual([{ name: '管理策基準', headerRow: 3, liuColumn: true, skipped: false }]);
  });

  it('reads a layout that repeats the chapter and the 統制目標 on every row without taking them as duplicates', () => {
    const rows = [
      ['章', '統制目標番号', '統制目標', '詳細管理策番号', '詳細管理策'],
      ['5', '5.1.1', '試験用 a', '5.1.1.1', '試験用 a1'],
      ['5', '5.1.1', '試験用 a', '5.1.1.2.B', '試験用 a2'],
      ['5', '5.1.2', '試験用 b', '5.1.2.1', '試験用 b1'],
    ];
    const r = readIsmapSheets([{ name: 'Sheet1', rows }]);
    expect(r.errors).toEqual([]);
    expect(r.records.map((x) => x.id)).toEqual(['5', '5.1.1', '5.1.1.1', '5.1.1.2.B', '5.1.2', '5.1.2.1']);
  });

  it('skips sheets without a header unless they hold criteria IDs', () => {
    const r = readIsmapSheets([
      { name: '改訂履歴', rows: [['2024年7月', '詳細管理策を追加']] },
      {
        name: '管理策基準_凡例',
        rows: [
          ['記号', '意味'],
          ['.B', '基本言明要件'],
          ['5.1', '（例）群の番号'],
        ],
      },
      {
        name: 'Sheet3',
        rows: [
          ['4.1', '試験用'],
          ['4.1.1', '試験用'],
        ],
      },
    ]);
    expect(r.warnings).toMatchObject([
      { key: 'ismapSheetSkipped', params: { sheet: '改訂履歴' } },
      { key: 'ismapSheetSkipped', params: { sheet: '管理策基準_凡例' } },
    ]);
    expect(r.errors).toMatchObject([{ key: 'ismapNoHeader', params: { sheet: 'Sheet3' }, path: 'Sheet3!1:20' }]);
  });
});

describe('buildIsmapCatalog', () => {
  const sheet = (rows: string[][]) => [{ name: '管理策基準', rows: [['管理策番号', '管理策'], ...rows] }];

  it('keeps the shipped IDs, adds 詳細管理策 with .B mandatory, and declares that it keeps the IDs', () => {
    const r = buildIsmapCatalog(
      sheet([
        ['9.4.2', '試験用 ログオン'],
        ['9.4.2.1', '試験用 a'],
        ['9.4.2.2.B', '試験用 b'],
      ]),
      base,
      { version: 'mine' },
    );
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.doc).toMatchObject({ id: 'ismap', version: 'mine', keeps_ids_of: '2024-07', text_kind: 'mixed' });
    const flat = new Map(flattenCatalog(r.doc).map((n) => [n.controlId, n]));
    for (const b of flattenCatalog(base))
      expect(flat.get(b.controlId)?.parentControlId, b.controlId).toBe(b.parentControlId);
    expect(flat.get('9.4.2.1')).toMatchObject({ parentControlId: '9.4.2', mandatory: false, assessable: true });
    expect(flat.get('9.4.2.2.B')).toMatchObject({ parentControlId: '9.4.2', mandatory: true });
    expect(flat.get('9.4.2')).toMatchObject({ assessable: true, mandatory: true });
    expect(r.summary?.liu).toBe('noColumn');
    expect(r.doc.profiles?.find((p) => p.id === 'ismap-liu')?.description?.en).toContain('marks no LIU items');
    expect(r.warnings.map((w) => w.key)).toEqual(expect.arrayContaining(['ismapShippedMissing', 'ismapLiuNoColumn']));
  });

  it('narrows ISMAP-LIU only on marked 詳細管理策; marks on other rows alone do not narrow', () => {
    const rows = (mark3: string, mark4: string) => [
      {
        name: '管理策基準',
        rows: [
          ['管理策番号', '管理策', 'LIU'],
          ['9.4.2', '試験用', mark3],
          ['9.4.2.1', '試験用 a', mark4],
          ['9.4.2.2.B', '試験用 b', ''],
        ],
      },
    ];
    const only3 = buildIsmapCatalog(rows('○', ''), base);
    expect(only3.summary?.liu).toBe('noMarks');
    const marked = buildIsmapCatalog(rows('', '●'), base);
    if (!marked.ok) throw new Error(JSON.stringify(marked.errors));
    expect(marked.summary?.liu).toBe('narrowed');
    const flat = new Map(flattenCatalog(marked.doc).map((n) => [n.controlId, n.profiles]));
    expect(flat.get('9.4.2.1')).toEqual([]);
    expect(flat.get('9.4.2.2.B')).toEqual(['ismap']);
    expect(flat.get('9.4.2')).toEqual([]);
  });

  it('skips a sheet with a header but no criteria IDs (a revision history), and still refuses stray IDs on a criteria sheet', () => {
    const history = {
      name: '改訂履歴',
      rows: [
        ['No.', '改訂内容'],
        ['1', '詳細管理策を追加'],
        ['2', '例示を追加'],
      ],
    };
    const r = buildIsmapCatalog([history, ...sheet([['9.4.2.1', '試験用 a']])], base);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.warnings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: 'ismapSheetNotCriteria', params: { sheet: '改訂履歴' } }),
      ]),
    );
    expect(r.summary?.sheets.find((x) => x.name === '改訂履歴')).toMatchObject({ skipped: true });
    expect(buildIsmapCatalog([history], base)).toMatchObject({ ok: false, errors: [{ key: 'ismapNoCriteria' }] });
  });

  it('refuses IDs outside chapters 3–18 and a workbook without any criteria sheet', () => {
    const r = buildIsmapCatalog(
      sheet([
        ['9.4.2.1', '試験用'],
        ['19.1.1', '試験用'],
      ]),
      base,
    );
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors).toMatchObject([{ key: 'ismapChapterUnknown', path: '管理策基準!A3', line: 3, column: 1 }]);
    const none = buildIsmapCatalog([{ name: '表紙', rows: [['ISMAP']] }], base);
    if (none.ok) throw new Error('expected an error');
    expect(none.errors).toMatchObject([{ key: 'ismapNoCriteria', params: { sheets: '表紙' } }]);
  });
});
