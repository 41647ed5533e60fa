import type { z } from 'zod';
import { formatPath, type CatalogDiagnostic } from '../diagnostics';
import { CatalogDocument, type CatalogNodeInput, type LocalizedText } from '../format';
import { DEFAULT_ANSWER_SCALE, slugifyCatalogId, type ImportMeta, type ImportResult } from '../import-types';
import { checkCatalogSemantics } from '../semantic';
import { cellPath, type ColumnMapping } from './columns';
import { buildHierarchy, parseControlId, type HierarchyNode } from './hierarchy';

/**
 * Turns spreadsheet rows (CSV or XLSX, already read into strings) into a catalog document.
 *
 * Rows: blank rows are skipped; a row with an empty ID cell but text right after a row (no blank row between)
 * continues that row: its text is appended to the previous row's description (guidance/evidence columns to the
 * same field) — common where a workbook wraps long text over merged rows. Other rows without an ID are skipped
 * with a warning. Text is kept exactly as written apart from trimming and LF line ends: HTML stays literal text
 * and cells starting with = + - @ are never evaluated.
 *
 * IDs (see sanitizeControlId): NFKC (全角 → ASCII), then a documented clean-up to the ControlId pattern; a changed
 * ID gives a warning, an unusable one an error with its row.
 *
 * Titles: the title column; when empty, the first line of the description (80 characters at most); else the ID.
 * Languages: the title/description columns are Japanese unless no English column is mapped and the sheet has no
 * Japanese text at all (then they are English). A missing language is copied from the other, with one
 * `missingTranslationFile` warning per language.
 *
 * Assessable: every row without children; a row with children only when it has more than a title
 * (description, guidance or evidence), e.g. a 統制目標 with its 詳細管理策. Created parents are groups.
 */

export type TabularImportMeta = ImportMeta & {
  /** File name (without extension), used for the catalog title and id when meta gives none. */
  sourceName?: string | undefined;
  /** Sheet name, used in diagnostic paths (`Sheet1!A12`). */
  sheet?: string | undefined;
};
export type TabularImportOptions = {
  /** Fallback for `published` when meta has none (YYYY-MM-DD); default: today's date (UTC). */
  today?: string | undefined;
};

export const DEFAULT_USER_PUBLISHER: LocalizedText = {
  ja: '利用者が取り込んだカタログ',
  en: 'Catalog imported by the user',
};
export const DEFAULT_USER_LICENCE: LocalizedText = {
  ja: '利用者が取り込んだカタログです。利用条件は出典を確認してください。',
  en: 'Catalog imported by the user; check the terms of use of its source.',
};
const TITLE_MAX = 80;

type Lang = 'ja' | 'en';
type Texts = { title: string; description: string; guidance: string; evidence: string[] };
type RowData = { line: number; ja: Texts; en: Texts };

const emptyTexts = (): Texts => ({ title: '', description: '', guidance: '', evidence: [] });
const clean = (s: string | undefined): string => (s ?? '').replace(/\r\n?/g, '\n').split('\u0000').join('').trim();
const appendText = (a: string, b: string) => (a ? `${a}\n${b}` : b);
const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uff66-\uff9f]/;

/**
 * Makes a printed ID fit the ControlId pattern /^[A-Za-z0-9][A-Za-z0-9._()-]{0,63}$/:
 * NFKC (全角 → ASCII) and trim; dashes (‐ – − etc.) → `-`; spaces around `. - ( ) _` removed; a space before a
 * 1–3 letter suffix of a numeric ID becomes a dot (`9.4.2.1 B` → `9.4.2.1.B`); other spaces → `-`;
 * `/ \ : # , 、 ・ |` → `-`; any other character (e.g. Japanese: `管理策-12` → `12`) dropped; repeated separators
 * collapsed; leading non-alphanumerics and trailing `.`/`-` dropped; unbalanced parentheses dropped
 * (`（１）` → `1`); the suffix of a numeric ID upper-cased
 * (`9.2.3.11.pb` → `9.2.3.11.PB`). Null when nothing usable (or more than 64 characters) remains.
 */
