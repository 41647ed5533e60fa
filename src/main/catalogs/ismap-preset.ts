import type { CatalogDiagnostic } from '../../core/catalog/diagnostics';
import type { ImportResult } from '../../core/catalog/import-types';
import { buildIsmapCatalog, type IsmapPresetSummary } from '../../core/catalog/tabular/ismap-preset';
import type { ServiceContext } from '../context';
import { catalogDocumentFromDb } from './document';
import { compareVersions } from '../../core/catalog/versions';
import { readXlsxSheets, xlsxFailure } from './xlsx-reader';

/**
 * Glue for the XLSX preset `ismap` (logic in src/core/catalog/tabular/ismap-preset.ts): reads every sheet of the
 * user's official workbook and builds the new version over the newest shipped `ismap` version in the workspace.
 */

const fail = (key: string, params: Record<string, string | number>): ImportResult => ({ ok: false, errors: [{ severity: 'error', key, params, path: '(root)' } satisfies CatalogDiagnostic], warnings: [] });

export async function readIsmapPreset(ctx: ServiceContext, bytes: Buffer, input: { fileName: string; meta?: { version?: string | undefined } | undefined }): Promise<{ result: ImportResult; summary: IsmapPresetSummary | null }> {
  const shipped = (ctx.db.prepare("SELECT id, version FROM catalogs WHERE catalog_id = 'ismap' AND origin = 'shipped'").all() as { id: number; version: string }[]).sort((a, b) => compareVersions(a.version, b.version)).at(-1);
  if (!shipped) return { result: fail('ismapBaseMissing', {}), summary: null };
  let sheets;
  try {
    sheets = await readXlsxSheets(bytes);
  } catch (e) {
    const f = xlsxFailure(e);
    return { result: fail(f.key, { detail: f.detail, ...f.params }), summary: null };
  }
  const base = catalogDocumentFromDb(ctx, shipped.id);
  const r = buildIsmapCatalog(sheets, base, { version: input.meta?.version, sourceName: input.fileName });
  const { summary, ...result } = r;
  return { result: result as ImportResult, summary };
}
