import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { flattenCatalog } from '../../src/core/catalog/flatten';
import { suggestMapping } from '../../src/core/catalog/tabular/columns';
import { tabularToCatalog } from '../../src/core/catalog/tabular/to-catalog';
import { cellText, formatNumber, MAX_XLSX_BYTES, plainNumber, readXlsxRows } from '../../src/main/catalogs/xlsx-reader';

/** A workbook in the shape of the ISMAP 管理基準 sheet, built here (no binary fixture in the repository). */
async function kanriKijunWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  // A small legend sheet first: the importer must pick the sheet with the most content.
  const legend = wb.addWorksheet('凡例');
  legend.getCell('A1').value = 'B: 基本言明要件';

  const ws = wb.addWorksheet('管理基準');
  ws.getCell('A1').value = 'ISMAP 管理基準（テスト用）';
  ws.mergeCells('A1:C1');
  // row 2 stays empty
  ws.getRow(3).values = ['管理策番号', '管理策', '詳細'];
  ws.getCell('A4').value = 5; // chapter ID typed as a number
  ws.getCell('B4').value = '情報セキュリティのための方針群';
  ws.getCell('D4').value = new Date(Date.UTC(2024, 6, 1)); // an unmapped date cell
  ws.getCell('A5').value = 5.1; // typed as a number
  ws.getCell('B5').value = '情報セキュリティのための経営陣の方向性';
  ws.getCell('D5').value = { text: 'リンク', hyperlink: 'http://example.invalid/' };
  ws.getRow(6).values = ['5.1.1', '情報セキュリティのための方針群', '方針群を定め、承認し、周知する。'];
  ws.getCell('A7').value = '5.1.1.1';
  ws.getCell('C7').value = '方針文書を作成する。';
  ws.mergeCells('C7:C8'); // a description merged over two rows: it belongs to row 7 only
  ws.getCell('A8').value = '5.1.1.2.B';
  ws.getCell('B8').value = '方針を見直す';
  ws.getCell('C9').value = '見直しは年1回以上。'; // continuation of 5.1.1.2.B (no ID)
  // row 10 stays empty
  ws.getCell('A11').value = 9;
  ws.getCell('B11').value = 'アクセス制御';
  ws.getRow(12).values = ['9.2.3', '特権的アクセス権の管理', '特権を管理する。']; // 9.2 is missing: created
  ws.getRow(13).values = ['9.2.3.11.PB', '多要素認証', '=HYPERLINK("http://x","y")']; // a literal string
  ws.getCell('A14').value = '9.2.3.12';
  ws.getCell('B14').value = { formula: '1+1', result: 2 };
  ws.getCell('C14').value = { richText: [{ text: '太字' }, { text: 'と普通', font: { bold: true } }] };
  ws.getCell('A15').value = 9.1;
  ws.getCell('A15').numFmt = '0.00'; // shown as 9.10
  ws.getCell('B15').value = '表示形式で桁を保つ章';
  ws.getCell('A30').numFmt = '@'; // a styled but empty trailing cell
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('readXlsxRows', () => {
  it('reads the fullest sheet as display text, aligned with sheet rows', async () => {
    const x = await readXlsxRows(await kanriKijunWorkbook());
    expect(x.sheets).toEqual(['凡例', '管理基準']);
    expect(x.sheet).toBe('管理基準');
    expect(x.rows).toHaveLength(15); // trailing empty rows trimmed
    expect(x.rows[0]).toEqual(['ISMAP 管理基準（テスト用）']); // merged title: master cell only
    expect(x.rows[1]).toEqual([]);
    expect(x.rows[2]).toEqual(['管理策番号', '管理策', '詳細']);
    expect(x.rows[3]).toEqual(['5', '情報セキュリティのための方針群', '', '2024-07-01']);
    expect(x.rows[4]).toEqual(['5.1', '情報セキュリティのための経営陣の方向性', '', 'リンク']);
    expect(x.rows[6]).toEqual(['5.1.1.1', '', '方針文書を作成する。']);
    expect(x.rows[7]).toEqual(['5.1.1.2.B', '方針を見直す']); // the merged slave reads as empty
    expect(x.rows[12]?.[2]).toBe('=HYPERLINK("http://x","y")');
    expect(x.rows[13]).toEqual(['9.2.3.12', '2', '太字と普通']); // formula → cached result, rich text → plain
    expect(x.rows[14]?.[0]).toBe('9.10');
  });

  it('imports the sheet into the right hierarchy', async () => {
    const x = await readXlsxRows(await kanriKijunWorkbook());
    const mapping = suggestMapping(x.rows);
    expect(mapping).toEqual({ headerRow: 2, id: 0, title: 1, description: 2 });
    if (!mapping) return;
    const r = tabularToCatalog(
      x.rows,
      mapping,
      { sourceName: 'ismap-kanri-kijun', sheet: x.sheet },
      { today: '2026-01-15' },
    );
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const flat = flattenCatalog(r.doc);
    expect(flat.map((n) => [n.controlId, n.parentControlId, n.assessable])).toEqual([
      ['5', null, false],
      ['5.1', '5', false],
      ['5.1.1', '5.1', true],
      ['5.1.1.1', '5.1.1', true],
      ['5.1.1.2.B', '5.1.1', true],
      ['9', null, false],
      ['9.2', '9', false],
      ['9.2.3', '9.2', true],
      ['9.2.3.11.PB', '9.2.3', true],
      ['9.2.3.12', '9.2.3', true],
      ['9.10', '9', true],
    ]);
    expect(flat).toHaveLength(11);
    expect(flat.filter((n) => n.assessable)).toHaveLength(7);
    const byId = new Map(flat.map((n) => [n.controlId, n.node]));
    expect(byId.get('5.1.1.1')?.title.ja).toBe('方針文書を作成する。');
    expect(byId.get('5.1.1.2.B')?.description?.ja).toBe('見直しは年1回以上。');
    expect(byId.get('9.2.3.11.PB')?.description?.ja).toBe('=HYPERLINK("http://x","y")');
    expect(byId.get('9.2')?.title).toEqual({ ja: '9.2', en: '9.2' });
    expect(r.warnings).toContainEqual(
      expect.objectContaining({ key: 'tabularParentCreated', path: '管理基準!A12', line: 12, column: 1 }),
    );
    expect(r.warnings.filter((w) => w.key === 'missingTranslationFile')).toHaveLength(1);
  });

  it('reads a named sheet and rejects unknown sheets', async () => {
    const buf = await kanriKijunWorkbook();
    expect((await readXlsxRows(buf, { sheet: '凡例' })).rows).toEqual([['B: 基本言明要件']]);
    await expect(readXlsxRows(new Uint8Array(buf), { sheet: 'なし' })).rejects.toThrow(/^xlsxUnreadable:/);
  });

  it('rejects corrupt and oversized input with prefixed messages', async () => {
    await expect(readXlsxRows(Buffer.from('id,title\n1,a\n'))).rejects.toThrow(/^xlsxUnreadable:/);
    const truncated = (await kanriKijunWorkbook()).subarray(0, 300);
    await expect(readXlsxRows(truncated)).rejects.toThrow(/^xlsxUnreadable:/);
    await expect(readXlsxRows(Buffer.alloc(MAX_XLSX_BYTES + 1))).rejects.toThrow(/^xlsxTooLarge:/);
  });
});

