/**
 * Header recognition for tabular catalogs (CSV/XLSX). The result is only a suggestion: the UI shows it as a
 * mapping step and the user may override any column.
 */

/** Which column holds what (0-based indexes). `headerRow` is the 0-based row of the header (-1: no header). */
export type ColumnMapping = {
  headerRow: number;
  id: number;
  title: number;
  description?: number | undefined;
  guidance?: number | undefined;
  evidence?: number | undefined;
  titleEn?: number | undefined;
  descriptionEn?: number | undefined;
  /** Hierarchy level (1 = top). Rows with a level ignore the ID-prefix logic. */
  level?: number | undefined;
};

export type MappedField = 'id' | 'title' | 'description' | 'guidance' | 'evidence' | 'level';
type Field = Exclude<keyof ColumnMapping, 'headerRow'>;

/** Rows searched for the header. */
export const HEADER_SEARCH_ROWS = 20;

/** NFKC, lowercase, no whitespace, no trailing `:` or `.`. */
export function normalizeHeader(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/g, '')
    .replace(/[:：.]+$/, '');
}

const SYNONYMS: Record<MappedField, readonly string[]> = {
  id: [
    '管理策番号',
    '番号',
    'no',
    'id',
    '項番',
    '管理策id',
    '統制目標番号',
    'controlid',
    'ref',
    '項目番号',
    '詳細管理策番号',
    'controlno',
    'number',
    'requirementid',
  ],
  title: [
    '管理策',
    '項目',
    '統制目標',
    '管理策名',
    'タイトル',
    '名称',
    'title',
    'control',
    'name',
    '項目名',
    'controlname',
    'controltitle',
    '見出し',
  ],
  description: [
    '詳細',
    '説明',
    '内容',
    '詳細管理策',
    '記述',
    'description',
    'details',
    'detail',
    'requirement',
    'requirements',
    '要求事項',
    '要件',
    '確認内容',
    'controltext',
  ],
  guidance: [
    'ガイダンス',
    '手引',
    '手引き',
    '実施の手引',
    '実施の手引き',
    '補足',
    'guidance',
    'implementationguidance',
    '解説',
  ],
  evidence: ['証跡', 'エビデンス', 'evidence', '証跡例', '確認資料'],
  level: ['階層', '階層レベル', 'hierarchy', 'hierarchylevel', 'depth', 'outlinelevel'],
};
const FIELDS = Object.keys(SYNONYMS) as MappedField[];
const norm = Object.fromEntries(FIELDS.map((f) => [f, SYNONYMS[f].map(normalizeHeader)])) as Record<
  MappedField,
  string[]
>;

const EN_SUFFIX = /(?:\((?:英|英語|en|english)\)|\[(?:英|英語|en|english)\]|英語|english|[_-]en)$/;
const isAscii = (s: string) => /^[\x20-\x7e]*$/.test(s);

/**
 * Recognises one header cell: the field it names and whether it is an English column
 * (header ending with (英), (EN), 英語, English or _en).
 */
export function classifyHeader(cell: string): { field: MappedField; english: boolean } | null {
  let h = normalizeHeader(cell);
  if (!h || h.length > 40) return null; // long text is data, not a header
  let english = false;
  const m = EN_SUFFIX.exec(h);
  if (m && m.index > 0) {
    english = true;
    h = h.slice(0, m.index).replace(/[_\-:]+$/, '');
  }
  // Drop a trailing annotation: 管理策番号(4桁) → 管理策番号.
  const stripped = h.replace(/[([【][^()[\]【】]*[)\]】]$/, '');
  if (stripped) h = stripped;
  h = h.replace(/[_-]/g, '');
  const field = matchField(h);
  return field ? { field, english } : null;
}

function matchField(h: string): MappedField | null {
  for (const f of FIELDS) if (norm[f].includes(h)) return f;
  // Japanese headers naming a number: 統制目標の番号, 管理策ＩＤ…
  if (!isAscii(h) && /(番号|id|no)$/.test(h)) return 'id';
  // Otherwise the longest synonym contained in the header (Japanese) or made of whole words (English).
  let best: { f: MappedField; len: number } | null = null;
  for (const f of FIELDS) {
    for (const s of norm[f]) {
      if (s.length < 2 || (best && s.length <= best.len)) continue;
      const hit = isAscii(s) ? new RegExp(`(^|[^a-z0-9])${escape(s)}([^a-z0-9]|$)`).test(h) : h.includes(s);
      if (hit) best = { f, len: s.length };
    }
  }
  return best?.f ?? null;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Maps one candidate header row; null when it names neither an ID column nor a text column. */
export function mappingFromHeader(row: readonly string[], headerRow: number): ColumnMapping | null {
  const found: Partial<Record<Field, number>> = {};
  const asciiHeader: Partial<Record<Field, boolean>> = {};
  row.forEach((cell, col) => {
    const c = classifyHeader(cell ?? '');
    if (!c) return;
    let field: Field = c.field;
    if (c.english && (field === 'title' || field === 'description'))
      field = field === 'title' ? 'titleEn' : 'descriptionEn';
    else if (c.english) return; // English guidance/evidence columns have no place in the mapping
    if (found[field] !== undefined) {
      // A bilingual sheet without markers: 管理策 | Control → the ASCII one is the English column.
      const en: Field | null = field === 'title' ? 'titleEn' : field === 'description' ? 'descriptionEn' : null;
      if (en && found[en] === undefined && !asciiHeader[field] && isAscii(normalizeHeader(cell))) found[en] = col;
      return;
    }
    found[field] = col;
    asciiHeader[field] = isAscii(normalizeHeader(cell));
  });
  if (found.id === undefined) return null;
  const title = found.title ?? found.description;
  if (title === undefined) return null;
  const mapping: ColumnMapping = { headerRow, id: found.id, title };
  for (const f of ['description', 'guidance', 'evidence', 'titleEn', 'descriptionEn', 'level'] as const) {
    const v = found[f];
    if (v !== undefined) mapping[f] = v;
  }
  return mapping;
}

const score = (m: ColumnMapping) => Object.keys(m).length - 1 + (m.title !== m.description ? 1 : 0);

/**
 * Finds the header row among the first rows (title rows and blank rows above it are common) and maps columns by
 * header text. The row naming the most known columns wins; ties go to the earlier row. When no title column is
 * found the description column doubles as title (titles are then derived from the text). Null when nothing fits.
 */
export function suggestMapping(rows: readonly (readonly string[])[]): ColumnMapping | null {
  let best: ColumnMapping | null = null;
  const limit = Math.min(rows.length, HEADER_SEARCH_ROWS);
  for (let r = 0; r < limit; r++) {
    const m = mappingFromHeader(rows[r] ?? [], r);
    if (m && (!best || score(m) > score(best))) best = m;
  }
  return best;
}

/** Column letters as a spreadsheet shows them: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** A diagnostic path in A1 notation for a cell or a whole row: `Sheet1!B12`, `B12`, `12:12` (line and column 1-based). */
export function cellPath(line: number, column?: number, sheet?: string): string {
  const ref = column === undefined ? `${line}:${line}` : `${columnLetter(column - 1)}${line}`;
  return sheet ? `${sheet}!${ref}` : ref;
}
