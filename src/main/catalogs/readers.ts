import type { CatalogDiagnostic } from '../../core/catalog/diagnostics';
import type { ImportResult } from '../../core/catalog/import-types';
import { importOscalCatalog } from '../../core/oscal/catalog/import';
import { parseCsv } from '../../core/catalog/tabular/csv';
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

const fail = (key: string, params: Record<string, string | number>): ImportResult => ({ ok: false, errors: [{ severity: 'error', key, params, path: '(root)' } satisfies CatalogDiagnostic], warnings: [] });
const PREVIEW_ROWS = 30;

function fromRows(rows: string[][], input: CatalogFileInput, sheets: string[], sheet: string | null): Built {
  const mapping: ColumnMapping | null = input.mapping ?? suggestMapping(rows);
  const table: ImportPreview['table'] = { sheets, sheet, rows: rows.slice(0, PREVIEW_ROWS), mapping };
  if (!mapping) return { result: fail('tabularNoHeader', {}), table };
  return { result: tabularToCatalog(rows, mapping, { ...(input.meta ?? {}), sourceName: input.fileName.replace(/\.[^.]+$/, ''), ...(sheet ? { sheet } : {}) }), table };
}

/** Picks the importer for a format. Every reader returns located diagnostics; none throws on bad content. */
export async function readCatalog(format: ImportPreview['format'], bytes: Buffer, input: CatalogFileInput): Promise<Built> {
  switch (format) {
    case 'yaml':
    case 'json':
      return { result: readOwnFormat(bytes.toString('utf8').replace(/^\uFEFF/, '')), table: null };
    case 'oscal': {
      let json: unknown;
      try {
        json = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
      } catch (e) {
        return { result: fail('oscalNotJson', { detail: (e as Error).message.slice(0, 200) }), table: null };
      }
      return { result: importOscalCatalog(json, input.meta), table: null };
    }
    case 'csv':
      return fromRows(parseCsv(bytes.toString('utf8')), input, [], null);
    case 'xlsx': {
      try {
        // exceljs loads only when a workbook is read (the CLI and the app start without it).
        const { readXlsxRows } = await import('./xlsx-reader');
        const x = await readXlsxRows(bytes, input.sheet ? { sheet: input.sheet } : undefined);
        return fromRows(x.rows, input, x.sheets, x.sheet);
      } catch (e) {
        const f = (await import('./xlsx-reader')).xlsxFailure(e);
        return { result: fail(f.key, { detail: f.detail }), table: null };
      }
    }
  }
}
