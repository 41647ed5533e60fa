import type { CatalogDiagnostic } from '../diagnostics';
import { cellPath, classifyHeader, columnLetter, HEADER_SEARCH_ROWS, normalizeHeader } from './columns';

/**
 * Reading the sheets of the official ISMAP 管理基準 workbook (preset `ismap`) into located records, one per ID.
 * Pure: the XLSX reader gives every sheet as rows of display strings (row i = sheet row i + 1, column j = sheet
 * column j + 1; a merged range has its value in its top-left cell only).
 *
 * What it recognises, because the layout of the user's copy is not fixed:
 * - title rows and blank rows above the header; the header is the row (among the first 20) with the most
 *   recognised columns, at least one ID column (管理策番号, 番号, No., 項番, 章 …) and one text column (管理策,
 *   統制目標, 詳細管理策, ガバナンス基準, 内容 …), Japanese or English, full-width or not;
 * - several ID columns (章 | 統制目標番号 | 統制目標 | 詳細管理策番号 | 詳細管理策): each ID column owns the text
 *   columns up to the next ID column, and every filled ID cell of a row is a record (a merged 章 cell gives its
 *   chapter once);
 * - IDs with full-width digits, spaces around dots, trailing spaces, `第5章`, a suffix after a dot or a space
 *   (`9.4.2.1.B`, `9.2.3.11 PB`, lower case), or the ID and its title in one cell (`5 情報セキュリティのための方針群`,
 *   often a heading merged across the row); only the suffixes B, P and PB are known;
 * - a heading row whose only text sits left of the text columns (a merged heading) with an ID in front;
 * - an ISMAP-LIU marker column (header containing LIU or 低影響): a cell marks the row unless it is empty or says
 *   no (-, ×, 対象外, 否, no, false, 0);
 * - rows without ID but with text continue the record above (a long text split over rows); blank rows end it.
 * Sheets without a recognisable header are skipped (cover, legend), except those holding criteria IDs (two or more
 * cells reading as dotted IDs of chapters 3–18), which are errors: their header was not found.
 */

export const ISMAP_SUFFIXES = ['B', 'P', 'PB'] as const;
export type IsmapSuffix = (typeof ISMAP_SUFFIXES)[number] | '';

export type IsmapRecord = {
  /** The ID as normalised: stem and suffix joined with dots (`9.2.3.11.PB`). */
  id: string;
  stem: number[];
  suffix: IsmapSuffix;
  /** Texts of the record's columns (and of a title written in the ID cell), in column order, trimmed. */
  texts: string[];
  /** true: marked in the LIU column; false: the sheet has the column and this row is not marked; null: no column. */
  liu: boolean | null;
  sheet: string;
  /** 1-based row and column of the ID cell. */
  line: number;
  column: number;
};

export type IsmapSheetInfo = { name: string; headerRow: number | null; liuColumn: boolean; skipped: boolean };
export type IsmapSheetRead = {
  records: IsmapRecord[];
  sheets: IsmapSheetInfo[];
  errors: CatalogDiagnostic[];
  warnings: CatalogDiagnostic[];
};
export type SheetRows = { name: string; rows: readonly (readonly string[])[] };

type Role = 'id' | 'text' | 'liu';

const ID_HEADERS = [
  '管理策番号',
  '番号',
  'no',
  'id',
  '項番',
  '基準番号',
  '項目番号',
  '統制目標番号',
  '詳細管理策番号',
  '管理策id',
  'controlid',
  'controlno',
  '#',
  'ref',
  '章',
  '章番号',
  'chapter',
  '節番号',
].map(normalizeHeader);
const TEXT_EXTRA = [
  '基準',
  'ガバナンス基準',
  'マネジメント基準',
  '管理策基準',
  '要求事項',
  '内容',
  '本文',
  'criteria',
  'requirement',
].map(normalizeHeader);
const NO_MARK = new Set([
  '-',
  '－',
  'ー',
  '―',
  '×',
  'x',
  '✕',
  'no',
  'n',
  'いいえ',
  '対象外',
  '否',
  '非該当',
  '0',
  'false',
  '不要',
  '',
]);
/** At least two cells reading as dotted criteria IDs (chapters 3–18): criteria whose header was not recognised. */
function looksLikeCriteria(rows: readonly (readonly string[])[]): boolean {
  let n = 0;
  for (const row of rows)
    for (const cell of row) {
      const p = parseIsmapId(clean(cell));
      if (
        p.kind === 'id' &&
        p.stem.length >= 2 &&
        (p.stem[0] as number) >= 3 &&
        (p.stem[0] as number) <= 18 &&
        ++n >= 2
      )
        return true;
    }
  return false;
}

// Columns of a statement template or of remarks: not the criteria's text (the .B suffix already says 基本言明要件).
const IGNORED = [
  '基本言明要件',
  '備考',
  '注記',
  '注',
  '実施状況',
  '言明',
  '言明内容',
  '監査',
  '評価',
  '回答',
  '記入欄',
  '選択',
  '適用',
  '適用有無',
].map(normalizeHeader);

