import { Document, isAlias, isCollection, isNode, isPair, LineCounter, parseDocument, type Node } from 'yaml';
import type { z } from 'zod';
import { formatPath, type CatalogDiagnostic } from './diagnostics';
import { CatalogDocument } from './format';
import { MappingDocument } from './mapping-format';
import { inspectTree, MAX_NESTING } from './nesting';
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

const MAX_ALIAS_COUNT = 100;

function diag(
  key: string,
  params: Record<string, string | number>,
  src: Located,
  offset: number | undefined,
  path = '(root)',
): CatalogDiagnostic {
  const pos = offset !== undefined ? src.lines.linePos(offset) : undefined;
  return { severity: 'error', key, params, path, ...(pos ? { line: pos.line, column: pos.col } : {}) };
}

const isStackOverflow = (e: unknown) => e instanceof RangeError && /call stack/i.test(e.message);

/**
 * The first node of a composed YAML document nested deeper than MAX_NESTING, found without recursion
 * (so that neither toJS nor validation recurses into it), or the first alias when `alias` is asked for.
 */
function findNode(doc: Document, want: 'deep' | 'alias'): { node: Node; depth: number } | null {
  const stack: { node: unknown; depth: number }[] = [{ node: doc.contents, depth: 1 }];
  while (stack.length) {
    const { node, depth } = stack.pop() as { node: unknown; depth: number };
    if (!isNode(node)) continue;
    if (want === 'alias' && isAlias(node)) return { node, depth };
    if (!isCollection(node)) continue;
    if (want === 'deep' && depth > MAX_NESTING) return { node, depth };
    const children: unknown[] = [];
    for (const item of node.items) {
      if (isPair(item)) children.push(item.key, item.value);
      else children.push(item);
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i], depth: depth + 1 });
  }
  return null;
}

function parseText(text: string): { located: Located; errors: CatalogDiagnostic[]; data: unknown } {
  const lines = new LineCounter();
  let doc: Document;
  try {
    doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  } catch (e) {
    if (!isStackOverflow(e)) throw e;
    const located = { doc: new Document(), lines };
    return { located, errors: [diag('tooDeepNesting', { max: MAX_NESTING }, located, undefined)], data: undefined };
  }
  const located: Located = { doc, lines };
  // The composer reports running out of stack as an error of its own: that is nesting, not a syntax error.
  const overflow = doc.errors.find((e) => /call stack/i.test(e.message));
  if (overflow)
    return {
      located,
      errors: [diag('tooDeepNesting', { max: MAX_NESTING }, located, overflow.pos[0])],
      data: undefined,
    };
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
  if (errors.length) return { located, errors, data: undefined };
  const deep = findNode(doc, 'deep');
  if (deep)
    return {
      located,
      errors: [diag('tooDeepNesting', { max: MAX_NESTING }, located, deep.node.range?.[0])],
      data: undefined,
    };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    // yaml refuses aliases that expand into more than maxAliasCount nodes ("billion laughs"): say so, at the first alias.
    if (e instanceof ReferenceError && /alias/i.test(e.message))
      return {
        located,
        errors: [diag('yamlAliasBomb', { max: MAX_ALIAS_COUNT }, located, findNode(doc, 'alias')?.node.range?.[0])],
        data: undefined,
      };
    if (isStackOverflow(e))
      return { located, errors: [diag('tooDeepNesting', { max: MAX_NESTING }, located, undefined)], data: undefined };
    throw e;
  }
  // An alias pointing at one of its own ancestors makes a cyclic tree, and aliases of aliases can nest deeply:
  // refuse both before validation recurses.
  const problem = inspectTree(data);
  if (problem) {
    const at = locate(located, pathOf(problem.path));
    const d: CatalogDiagnostic =
      problem.kind === 'cycle'
        ? {
            severity: 'error',
            key: 'cycle',
            params: {},
            path: problem.path,
            line: at.line ?? 1,
            column: at.column ?? 1,
          }
        : { severity: 'error', key: 'tooDeepNesting', params: { max: MAX_NESTING }, path: problem.path, ...at };
    return { located, errors: [d], data: undefined };
  }
  return { located, errors: [], data };
}

function valueAt(data: unknown, path: readonly (string | number)[]): unknown {
  let v: unknown = data;
  for (const p of path)
    v = typeof v === 'object' && v !== null ? (v as Record<string | number, unknown>)[p] : undefined;
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
    return {
      ok: false,
      errors: [
        { severity: 'error', key: 'tooLarge', params: { limitMb: MAX_CATALOG_BYTES / 1024 / 1024 }, path: '(root)' },
      ],
      warnings: [],
    };
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
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g))
    out.push(m[2] !== undefined ? Number(m[2]) : (m[1] as string));
  return out;
}

export function parseCatalogText(text: string): ParseResult<CatalogDocument> {
  return parseWith(text, CatalogDocument, checkCatalogSemantics);
}

export function parseMappingText(text: string): ParseResult<MappingDocument> {
  return parseWith(text, MappingDocument, checkMappingSemantics);
}
