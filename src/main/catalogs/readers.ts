import type { CatalogDiagnostic } from '../../core/catalog/diagnostics';
import type { ImportResult } from '../../core/catalog/import-types';
import { importOscalCatalog } from '../../core/oscal/catalog/import';
import { parseCsvDetailed } from '../../core/catalog/tabular/csv';
import { inspectTree, MAX_NESTING } from '../../core/catalog/nesting';
import { suggestMapping, type ColumnMapping } from '../../core/catalog/tabular/columns';
import { tabularToCatalog } from '../../core/catalog/tabular/to-catalog';
import type { ImportPreview } from '../../shared/api/types';
import { parseCatalogText } from '../../core/catalog/parse';
import type { ChannelParsed } from '../../shared/api/contract';

export type CatalogFileInput = ChannelParsed<'catalogs.preview'>;
export type Built = { result: ImportResult; table: ImportPreview['table'] };

/** Our own YAML/JSON format. */
export function readOwnFormat(text: string): ImportResult {
  const r = parseCatalogText(text);
  return r.ok ? { ok: true, doc: r.value, warnings: r.warnings } : { ok: false, errors: r.errors, warnings: r.warnings };
}

const fail = (key: string, params: Record<string, string | number>, path = '(root)'): ImportResult => ({ ok: false, errors: [{ severity: 'error', key, params, path } satisfies CatalogDiagnostic], warnings: [] });
const PREVIEW_ROWS = 30;

function fromRows(rows: string[][], input: CatalogFileInput, sheets: string[], sheet: string | null, read: CatalogDiagnostic[] = []): Built {
  const mapping: ColumnMapping | null = input.mapping ?? suggestMapping(rows);
  const table: ImportPreview['table'] = { sheets, sheet, rows: rows.slice(0, PREVIEW_ROWS), mapping };
  // What reading the file found (a row past the limit, an unclosed quote): errors refuse the file, nothing is cut silently.
  const readErrors = read.filter((d) => d.severity === 'error');
  const readWarnings = read.filter((d) => d.severity === 'warning');
  if (readErrors.length) return { result: { ok: false, errors: readErrors, warnings: readWarnings }, table };
  if (!mapping) return { result: fail('tabularNoHeader', {}), table };
  const result = tabularToCatalog(rows, mapping, { ...(input.meta ?? {}), sourceName: input.fileName.replace(/\.[^.]+$/, ''), ...(sheet ? { sheet } : {}) });
  return { result: readWarnings.length ? { ...result, warnings: [...readWarnings, ...result.warnings] } : result, table };
}

const tooDeep = (path: string): ImportResult => fail('tooDeepNesting', { max: MAX_NESTING }, path);

function readOscal(text: string, input: CatalogFileInput): ImportResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    if (e instanceof RangeError) return tooDeep('(root)');
    return fail('oscalNotJson', { detail: (e as Error).message.slice(0, 200) });
  }
  const problem = inspectTree(json);
  if (problem) return problem.kind === 'tooDeep' ? tooDeep(problem.path) : fail('cycle', {}, problem.path);
  return importOscalCatalog(json, input.meta);
}

function readText(format: 'yaml' | 'json' | 'oscal' | 'csv', text: string, input: CatalogFileInput): Built {
  switch (format) {
    case 'yaml':
    case 'json':
      return { result: readOwnFormat(text), table: null };
    case 'oscal':
      return { result: readOscal(text, input), table: null };
    case 'csv': {
      const csv = parseCsvDetailed(text);
      return fromRows(csv.rows, input, [], null, csv.diagnostics);
    }
  }
}

/**
 * Picks the importer for a format. Every reader returns located diagnostics; none throws on bad content. Text formats
 * read `text` (decoded by the caller, src/main/catalogs/text-decode.ts), XLSX the bytes.
 */
export async function readCatalog(format: ImportPreview['format'], bytes: Buffer, input: CatalogFileInput, text?: string | null): Promise<Built> {
  if (format === 'xlsx') {
    // exceljs loads only when a workbook is read (the CLI and the app start without it).
    const { readXlsxRows, xlsxFailure } = await import('./xlsx-reader');
    try {
      const x = await readXlsxRows(bytes, input.sheet ? { sheet: input.sheet } : undefined);
      return fromRows(x.rows, input, x.sheets, x.sheet);
    } catch (e) {
      const f = xlsxFailure(e);
      return { result: fail(f.key, { detail: f.detail, ...f.params }), table: null };
    }
  }
  try {
    return readText(format, text ?? bytes.toString('utf8').replace(/^\uFEFF/, ''), input);
  } catch (e) {
    // Last resort for nesting that slipped past the depth checks: a located refusal, never a stack trace.
    if (e instanceof RangeError && /call stack/i.test(e.message)) return { result: tooDeep('(root)'), table: null };
    throw e;
  }
}