function roleOf(cell: string): Role | null {
  const h = normalizeHeader(cell ?? '');
  if (!h || h.length > 40) return null;
  if (/liu|低影響/.test(h)) return 'liu';
  if (IGNORED.includes(h)) return null;
  if (ID_HEADERS.includes(h)) return 'id';
  const c = classifyHeader(cell);
  if (c?.field === 'id') return 'id';
  if (c && (c.field === 'title' || c.field === 'description' || c.field === 'guidance')) return 'text';
  if (TEXT_EXTRA.includes(h) || /基準$/.test(h)) return 'text';
  return null;
}

type Header = { row: number; roles: (Role | null)[] };

function findHeader(rows: readonly (readonly string[])[]): Header | null {
  let best: Header | null = null;
  let bestScore = 0;
  for (let r = 0; r < Math.min(rows.length, HEADER_SEARCH_ROWS); r++) {
    const roles = (rows[r] ?? []).map((c) => roleOf(c ?? ''));
    if (!roles.includes('id') || !roles.includes('text')) continue;
    const score = roles.filter((x) => x !== null).length;
    if (score > bestScore) {
      best = { row: r, roles };
      bestScore = score;
    }
  }
  return best;
}

const clean = (s: string | undefined) => (s ?? '').replace(/\r\n?/g, '\n').split('\u0000').join('').trim();

export type ParsedIsmapId =
  | { kind: 'id'; stem: number[]; suffix: IsmapSuffix; text: string }
  | { kind: 'badSuffix'; suffix: string }
  | { kind: 'invalid' }
  | { kind: 'note' };

/** Reads an ID cell: full-width → ASCII, spaces around dots dropped, `第5章` → 5, suffix upper-cased. */
export function parseIsmapId(raw: string): ParsedIsmapId {
  let s = raw
    .normalize('NFKC')
    .replace(/[\u00a0\u3000]/g, ' ')
    .trim();
  if (s === '') return { kind: 'note' };
  s = s.replace(/\s*\.\s*(?=[0-9A-Za-z])/g, '.').replace(/^(\d+(?:\.\d+)*)\s*\.(?=\s|$|[\u0080-\uffff])/, '$1');
  const chapter = /^第\s*(\d+)\s*章[\s:：.]*(.*)$/s.exec(s);
  if (chapter) return { kind: 'id', stem: [Number(chapter[1])], suffix: '', text: clean(chapter[2]) };
  const m = /^(\d+(?:\.\d+)*)(?:(?:\.|\s+)([A-Za-z]{1,4}))?(?=$|[\s:：、）)]|[\u0080-\uffff])[\s:：、]*(.*)$/s.exec(s);
  if (m) {
    const letters = (m[2] ?? '').toUpperCase();
    let text = clean(m[3]);
    let suffix = letters;
    // `5.1.1 Policies…` with a space: a word, not a suffix.
    if (
      letters &&
      !s.slice((m[1] as string).length).startsWith('.') &&
      !(ISMAP_SUFFIXES as readonly string[]).includes(letters)
    ) {
      text = clean(s.slice((m[1] as string).length));
      suffix = '';
    }
    if (suffix && !(ISMAP_SUFFIXES as readonly string[]).includes(suffix))
      return { kind: 'badSuffix', suffix: m[2] as string };
    return { kind: 'id', stem: (m[1] as string).split('.').map(Number), suffix: suffix as IsmapSuffix, text };
  }
  // Digits and dots followed by letters glued on (9.4.2.1X, 9.4.2.1.B1): an ID the preset cannot read.
  if (/^\d+(\.\d+)*[.\s]?[A-Za-z0-9._-]+$/.test(s)) {
    const suffix = /^\d+(?:\.\d+)*\.([A-Za-z][A-Za-z0-9]*)$/.exec(s)?.[1];
    return suffix ? { kind: 'badSuffix', suffix } : { kind: 'invalid' };
  }
  return /^\d/.test(s) ? { kind: 'invalid' } : { kind: 'note' };
}

export const ismapIdString = (stem: readonly number[], suffix: IsmapSuffix) =>
  stem.join('.') + (suffix ? `.${suffix}` : '');

const isMark = (v: string) => !NO_MARK.has(v.normalize('NFKC').trim().toLowerCase());

