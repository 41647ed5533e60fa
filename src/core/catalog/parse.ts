import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { formatPath, type CatalogDiagnostic } from './diagnostics';
import { CatalogDocument } from './format';
import { MappingDocument } from './mapping-format';
import { checkCatalogSemantics, checkMappingSemantics } from './semantic';

export type ParseResult<T> =
  | { ok: true; value: T; warnings: CatalogDiagnostic[] }
  | { ok: false; errors: CatalogDiagnostic[]; warnings: CatalogDiagnostic[] };

/** Upper bound for a catalog file; the largest shipped catalog is well under 1 MB. */
export const MAX_CATALOG_BYTES = 20 * 1024 * 1024;

type Located = { doc: Document; lines: LineCounter };

function locate(src: Located, path: readonly PropertyKey[]): { line?: number; column?: number } {
  // Walk up the path until a node with a source range is found (missing keys point at their parent).
  for (let n = path.length; n >= 0; n--) {
    const node = src.doc.getIn(path.slice(0, n) as (string | number)[], true);
    if (isNode(node) && node.range) {
      const pos = src.lines.linePos(node.range[0]);
      return { line: pos.line, column: pos.col };
    }
  }
  return {};
}

function parseText(text: string): { located: Located; errors: CatalogDiagnostic[]; data: unknown } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const errors: CatalogDiagnostic[] = doc.errors.map((e) => {
    const pos = lines.linePos(e.pos[0]);
    const tab = /tab/i.test(e.message) || text.slice(Math.max(0, e.pos[0] - 1), e.pos[1] + 1).includes('\t');
    return {
      severity: 'error',
      key: tab ? 'yamlTab' : e.code === 'DUPLICATE_KEY' ? 'yamlDuplicateKey' : 'yamlSyntax',
      params: { detail: e.message.split('\n')[0] ?? e.code },
      path: '(root)',
      line: pos.line,
      column: pos.col,
    };
  });
  if (errors.length) return { located: { doc, lines }, errors, data: undefined };
  const data: unknown = doc.toJS({ maxAliasCount: 100 });
  // An alias pointing at one of its own ancestors makes a cyclic tree; refuse it before validation recurses.
  if (hasCycle(data)) errors.push({ severity: 'error', key: 'cycle', params: {}, path: '(root)', line: 1, column: 1 });
  return { located: { doc, lines }, errors, data: errors.length ? undefined : data };
}

function hasCycle(value: unknown, ancestors = new Set<object>()): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (ancestors.has(value)) return true;
  ancestors.add(value);
  for (const child of Array.isArray(value) ? value : Object.values(value)) if (hasCycle(child, ancestors)) return true;
  ancestors.delete(value);
  return false;
}

function valueAt(data: unknown, path: readonly (string | number)[]): unknown {
  let v: unknown = data;
  for (const p of path) v = typeof v === 'object' && v !== null ? (v as Record<string | number, unknown>)[p] : undefined;
  return v;
}

function zodIssues(src: Located, data: unknown, error: z.ZodError): CatalogDiagnostic[] {
  return error.issues.slice(0, 50).map((issue) => {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    let key = 'schemaInvalid';
    const params: Record<string, string | number> = { detail: issue.message };
    if (issue.code === 'invalid_type') {
      key = valueAt(data, path) === undefined ? 'schemaMissing' : 'schemaType';
      params.expected = String(issue.expected);
    } else if (issue.code === 'unrecognized_keys') {
      key = 'schemaUnknownKey';
      params.keys = issue.keys.join(', ');
    } else if (issue.code === 'invalid_value') {
      key = 'schemaEnum';
      params.expected = issue.values.map(String).join(' | ');
    } else if (issue.code === 'invalid_format' || issue.code === 'too_small' || issue.code === 'too_big') {
      key = 'schemaFormat';
    }
    return { severity: 'error', key, params, path: formatPath(path), ...locate(src, path) };
  });
}

function parseWith<T>(
  text: string,
  schema: z.ZodType<T>,
  semantics: (value: T) => CatalogDiagnostic[],
): ParseResult<T> {
  if (text.length > MAX_CATALOG_BYTES) {
    return { ok: false, errors: [{ severity: 'error', key: 'tooLarge', params: { limitMb: MAX_CATALOG_BYTES / 1024 / 1024 }, path: '(root)' }], warnings: [] };
  }
  const { located, errors, data } = parseText(text);
  if (errors.length) return { ok: false, errors, warnings: [] };
  const parsed = schema.safeParse(data);
  if (!parsed.success) return { ok: false, errors: zodIssues(located, data, parsed.error), warnings: [] };
  const found = semantics(parsed.data).map((d) => ({ ...d, ...locate(located, pathOf(d.path)) }));
  const errs = found.filter((d) => d.severity === 'error');
  const warnings = found.filter((d) => d.severity === 'warning');
  return errs.length ? { ok: false, errors: errs, warnings } : { ok: true, value: parsed.data, warnings };
}

/** Reverses formatPath so semantic diagnostics get a line:column too. */
function pathOf(path: string): (string | number)[] {
  if (path === '(root)') return [];
  const out: (string | number)[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : (m[1] as string));
  return out;
}

export function parseCatalogText(text: string): ParseResult<CatalogDocument> {
  return parseWith(text, CatalogDocument, checkCatalogSemantics);
}

export function parseMappingText(text: string): ParseResult<MappingDocument> {
  return parseWith(text, MappingDocument, checkMappingSemantics);
}
