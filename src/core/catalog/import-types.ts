import type { CatalogDiagnostic } from './diagnostics';
import type { AnswerValue, CatalogDocument, LocalizedText } from './format';

/** What every importer (YAML/JSON, OSCAL, CSV, XLSX) returns: a catalog document ready to load, or located errors. */
export type ImportResult =
  | { ok: true; doc: CatalogDocument; warnings: CatalogDiagnostic[] }
  | { ok: false; errors: CatalogDiagnostic[]; warnings: CatalogDiagnostic[] };

/** Metadata the user gives (or confirms) when the source file has none of its own (CSV/XLSX) or to override it. */
export type ImportMeta = {
  id?: string | undefined;
  version?: string | undefined;
  title?: LocalizedText | undefined;
  publisher?: LocalizedText | undefined;
  published?: string | undefined;
  licenceNote?: LocalizedText | undefined;
};

/** The default answer scale for catalogs that bring none (user imports): 実施済 / 一部実施 / 未実施 / 該当なし. */
export const DEFAULT_ANSWER_SCALE: AnswerValue[] = [
  {
    value: 'implemented',
    label: { ja: '実施済', en: 'Implemented' },
    meaning: 'compliant',
    score: 1,
    justification: 'optional',
  },
  {
    value: 'partial',
    label: { ja: '一部実施', en: 'Partially implemented' },
    meaning: 'partial',
    score: 0.5,
    justification: 'optional',
  },
  {
    value: 'not_implemented',
    label: { ja: '未実施', en: 'Not implemented' },
    meaning: 'noncompliant',
    score: 0,
    justification: 'optional',
  },
  {
    value: 'not_applicable',
    label: { ja: '該当なし', en: 'Not applicable' },
    meaning: 'not_applicable',
    score: null,
    justification: 'required',
  },
];

/**
 * Makes a catalog id from free text (a title or file name): lowercase ASCII letters, digits and hyphens,
 * starting with a letter; falls back to `imported` when nothing usable is left (e.g. an all-Japanese title).
 */
export function slugifyCatalogId(text: string): string {
  const slug = text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .replace(/^[^a-z]+/, '');
  // Long titles are cut at a word boundary so the id stays readable.
  const cut = slug.length <= 60 ? slug : slug.slice(0, 61).replace(/-[^-]*$/, '');
  return cut.length >= 2 ? cut : 'imported';
}
