import type { CatalogDiagnostic } from '../diagnostics';

/**
 * CSV reading (RFC 4180, lenient): a UTF-8 BOM is stripped; fields may be quoted with `"` (commas, newlines and
 * doubled quotes inside); records end with CRLF, LF or CR; TAB- or semicolon-separated text is accepted when the
 * first line that has any separator clearly uses it. Trailing empty records are dropped; empty records in the middle
 * are kept as `['']` so that row i is spreadsheet row i + 1 (diagnostics point at it). Never throws.
 *
 * Decoding is the caller's job: the text must already be a string (src/main/catalogs/text-decode.ts detects
 * UTF-8, UTF-16 and the Shift_JIS/cp932 that Japanese Excel saves).
 */

/**
 * Hard limits: a file beyond them is refused with an error naming the first row (or the row with the column) past
 * the limit, never cut silently. An unclosed quote (which would swallow every row after it) is an error too.
 */
export const MAX_CSV_ROWS = 100_000;
export const MAX_CSV_COLUMNS = 1_000;

export type CsvDelimiter = ',' | '\t' | ';';
export type CsvParseResult = { rows: string[][]; delimiter: CsvDelimiter; diagnostics: CatalogDiagnostic[] };

/** Counts candidate separators outside quotes on the first lines and picks one. Comma unless clearly otherwise. */
export function detectDelimiter(text: string): CsvDelimiter {
  let inQuotes = false;
  let fieldStart = true;
  const counts = { ',': 0, '\t': 0, ';': 0 };
  let lines = 0;
  for (let i = 0; i < text.length && lines < 20; i++) {
    const ch = text[i] as string;
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') i++;
        else inQuotes = false;
      }
      continue;
    }
    if (ch === '"' && fieldStart) {
      inQuotes = true;
      fieldStart = false;
      continue;
    }
    if (ch === ',' || ch === '\t' || ch === ';') {
      counts[ch]++;
      fieldStart = true;
      continue;
    }
    if (ch === '\n' || ch === '\r') {
      if (counts[','] + counts['\t'] + counts[';'] > 0) break; // decide from the first line that has a separator
      if (ch === '\r' && text[i + 1] === '\n') i++;
      lines++;
      fieldStart = true;
      continue;
    }
    fieldStart = false;
  }
  const { ',': c, '\t': t, ';': s } = counts;
  if (t > 0 && t >= c && t >= s) return '\t';
  if (s > 0 && s > c && s > t) return ';';
  return ',';
}

export function parseCsvDetailed(input: string, opts: { delimiter?: CsvDelimiter } = {}): CsvParseResult {
  const diagnostics: CatalogDiagnostic[] = [];
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const delimiter = opts.delimiter ?? detectDelimiter(text);
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let inQuotes = false;
  let quotedStartRow = 0;
  let fieldStart = true;
  let tooManyColumns = false;
  let tooManyRows = false;

  const endField = () => {
    if (row.length < MAX_CSV_COLUMNS) row.push(field);
    else if (!tooManyColumns) {
      tooManyColumns = true;
      diagnostics.push({
        severity: 'error',
        key: 'csvTooManyColumns',
        params: { max: MAX_CSV_COLUMNS, line: rows.length + 1 },
        path: `${rows.length + 1}:${rows.length + 1}`,
        line: rows.length + 1,
      });
    }
    field = '';
    fieldStart = true;
  };
  const endRow = (): boolean => {
    endField();
    if (rows.length >= MAX_CSV_ROWS) {
      tooManyRows = true;
      return false;
    }
    rows.push(row);
    row = [];
    return true;
  };

  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text[i] as string;
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        inQuotes = false;
        i++;
        continue;
      }
      // Newlines inside quotes are kept as LF whatever the file uses.
      if (ch === '\r') {
        field += '\n';
        i += text[i + 1] === '\n' ? 2 : 1;
        continue;
      }
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && fieldStart) {
      inQuotes = true;
      quotedStartRow = rows.length + 1;
      fieldStart = false;
      i++;
      continue;
    }
    if (ch === delimiter) {
      endField();
      i++;
      continue;
    }
    if (ch === '\n' || ch === '\r') {
      if (!endRow()) break;
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    // A quote in the middle of an unquoted field (or after a closing quote) is kept literally.
    field += ch;
    fieldStart = false;
    i++;
  }
  // Only blank lines past the limit: nothing is lost.
  const blankTail = tooManyRows && row.every((c) => c === '') && /^\s*$/.test(text.slice(i));
  if (blankTail) tooManyRows = false;
  if (inQuotes)
    diagnostics.push({
      severity: 'error',
      key: 'csvUnterminatedQuote',
      params: { line: quotedStartRow },
      path: `${quotedStartRow}:${quotedStartRow}`,
      line: quotedStartRow,
    });
  if (!tooManyRows && !blankTail && (field !== '' || row.length > 0 || !fieldStart)) endRow();
  if (tooManyRows)
    diagnostics.push({
      severity: 'error',
      key: 'csvTooManyRows',
      params: { max: MAX_CSV_ROWS, line: MAX_CSV_ROWS + 1 },
      path: `${MAX_CSV_ROWS + 1}:${MAX_CSV_ROWS + 1}`,
      line: MAX_CSV_ROWS + 1,
    });

  // Drop trailing empty records (a final newline, blank lines at the end).
  while (rows.length > 0 && (rows[rows.length - 1] as string[]).every((c) => c === '')) rows.pop();
  return { rows, delimiter, diagnostics };
}

/** Parses CSV/TSV text into rows of cells. See parseCsvDetailed for the diagnostics. */
export function parseCsv(text: string): string[][] {
  return parseCsvDetailed(text).rows;
}
