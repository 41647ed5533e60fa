import ExcelJS from 'exceljs';
import { inflateRawSync } from 'node:zlib';

/** Why a workbook cannot be read, as a catalog diagnostic key and a detail for people (thrown at the source). */
export type XlsxErrorKey = 'xlsxTooLarge' | 'xlsxUnreadable' | 'xlsxUnpackedTooLarge';

export class XlsxReadError extends Error {
  constructor(readonly key: XlsxErrorKey, readonly detail: string, readonly params: Record<string, string | number> = {}) {
    super(`${key}: ${detail}`);
    this.name = 'XlsxReadError';
  }
}

/** The diagnostic for a failure while reading a workbook: our own typed error, or an unreadable file. */
export function xlsxFailure(e: unknown): { key: XlsxErrorKey; detail: string; params: Record<string, string | number> } {
  if (e instanceof XlsxReadError) return { key: e.key, detail: e.detail.slice(0, 200), params: e.params };
  return { key: 'xlsxUnreadable', detail: (e instanceof Error ? e.message : String(e)).slice(0, 200), params: {} };
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
 * `xlsxTooLarge:` (input over 50 MB, or a sheet over the row/column limits) or `xlsxUnpackedTooLarge:` (a ZIP bomb:
 * over 100 MB unpacked, or a large part that expands more than 100 times, or a part that inflates to more than its
 * directory entry says) — all decided before exceljs reads anything (see checkZipExpansion).
 */

export const MAX_XLSX_BYTES = 50 * 1024 * 1024;
/**
 * Unpacked size of all parts together. exceljs holds a part as one string and builds objects for every shared
 * string and cell, so memory is several times this; real workbooks (the official ISMAP 管理基準 is a few MB
 * unpacked) stay far below it.
 */
export const MAX_XLSX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024;
/** A part bigger than this that expands more than MAX_XLSX_RATIO times is a bomb (Excel's XML packs 5–20 times). */
export const XLSX_RATIO_CHECKED_FROM = 10 * 1024 * 1024;
export const MAX_XLSX_RATIO = 100;
export const MAX_XLSX_ROWS = 100_000;
export const MAX_XLSX_COLUMNS = 1_000;

export type XlsxRows = { sheets: string[]; sheet: string; rows: string[][] };

async function loadWorkbook(data: Buffer | Uint8Array): Promise<ExcelJS.Worksheet[]> {
  const buf = Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (buf.byteLength > MAX_XLSX_BYTES) throw new XlsxReadError('xlsxTooLarge', `${buf.byteLength} bytes (max ${MAX_XLSX_BYTES})`);
  if (buf.byteLength < 4 || buf.readUInt32LE(0) !== 0x04034b50) throw new XlsxReadError('xlsxUnreadable', 'not an XLSX (ZIP) file');
  checkZipExpansion(buf);

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

type ZipEntry = { name: string; method: number; compressed: number; size: number; localHeader: number };

/** The entries of a ZIP's central directory, read before anything is inflated. Null when it cannot be read. */
export function zipEntries(buf: Buffer): ZipEntry[] | null {
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
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CEN) return null;
    const nameLength = buf.readUInt16LE(p + 28);
    out.push({
      name: buf.toString('utf8', p + 46, Math.min(buf.length, p + 46 + nameLength)),
      method: buf.readUInt16LE(p + 10),
      compressed: buf.readUInt32LE(p + 20),
      // ZIP64 (0xFFFFFFFF) sizes count as too large.
      size: buf.readUInt32LE(p + 24) === 0xffffffff ? Number.MAX_SAFE_INTEGER : buf.readUInt32LE(p + 24),
      localHeader: buf.readUInt32LE(p + 42),
    });
    p += 46 + nameLength + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return out;
}

/** Sum of the uncompressed sizes in a ZIP's central directory (null when it cannot be read). */
export function zipUncompressedSize(buf: Buffer): number | null {
  const entries = zipEntries(buf);
  return entries === null ? null : entries.reduce((n, e) => n + e.size, 0);
}

const mb = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;

/**
 * Refuses a ZIP bomb before exceljs inflates anything: the sizes the directory declares (in total, and per part
 * against its compressed size), then each deflated part inflated with a cap of its declared size, so a directory
 * that understates a part cannot get it past the limits. Memory: at most one part's declared size at a time.
 */
export function checkZipExpansion(buf: Buffer): void {
  const entries = zipEntries(buf);
  if (entries === null) throw new XlsxReadError('xlsxUnreadable', 'damaged ZIP directory');
  const total = entries.reduce((n, e) => n + e.size, 0);
  const bomb = (part: string, size: number, detail: string) =>
    new XlsxReadError('xlsxUnpackedTooLarge', detail, { part, sizeMb: size >= Number.MAX_SAFE_INTEGER ? '>4096' : mb(size), limitMb: mb(MAX_XLSX_UNCOMPRESSED_BYTES), fileMb: mb(buf.length) });
  if (total > MAX_XLSX_UNCOMPRESSED_BYTES) {
    const biggest = entries.reduce((a, b) => (b.size > a.size ? b : a));
    throw bomb(biggest.name, total, `${total} bytes uncompressed (max ${MAX_XLSX_UNCOMPRESSED_BYTES})`);
  }
  for (const e of entries) {
    if (e.size > XLSX_RATIO_CHECKED_FROM && e.size > Math.max(1, e.compressed) * MAX_XLSX_RATIO)
      throw bomb(e.name, e.size, `${e.name} expands from ${e.compressed} to ${e.size} bytes`);
  }
  for (const e of entries) {
    if (e.method !== 8) continue; // stored parts are their own size; exceljs reports other methods as unreadable
    const h = e.localHeader;
    if (h + 30 > buf.length || buf.readUInt32LE(h) !== 0x04034b50) throw new XlsxReadError('xlsxUnreadable', `damaged ZIP entry ${e.name}`);
    const start = h + 30 + buf.readUInt16LE(h + 26) + buf.readUInt16LE(h + 28);
    try {
      inflateRawSync(buf.subarray(start, start + e.compressed), { maxOutputLength: Math.max(1, e.size) });
    } catch (err) {
      if (err instanceof RangeError || (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw bomb(e.name, e.size, `${e.name} inflates to more than the ${e.size} bytes its directory entry says`);
      throw new XlsxReadError('xlsxUnreadable', `damaged ZIP entry ${e.name}: ${(err as Error).message}`);
    }
  }
}