export function sanitizeControlId(raw: string): string | null {
  let s = raw.normalize('NFKC').trim();
  s = s.replace(/[\u2010-\u2015\u2212\ufe63]/g, '-').replace(/(?<=[A-Za-z0-9])ー(?=[A-Za-z0-9])/g, '-');
  s = s.replace(/\s*([.\-()_])\s*/g, '$1');
  s = s.replace(/^((?:[A-Za-z]{1,5}\.?)?\d+(?:\.\d+)*)\s+([A-Za-z]{1,3})$/, '$1.$2');
  s = s.replace(/\s+/g, '-');
  s = s.replace(/[/\\:#,、・|]/g, '-');
  s = s.replace(/[^A-Za-z0-9._()-]/g, '');
  s = s
    .replace(/-{2,}/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/_{2,}/g, '_');
  s = s.replace(/^[^A-Za-z0-9]+/, '').replace(/[.-]+$/, '');
  if ((s.match(/\(/g) ?? []).length !== (s.match(/\)/g) ?? []).length) s = s.replace(/[()]/g, '').replace(/[.-]+$/, '');
  const parsed = parseControlId(s);
  if (parsed?.suffix && parsed.stem.length >= 1 && /\d/.test(s)) {
    s = s.slice(0, s.length - parsed.suffix.length) + parsed.suffix.toUpperCase();
  }
  return s.length >= 1 && s.length <= 64 && /^[A-Za-z0-9][A-Za-z0-9._()-]{0,63}$/.test(s) ? s : null;
}

/** First line of a text, at most 80 characters (… when cut). */
export function summarize(text: string): string {
  const line =
    text
      .split('\n')
      .find((l) => l.trim() !== '')
      ?.trim() ?? '';
  const chars = Array.from(line);
  return chars.length > TITLE_MAX ? `${chars.slice(0, TITLE_MAX - 1).join('')}…` : line;
}

function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

export function tabularToCatalog(
  rows: readonly (readonly string[])[],
  mapping: ColumnMapping,
  meta: TabularImportMeta = {},
  options: TabularImportOptions = {},
): ImportResult {
  const errors: CatalogDiagnostic[] = [];
  const warnings: CatalogDiagnostic[] = [];
  const sheet = meta.sheet;
  const at = (line: number, col?: number) => ({
    path: cellPath(line, col, sheet),
    line,
    ...(col !== undefined ? { column: col } : {}),
  });

  // The mapping may come from the user: check it before reading any row.
  const columns = {
    id: mapping.id,
    title: mapping.title,
    description: mapping.description,
    guidance: mapping.guidance,
    evidence: mapping.evidence,
    titleEn: mapping.titleEn,
    descriptionEn: mapping.descriptionEn,
    level: mapping.level,
  };
  for (const [field, value] of Object.entries(columns)) {
    if (value === undefined && field !== 'id' && field !== 'title') continue;
    if (!Number.isInteger(value) || (value as number) < 0 || (value as number) > 10_000)
      errors.push({ severity: 'error', key: 'tabularMappingInvalid', params: { field }, path: 'mapping' });
  }
  if (!Number.isInteger(mapping.headerRow) || mapping.headerRow < -1)
    errors.push({ severity: 'error', key: 'tabularMappingInvalid', params: { field: 'headerRow' }, path: 'mapping' });
  if (errors.length) return { ok: false, errors, warnings };

  const cell = (row: readonly string[], col: number | undefined): string => (col === undefined ? '' : clean(row[col]));
  const textCols = [
    mapping.title,
    mapping.description,
    mapping.guidance,
    mapping.evidence,
    mapping.titleEn,
    mapping.descriptionEn,
  ].filter((c): c is number => c !== undefined);

  // Which language the main columns are in.
  const hasEnColumns = mapping.titleEn !== undefined || mapping.descriptionEn !== undefined;
  let sawJapanese = false;
  for (let r = mapping.headerRow + 1; r < rows.length && !sawJapanese; r++) {
    const row = rows[r] ?? [];
    for (const c of [mapping.title, mapping.description, mapping.guidance, mapping.evidence])
      if (c !== undefined && JAPANESE.test(row[c] ?? '')) sawJapanese = true;
  }
  const main: Lang = hasEnColumns || sawJapanese ? 'ja' : 'en';
  const other: Lang = main === 'ja' ? 'en' : 'ja';

  const data: { id: string; line: number; level?: number | undefined; data: RowData }[] = [];
  let prev: RowData | null = null;
  for (let r = mapping.headerRow + 1; r < rows.length; r++) {
    const row = rows[r] ?? [];
    const line = r + 1;
    const rawId = cell(row, mapping.id);
    const hasText = textCols.some((c) => c !== mapping.id && cell(row, c) !== '');
    if (rawId === '') {
      if (!hasText) {
        prev = null; // a blank row ends a continuation
        continue;
      }
      if (prev) {
        appendContinuation(prev, row, mapping, main, other, cell);
        continue;
      }
      warnings.push({ severity: 'warning', key: 'tabularRowWithoutId', params: { line }, ...at(line, mapping.id + 1) });
      continue;
    }
    const id = sanitizeControlId(rawId);
    if (id === null) {
      errors.push({
        severity: 'error',
        key: 'tabularIdInvalid',
        params: { value: rawId.slice(0, 80), line },
        ...at(line, mapping.id + 1),
      });
      prev = null;
      continue;
    }
    if (id !== rawId.normalize('NFKC').trim())
      warnings.push({
        severity: 'warning',
        key: 'tabularIdSanitized',
        params: { original: rawId.slice(0, 80), id, line },
        ...at(line, mapping.id + 1),
      });

    let level: number | undefined;
    const rawLevel = cell(row, mapping.level).normalize('NFKC');
    if (rawLevel !== '') {
      if (/^\d{1,2}$/.test(rawLevel) && Number(rawLevel) >= 1) level = Number(rawLevel);
      else
        warnings.push({
          severity: 'warning',
          key: 'tabularLevelInvalid',
          params: { value: rawLevel.slice(0, 20), line },
          ...at(line, (mapping.level as number) + 1),
        });
    }

    const rowData: RowData = { line, ja: emptyTexts(), en: emptyTexts() };
    const t = rowData[main];
    t.title = mapping.title === mapping.id ? '' : cell(row, mapping.title);
    if (mapping.description !== undefined && mapping.description !== mapping.id)
      t.description = cell(row, mapping.description);
    t.guidance = cell(row, mapping.guidance);
    t.evidence = splitList(cell(row, mapping.evidence));
    rowData[other].title = cell(row, mapping.titleEn);
    rowData[other].description = cell(row, mapping.descriptionEn);
    data.push({ id, line, level, data: rowData });
    prev = rowData;
  }
  if (errors.length) return { ok: false, errors, warnings };
  if (data.length === 0)
    return {
      ok: false,
      errors: [{ severity: 'error', key: 'tabularEmpty', params: {}, path: sheet ?? '(root)' }],
      warnings,
    };

  const tree = buildHierarchy(data, {
    sheet,
    idColumn: mapping.id + 1,
    levelColumn: mapping.level === undefined ? undefined : mapping.level + 1,
  });
  warnings.push(...tree.warnings);
  if (tree.errors.length) return { ok: false, errors: tree.errors, warnings };

  // Nodes, with the row of every node path for locating schema and semantic diagnostics.
  const lineOf = new Map<string, number>();
  const copied = { ja: 0, en: 0 };
  let derivedTitles = 0;
  const toNode = (n: HierarchyNode<RowData>, path: string): CatalogNodeInput => {
    lineOf.set(path, n.line);
    const items = n.children.map((c, i) => toNode(c, `${path}.items[${i}]`));
    if (!n.data) return { id: n.id, title: { ja: n.id, en: n.id }, assessable: false, items };
    const d = n.data;
    const node: CatalogNodeInput = { id: n.id, title: { ja: '', en: '' } };
    const hasBody = [d.ja, d.en].some((t) => t.description !== '' || t.guidance !== '' || t.evidence.length > 0);
    // Title per language: its cell, else the first line of the description.
    const title: Record<Lang, string> = { ja: '', en: '' };
    let derived = false;
    for (const lang of ['ja', 'en'] as const) {
      title[lang] = d[lang].title;
      if (!title[lang] && d[lang].description) {
        title[lang] = summarize(d[lang].description);
        derived = true;
        // A leaf whose whole text became its title does not repeat it as description.
        if (title[lang] === d[lang].description && n.children.length === 0) d[lang].description = '';
      }
    }
    if (derived) derivedTitles++;
    if (!title.ja && !title.en) {
      warnings.push({
        severity: 'warning',
        key: 'tabularNoText',
        params: { id: n.id, line: n.line },
        ...at(n.line, mapping.id + 1),
      });
      title.ja = n.id;
      title.en = n.id;
    }
    node.title = { ja: fill(title, 'ja', copied), en: fill(title, 'en', copied) };
    const description = pair(d.ja.description, d.en.description, copied);
    if (description) node.description = description;
    const guidance = pair(d.ja.guidance, d.en.guidance, copied);
    if (guidance) node.guidance = guidance;
    if (d.ja.evidence.length || d.en.evidence.length) {
      if (!d.ja.evidence.length) copied.ja++;
      if (!d.en.evidence.length) copied.en++;
      node.evidence = {
        ja: d.ja.evidence.length ? d.ja.evidence : d.en.evidence,
        en: d.en.evidence.length ? d.en.evidence : d.ja.evidence,
      };
    }
    node.assessable = items.length === 0 || hasBody;
    if (items.length) node.items = items;
    return node;
  };
  const items = tree.roots.map((n, i) => toNode(n, `items[${i}]`));

  if (derivedTitles > 0)
    warnings.push({
      severity: 'warning',
      key: 'tabularTitleDerived',
      params: { count: derivedTitles },
      path: sheet ?? '(root)',
    });
  for (const lang of ['en', 'ja'] as const)
    if (copied[lang] > 0)
      warnings.push({
        severity: 'warning',
        key: 'missingTranslationFile',
        params: { missing: lang, count: copied[lang] },
        path: sheet ?? '(root)',
      });

  const sourceName = clean(meta.sourceName).replace(/\.(csv|tsv|txt|xlsx|xlsm)$/i, '');
  const doc = {
    format: 'tenken-catalog/1' as const,
    id: meta.id ?? slugifyCatalogId(meta.title?.en ?? sourceName),
    version: meta.version ?? '1',
    title: meta.title ?? { ja: sourceName || '取り込んだカタログ', en: sourceName || 'Imported catalog' },
    publisher: meta.publisher ?? DEFAULT_USER_PUBLISHER,
    published: meta.published ?? options.today ?? todayIso(),
    licence_note: meta.licenceNote ?? DEFAULT_USER_LICENCE,
    text_kind: 'user' as const,
    ...(sourceName
      ? {
          description: {
            ja: `「${sourceName}」から取り込んだカタログです。`,
            en: `Catalog imported from "${sourceName}".`,
          },
        }
      : {}),
    answer_scale: DEFAULT_ANSWER_SCALE,
    items,
  };

  // Locate a document path at the row it came from.
  const locate = (docPath: string): { path: string; line?: number; column?: number } => {
    let p = docPath;
    for (;;) {
      const line = lineOf.get(p);
      if (line !== undefined) return at(line, mapping.id + 1);
      const up = p.replace(/(\.[^.[\]]+|\[\d+\])$/, '');
      if (up === p || up === '') return { path: docPath };
      p = up;
    }
  };

  const parsed = CatalogDocument.safeParse(doc);
  if (!parsed.success) {
    const schemaErrors = parsed.error.issues.slice(0, 50).map((issue) => schemaDiagnostic(issue, locate));
    return { ok: false, errors: schemaErrors, warnings };
  }
  for (const d of checkCatalogSemantics(parsed.data)) {
    const located = { ...d, params: { ...d.params, field: d.path }, ...locate(d.path) };
    (d.severity === 'error' ? errors : warnings).push(located);
  }
  return errors.length ? { ok: false, errors, warnings } : { ok: true, doc: parsed.data, warnings };
}

function schemaDiagnostic(
  issue: z.core.$ZodIssue,
  locate: (p: string) => { path: string; line?: number; column?: number },
): CatalogDiagnostic {
  const docPath = formatPath(issue.path.filter((p): p is string | number => typeof p !== 'symbol'));
  const key =
    issue.code === 'invalid_format' || issue.code === 'too_small' || issue.code === 'too_big'
      ? 'schemaFormat'
      : 'schemaInvalid';
  return {
    severity: 'error',
    key,
    params: { detail: `${docPath}: ${issue.message}`, field: docPath },
    ...locate(docPath),
  };
}

function fill(title: Record<Lang, string>, lang: Lang, copied: Record<Lang, number>): string {
  if (title[lang]) return title[lang];
  copied[lang]++;
  return title[lang === 'ja' ? 'en' : 'ja'];
}

function pair(ja: string, en: string, copied: Record<Lang, number>): { ja: string; en: string } | undefined {
  if (!ja && !en) return undefined;
  if (!ja) copied.ja++;
  if (!en) copied.en++;
  return { ja: ja || en, en: en || ja };
}

function splitList(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

function appendContinuation(
  prev: RowData,
  row: readonly string[],
  mapping: ColumnMapping,
  main: Lang,
  other: Lang,
  cell: (row: readonly string[], col: number | undefined) => string,
): void {
  const done = new Set<number>();
  const take = (col: number | undefined): string => {
    if (col === undefined || col === mapping.id || done.has(col)) return '';
    done.add(col);
    return cell(row, col);
  };
  // Title-column text in a continuation row is more of the row's text, not a new title.
  for (const col of [mapping.title, mapping.description]) {
    const text = take(col);
    if (text) prev[main].description = appendText(prev[main].description, text);
  }
  const guidance = take(mapping.guidance);
  if (guidance) prev[main].guidance = appendText(prev[main].guidance, guidance);
  prev[main].evidence.push(...splitList(take(mapping.evidence)));
  for (const col of [mapping.titleEn, mapping.descriptionEn]) {
    const text = take(col);
    if (text) prev[other].description = appendText(prev[other].description, text);
  }
}
