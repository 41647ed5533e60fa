import ExcelJS from 'exceljs';

/** Why a workbook cannot be read, as a catalog diagnostic key and a detail for people (thrown at the source). */
export class XlsxReadError extends Error {
  constructor(readonly key: 'xlsxTooLarge' | 'xlsxUnreadable', readonly detail: string) {
    super(`${key}: ${detail}`);
    this.name = 'XlsxReadError';
  }
}

/** The diagnostic for a failure while reading a workbook: our own typed error, or an unreadable file. */
export function xlsxFailure(e: unknown): { key: 'xlsxTooLarge' | 'xlsxUnreadable'; detail: string } {
  if (e instanceof XlsxReadError) return { key: e.key, detail: e.detail.slice(0, 200) };
  return { key: 'xlsxUnreadable', detail: (e instanceof Error ? e.message : String(e)).slice(0, 200) };
}

/**
 * Reads one worksheet of an XLSX workbook into rows of display strings for the tabular importer
 * (src/core/catalog/tabular). Row i of the result is sheet row i + 1 and column j is sheet column j + 1, so
 * diagnostics point at the cell the user sees; only trailing empty rows and cells are trimmed.
 *
 * Cell values:
 * - merged cells: the master (top-left) cell's value fills the first cell only; the other cells of the range
 *   read as empty (a description merged over two rows belongs to the first row; the importer treats an ID-less row
 *   with text as a continuation of the row above);
 * - rich text → its plain text; hyperlinks → their text; formulas → the cached result as text, never the formula
 *   (no result cached → empty); errors → the error code (#N/A);
 * - dates → YYYY-MM-DD; booleans → TRUE/FALSE;
 * - numbers → as displayed for plain fixed/percent formats (`0.00` shows 9.1 as "9.10"), otherwise as Excel's
 *   General format shows them (at most 11 characters: 9.4000000001 → "9.4", 0.1+0.2 → "0.3"). An ID typed as a number in a General cell is stored by Excel as
 *   that number, so "9.10" typed that way is already 9.1 in the file and cannot be recovered;
 * - strings as stored, including ones starting with `=` (a literal, not evaluated).
 *
 * Errors: a rejected promise whose message starts with `xlsxUnreadable:` (not a readable XLSX, unknown sheet) or
 * `xlsxTooLarge:` (input over 50 MB, over 512 MB uncompressed, or a sheet over the row/column limits).
 */

export const MAX_XLSX_BYTES = 50 * 1024 * 1024;
export const MAX_XLSX_UNCOMPRESSED_BYTES = 512 * 1024 * 1024;
export const MAX_XLSX_ROWS = 100_000;
export const MAX_XLSX_COLUMNS = 1_000;

export type XlsxRows = { sheets: string[]; sheet: string; rows: string[][] };

async function loadWorkbook(data: Buffer | Uint8Array): Promise<ExcelJS.Worksheet[]> {
  const buf = Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (buf.byteLength > MAX_XLSX_BYTES) throw new XlsxReadError('xlsxTooLarge', `${buf.byteLength} bytes (max ${MAX_XLSX_BYTES})`);
  if (buf.byteLength < 4 || buf.readUInt32LE(0) !== 0x04034b50) throw new XlsxReadError('xlsxUnreadable', 'not an XLSX (ZIP) file');
  const unzipped = zipUncompressedSize(buf);
  if (unzipped === null) throw new XlsxReadError('xlsxUnreadable', 'damaged ZIP directory');
  if (unzipped > MAX_XLSX_UNCOMPRESSED_BYTES) throw new XlsxReadError('xlsxTooLarge', `${unzipped} bytes uncompressed (max ${MAX_XLSX_UNCOMPRESSED_BYTES})`);

  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as Parameters<typeof wb.xlsx.load>[0]);
  } catch (e) {
    throw new XlsxReadError('xlsxUnreadable', `${e instanceof Error ? e.message : String(e)}`);
  }
  const worksheets = wb.worksheets;
  if (worksheets.length === 0) throw new XlsxReadError('xlsxUnreadable', 'the workbook has no worksheets');
  return worksheets;
}

export async function readXlsxRows(data: Buffer | Uint8Array, opts: { sheet?: string | undefined } = {}): Promise<XlsxRows> {
  const worksheets = await loadWorkbook(data);
  const sheets = worksheets.map((ws) => ws.name);

  let ws: ExcelJS.Worksheet | undefined;
  if (opts.sheet !== undefined) {
    ws = worksheets.find((w) => w.name === opts.sheet);
    if (!ws) throw new XlsxReadError('xlsxUnreadable', `no sheet named "${opts.sheet}"`);
  } else {
    // The visible sheet with the most non-empty cells (first one on a tie); hidden sheets only if all are hidden.
    const visible = worksheets.filter((w) => w.state === undefined || w.state === 'visible');
    let best = -1;
    for (const w of visible.length ? visible : worksheets) {
      const n = countCells(w);
      if (n > best) {
        best = n;
        ws = w;
      }
    }
  }
  if (!ws) throw new XlsxReadError('xlsxUnreadable', 'the workbook has no worksheets');
  return { sheets, sheet: ws.name, rows: sheetRows(ws) };
}

/**
 * Every visible sheet of a workbook, in workbook order (hidden sheets only when all are hidden), for readers that
 * take the whole workbook (the ISMAP preset: governance, management and control criteria on separate sheets).
 */
