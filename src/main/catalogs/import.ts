import { createHash } from 'node:crypto';
import { flattenCatalog } from '../../core/catalog/flatten';
import type { CatalogDiagnostic } from '../../core/catalog/diagnostics';
import type { ImportResult } from '../../core/catalog/import-types';
import { AppError } from '../../shared/api/errors';
import type { DiagnosticView, ImportOutcome, ImportPreview, TextEncodingView } from '../../shared/api/types';
import { loadCatalogDocument } from './loader';
import { readCatalog, type Built, type CatalogFileInput } from './readers';
import { checkTextContent, decodeCatalogBytes, type Decoded } from './text-decode';
import { isoNow, type ServiceContext } from '../context';

type Format = ImportPreview['format'];

/** Which importer reads a file: the user's choice, else the extension, else a look at the content. */
export function detectFormat(fileName: string, text: string | null): Format {
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  if (ext === 'xlsx' || ext === 'xlsm') return 'xlsx';
  if (ext === 'csv' || ext === 'tsv' || ext === 'txt') return 'csv';
  if (ext === 'yaml' || ext === 'yml') return 'yaml';
  if (text !== null && /^\s*\{/.test(text)) return /"format"\s*:\s*"tenken-catalog\/1"/.test(text.slice(0, 4096)) ? 'json' : 'oscal';
  return 'yaml';
}

const view = (d: CatalogDiagnostic): DiagnosticView => ({ severity: d.severity, key: d.key, params: d.params, path: d.path, line: d.line, column: d.column });

type Source = { bytes: Buffer; text: string | null; decoded: Decoded | null };

/**
 * The file's bytes, and for text formats its text: decoded here from base64 bytes (encoding detected or chosen,
 * src/main/catalogs/text-decode.ts), or as the UTF-8 text the sender already decoded.
 */
function source(input: CatalogFileInput, xlsx: boolean): Source {
  const bytes = input.encoding === 'base64' ? Buffer.from(input.content, 'base64') : Buffer.from(input.content, 'utf8');
  if (xlsx) return { bytes, text: null, decoded: null };
  let decoded: Decoded;
  if (input.encoding === 'base64') decoded = decodeCatalogBytes(bytes, input.textEncoding);
  else if (input.textEncoding && input.textEncoding !== 'utf-8')
    decoded = { ok: false, encoding: null, errors: [{ severity: 'error', key: 'textEncodingNeedsBytes', params: {}, path: '(root)' }] };
  else {
    const text = input.content.replace(/^\uFEFF/, '');
    const binary = checkTextContent(text);
    decoded = binary ? { ok: false, encoding: null, errors: [binary] } : { ok: true, text, encoding: { name: 'utf-8', bom: false, detected: !input.textEncoding }, warnings: [] };
  }
  return { bytes, text: decoded.ok ? decoded.text : null, decoded };
}

type BuildOut = Built & { format: Format; hash: string; preset: ImportPreview['preset']; encoding: TextEncodingView | null };

/**
 * The last file read without a preset, kept so that the import that follows its preview (the CLI's `catalog import`,
 * the import page's button) does not parse the same file again: reading is a pure function of the input.
 */
let lastBuilt: { key: string; out: Promise<BuildOut> } | null = null;

function memoKey(input: CatalogFileInput): string {
  const { content, ...rest } = input;
  return createHash('sha256').update(content).update('\u0000').update(JSON.stringify(rest)).digest('hex');
}

function build(ctx: ServiceContext, input: CatalogFileInput, opts: { release?: boolean } = {}): Promise<BuildOut> {
  if (input.preset) return buildOnce(ctx, input);
  const key = memoKey(input);
  const hit = lastBuilt?.key === key ? lastBuilt.out : null;
  const out = hit ?? buildOnce(ctx, input);
  lastBuilt = opts.release ? null : { key, out };
  // A failure is not kept (nothing to save there); the next call reads again.
  out.catch(() => { if (lastBuilt?.out === out) lastBuilt = null; });
  return out;
}

async function buildOnce(ctx: ServiceContext, input: CatalogFileInput): Promise<BuildOut> {
  const xlsx = input.format === 'xlsx' || input.preset !== undefined || (input.format === undefined && detectFormat(input.fileName, null) === 'xlsx');
  const src = source(input, xlsx);
  const format = input.format ?? (xlsx ? 'xlsx' : detectFormat(input.fileName, src.text));
  // The same hash the loader gives a shipped file: SHA-256 of the file's bytes; for text, of its text as UTF-8
  // (the same catalog saved as Shift_JIS, UTF-16 or UTF-8 with a BOM is the same content).
  const hash = createHash('sha256').update(src.text !== null ? Buffer.from(src.text, 'utf8') : src.bytes).digest('hex');
  if (input.preset === 'ismap') {
    // Preset: the whole official workbook over the shipped version (src/core/catalog/tabular/ismap-preset.ts).
    if (format !== 'xlsx') throw new AppError('bad_input', 'presetNeedsXlsx', { preset: input.preset });
    // exceljs loads only when a workbook is read (the CLI and the app start without it).
    const { readIsmapPreset } = await import('./ismap-preset');
    const p = await readIsmapPreset(ctx, src.bytes, input);
    return { result: p.result, table: null, format, hash: createHash('sha256').update(hash).update('\u0000preset:ismap').digest('hex'), preset: { id: 'ismap', summary: p.summary }, encoding: null };
  }
  const decoded = src.decoded;
  if (decoded && !decoded.ok) return { result: { ok: false, errors: decoded.errors, warnings: decoded.warnings ?? [] }, table: null, format, hash, preset: null, encoding: decoded.encoding };
  const built = await readCatalog(format, src.bytes, input, src.text);
  const warnings = decoded?.ok ? decoded.warnings : [];
  const result: ImportResult = warnings.length ? { ...built.result, warnings: [...warnings, ...built.result.warnings] } : built.result;
  return { ...built, result, format, hash, preset: null, encoding: decoded?.ok ? decoded.encoding : null };
}

function withMeta(result: ImportResult, input: CatalogFileInput): ImportResult {
  if (!result.ok || !input.meta) return result;
  const doc = { ...result.doc, ...(input.meta.id ? { id: input.meta.id } : {}), ...(input.meta.version ? { version: input.meta.version } : {}), ...(input.meta.title ? { title: input.meta.title } : {}) };
  return { ...result, doc };
}

export async function previewCatalog(ctx: ServiceContext, input: CatalogFileInput): Promise<ImportPreview> {
  const b = await build(ctx, input);
  const result = withMeta(b.result, input);
  if (!result.ok) return { ok: false, format: b.format, encoding: b.encoding, errors: result.errors.map(view), warnings: result.warnings.map(view), catalog: null, sample: [], table: b.table, preset: b.preset };
  const flat = flattenCatalog(result.doc);
  const depthCounts: number[] = [];
  for (const n of flat) depthCounts[n.depth] = (depthCounts[n.depth] ?? 0) + 1;
  const exists = !!ctx.db.prepare('SELECT 1 FROM catalogs WHERE catalog_id = ? AND version = ?').get(result.doc.id, result.doc.version);
  return {
    ok: true, format: b.format, encoding: b.encoding, errors: [], warnings: result.warnings.map(view), table: b.table, preset: b.preset,
    catalog: { catalogId: result.doc.id, version: result.doc.version, title: result.doc.title, nodeCount: flat.length, assessableCount: flat.filter((n) => n.assessable).length, depthCounts: Array.from(depthCounts, (x) => x ?? 0), exists },
    sample: flat.slice(0, 40).map((n) => ({ controlId: n.controlId, depth: n.depth, title: n.node.title, assessable: n.assessable })),
  };
}

/**
 * Imports a user catalog in one transaction: either the whole catalog is loaded or nothing is. A version that
 * already exists with other content is refused (versions are immutable; give the new one a new version).
 */
export async function importCatalog(ctx: ServiceContext, input: CatalogFileInput): Promise<ImportOutcome> {
  const b = await build(ctx, input, { release: true });
  const result = withMeta(b.result, input);
  if (!result.ok) {
    const first = result.errors[0];
    throw new AppError('bad_input', 'catalogInvalid', { count: result.errors.length, first: first ? `${first.path}${first.line ? ` (${first.line}:${first.column ?? 0})` : ''}` : '' });
  }
  const existing = ctx.db.prepare('SELECT id, content_hash FROM catalogs WHERE catalog_id = ? AND version = ?').get(result.doc.id, result.doc.version) as { id: number; content_hash: string } | undefined;
  if (existing && existing.content_hash === b.hash) return { ref: existing.id, catalogId: result.doc.id, version: result.doc.version, status: 'unchanged', warnings: result.warnings.map(view) };
  if (existing) throw new AppError('conflict', 'catalogVersionExists', { catalog: `${result.doc.id}@${result.doc.version}` });
  const out = loadCatalogDocument(ctx.db, result.doc, { file: `imported:${input.fileName}`, hash: b.hash, origin: 'imported', now: isoNow(ctx) });
  if (out.status === 'invalid') throw new AppError('internal', 'saveFailed', {});
  return { ref: out.ref, catalogId: out.catalogId, version: out.version, status: 'added', warnings: result.warnings.map(view) };
}