export function readIsmapSheets(sheets: readonly SheetRows[]): IsmapSheetRead {
  const records: IsmapRecord[] = [];
  const infos: IsmapSheetInfo[] = [];
  const errors: CatalogDiagnostic[] = [];
  const warnings: CatalogDiagnostic[] = [];

  for (const sheet of sheets) {
    const header = findHeader(sheet.rows);
    if (!header) {
      infos.push({ name: sheet.name, headerRow: null, liuColumn: false, skipped: true });
      const hasData = sheet.rows.some((r) => r.some((c) => clean(c) !== ''));
      if (looksLikeCriteria(sheet.rows))
        errors.push({
          severity: 'error',
          key: 'ismapNoHeader',
          params: { sheet: sheet.name, rows: HEADER_SEARCH_ROWS },
          path: `${sheet.name}!1:${HEADER_SEARCH_ROWS}`,
          line: 1,
        });
      else if (hasData)
        warnings.push({
          severity: 'warning',
          key: 'ismapSheetSkipped',
          params: { sheet: sheet.name },
          path: sheet.name,
        });
      continue;
    }
    const idCols: number[] = [];
    const liuCol = header.roles.indexOf('liu');
    header.roles.forEach((r, i) => r === 'id' && idCols.push(i));
    const textCols = header.roles.map((r, i) => (r === 'text' ? i : -1)).filter((i) => i >= 0);
    // Each ID column owns the text columns up to the next ID column (the last one: to the end).
    const owned = new Map<number, number[]>(
      idCols.map((c, k) => [c, textCols.filter((t) => t > c && t < (idCols[k + 1] ?? Infinity))]),
    );
    // Text columns left of every ID column belong to the first one.
    const first = idCols[0] as number;
    owned.set(first, [...textCols.filter((t) => t < first), ...(owned.get(first) ?? [])]);
    const firstText = textCols[0] ?? Infinity;
    infos.push({ name: sheet.name, headerRow: header.row + 1, liuColumn: liuCol >= 0, skipped: false });

    let prev: IsmapRecord | null = null;
    // The last ID read in each ID column: a grouping column (章, 統制目標番号) may repeat its value on every row.
    const lastIn = new Map<number, string>();
    for (let r = header.row + 1; r < sheet.rows.length; r++) {
      const row = sheet.rows[r] ?? [];
      const line = r + 1;
      const cells = row.map((c) => clean(c));
      if (cells.every((c) => c === '')) {
        prev = null;
        continue;
      }
      const liu = liuCol >= 0 ? isMark(cells[liuCol] ?? '') : null;
      let found = false;
      const filledIds = idCols.filter((c) => (cells[c] ?? '') !== '');
      for (const col of filledIds) {
        const raw = cells[col] as string;
        const at = { path: cellPath(line, col + 1, sheet.name), line, column: col + 1 };
        const p = parseIsmapId(raw);
        if (p.kind === 'note') continue;
        found = true;
        if (p.kind === 'id') {
          const id = ismapIdString(p.stem, p.suffix);
          const repeated = lastIn.get(col) === id && col !== filledIds[filledIds.length - 1];
          lastIn.set(col, id);
          if (repeated) continue; // the group of this row, repeated: not a new record
        }
        if (p.kind === 'badSuffix') {
          errors.push({
            severity: 'error',
            key: 'ismapSuffixUnknown',
            params: { sheet: sheet.name, line, column: columnLetter(col), value: raw.slice(0, 80), suffix: p.suffix },
            ...at,
          });
          continue;
        }
        if (p.kind === 'invalid') {
          errors.push({
            severity: 'error',
            key: 'ismapIdInvalid',
            params: { sheet: sheet.name, line, column: columnLetter(col), value: raw.slice(0, 80) },
            ...at,
          });
          continue;
        }
        const texts = [p.text, ...(owned.get(col) ?? []).map((t) => cells[t] ?? '')].filter((t) => t !== '');
        const rec: IsmapRecord = {
          id: ismapIdString(p.stem, p.suffix),
          stem: p.stem,
          suffix: p.suffix,
          texts,
          liu,
          sheet: sheet.name,
          line,
          column: col + 1,
        };
        records.push(rec);
        prev = rec;
      }
      if (found) continue;
      // A heading merged across the row: its only text left of the text columns, starting with an ID.
      const filled = cells.map((c, i) => (c !== '' ? i : -1)).filter((i) => i >= 0);
      if (filled.length === 1 && (filled[0] as number) < firstText) {
        const col = filled[0] as number;
        const p = parseIsmapId(cells[col] as string);
        if (p.kind === 'id' && p.text !== '') {
          const rec: IsmapRecord = {
            id: ismapIdString(p.stem, p.suffix),
            stem: p.stem,
            suffix: p.suffix,
            texts: [p.text],
            liu,
            sheet: sheet.name,
            line,
            column: col + 1,
          };
          records.push(rec);
          prev = rec;
          continue;
        }
      }
      // More text for the record above (a text split over rows).
      const more = textCols.map((t) => cells[t] ?? '').filter((t) => t !== '');
      if (prev && more.length) {
        const last = prev.texts.length - 1;
        if (last >= 0) prev.texts[last] = `${prev.texts[last] as string}\n${more.join('\n')}`;
        else prev.texts.push(more.join('\n'));
      }
    }
  }
  return { records, sheets: infos, errors, warnings };
}