export async function readXlsxSheets(data: Buffer | Uint8Array): Promise<{ name: string; rows: string[][] }[]> {
  const worksheets = await loadWorkbook(data);
  const visible = worksheets.filter((w) => w.state === undefined || w.state === 'visible');
  return (visible.length ? visible : worksheets).map((ws) => ({ name: ws.name, rows: sheetRows(ws) }));
}

function isMergedSlave(cell: ExcelJS.Cell): boolean {
  return cell.type === ExcelJS.ValueType.Merge || (cell.isMerged && cell.master.address !== cell.address);
}

function countCells(ws: ExcelJS.Worksheet): number {
  let n = 0;
  ws.eachRow({ includeEmpty: false }, (row) => {
    row.eachCell({ includeEmpty: false }, (cell) => {
      if (!isMergedSlave(cell) && cell.value !== null && cell.value !== undefined && cell.value !== '') n++;
    });
  });
  return n;
}

function sheetRows(ws: ExcelJS.Worksheet): string[][] {
  const rows: string[][] = [];
  let tooLarge: string | null = null;
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (tooLarge) return;
    const cells: string[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      if (col > MAX_XLSX_COLUMNS) {
        tooLarge = `column ${col} in row ${rowNumber} (max ${MAX_XLSX_COLUMNS} columns)`;
        return;
      }
      const text = isMergedSlave(cell) ? '' : cellText(cell.value, cell.numFmt);
      if (text === '') return;
      while (cells.length < col - 1) cells.push('');
      cells[col - 1] = text;
    });
    if (cells.length === 0) return;
    if (rowNumber > MAX_XLSX_ROWS) {
      tooLarge = `row ${rowNumber} (max ${MAX_XLSX_ROWS} rows)`;
      return;
    }
    while (rows.length < rowNumber - 1) rows.push([]);
    rows[rowNumber - 1] = cells;
  });
  if (tooLarge) throw new XlsxReadError('xlsxTooLarge', `sheet "${ws.name}" has data at ${tooLarge}`);
  return rows;
}

/** The text a cell shows. Exported for tests. */
export function cellText(value: ExcelJS.CellValue | undefined, numFmt?: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return formatNumber(value, numFmt);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return formatDate(value);
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) return value.richText.map((r) => r.text ?? '').join('');
    if ('error' in value) return String(value.error);
    if ('formula' in value || 'sharedFormula' in value || 'result' in value) {
      const result = (value as { result?: ExcelJS.CellValue }).result;
      return cellText(result, numFmt);
    }
    if ('text' in value) {
      // Hyperlink: its text (which may itself be rich text).
      const text = (value as { text: unknown }).text;
      return typeof text === 'string' ? text : cellText(text as ExcelJS.CellValue, numFmt);
    }
  }
  return '';
}

function formatDate(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  // exceljs reads spreadsheet dates as UTC midnight of the calendar day shown.
  return d.toISOString().slice(0, 10);
}

/**
 * A number as Excel's General format shows it: at most 11 characters, trailing zeros dropped, so float noise
 * disappears (9.4000000001 → "9.4", 0.1 + 0.2 → "0.3"); integers as they are.
 */
export function plainNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Number.isInteger(v)) return String(v);
  const clean = Number(v.toPrecision(15));
  const intLen = String(Math.trunc(Math.abs(clean))).length + (clean < 0 ? 1 : 0);
  const decimals = Math.max(0, 11 - intLen - 1);
  const raw = clean.toFixed(decimals);
  const fixed = raw.includes('.') ? raw.replace(/\.?0+$/, '') : raw;
  // Too small for 11 characters: Excel switches to scientific notation; keep the significant digits instead.
  return fixed === '0' || fixed === '-0' ? String(clean) : fixed;
}

/**
 * Applies plain number formats (`0`, `0.00`, `#,##0.0`, `0.0%`); every other format (General, text, dates
 * stored as numbers, custom) gives the plain number.
 */
export function formatNumber(v: number, numFmt?: string): string {
  if (!Number.isFinite(v)) return String(v);
  const section = (numFmt ?? '').split(';')[0] ?? '';
  const core = section
    .replace(/\[[^\]]*\]/g, '')
    .replace(/"[^"]*"/g, '')
    .replace(/[\\_*]./g, '')
    .trim();
  const m = /^([#,0]*0)(?:\.(0+)#*)?(%?)$/.exec(core);
  if (!m) return plainNumber(v);
  const decimals = m[2]?.length ?? 0;
  const percent = m[3] === '%';
  let out = (percent ? v * 100 : v).toFixed(decimals);
  if ((m[1] as string).includes(',')) {
    const [int, frac] = out.split('.') as [string, string | undefined];
    out = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (frac !== undefined ? `.${frac}` : '');
  }
  return percent ? `${out}%` : out;
}

/**
 * Sum of the uncompressed sizes in a ZIP's central directory, read before anything is inflated (a small file must
 * not expand into gigabytes). Null when the directory cannot be read. ZIP64 sizes count as too large.
 */
export function zipUncompressedSize(buf: Buffer): number | null {
  const EOCD = 0x06054b50;
  const CEN = 0x02014b50;
  const min = Math.max(0, buf.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = buf.length - 22; i >= min; i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const entries = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CEN) return null;
    const size = buf.readUInt32LE(p + 24);
    if (size === 0xffffffff) return Number.MAX_SAFE_INTEGER;
    total += size;
    p += 46 + buf.readUInt16LE(p + 28) + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return total;
}