describe('cell values', () => {
  it('formats numbers as displayed, without float noise', () => {
    expect(plainNumber(0.1 + 0.2)).toBe('0.3');
    expect(plainNumber(9.4000000001)).toBe('9.4');
    expect(plainNumber(100)).toBe('100');
    expect(plainNumber(-12.5)).toBe('-12.5');
    expect(formatNumber(9.1, '0.00')).toBe('9.10');
    expect(formatNumber(1234.5, '#,##0.0')).toBe('1,234.5');
    expect(formatNumber(0.25, '0%')).toBe('25%');
    expect(formatNumber(9.1, 'General')).toBe('9.1');
  });

  it('turns formulas, errors, rich text, hyperlinks, booleans and dates into text', () => {
    expect(cellText({ formula: 'A1', result: { error: '#N/A' } })).toBe('#N/A');
    expect(cellText({ formula: 'NOW()' })).toBe('');
    expect(cellText({ sharedFormula: 'A1', result: 'x' } as ExcelJS.CellValue)).toBe('x');
    expect(cellText({ text: 'y', hyperlink: 'http://x' })).toBe('y');
    expect(cellText(true)).toBe('TRUE');
    expect(cellText(new Date(Date.UTC(2025, 0, 31)))).toBe('2025-01-31');
    expect(cellText('<script>alert(1)</script>')).toBe('<script>alert(1)</script>');
  });
});
