/**
 * An RFC 4180 reader for tests (quoted fields with commas, doubled quotes and line breaks). `rows: 'crlf'` ends a row
 * only at CRLF, so a bare LF outside quotes stays in the field where an assertion can see it (our CSV export must
 * write CRLF); `'any'` also accepts LF or CR alone (LibreOffice's output) and keeps a last row without a line end.
 */
export function parseCsv(text: string, opts: { rows: 'crlf' | 'any' } = { rows: 'crlf' }): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else if (opts.rows === 'any' && (ch === '\n' || ch === '\r')) {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (opts.rows === 'any' && (field || row.length)) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
