import type { CatalogDiagnostic } from '../diagnostics';
import { cellPath } from './columns';

/**
 * Builds the catalog tree from the IDs as printed.
 *
 * - Structured IDs: an optional letter prefix, dotted numbers, an optional letter suffix of 1–3 letters
 *   (`5`, `5.1.1.1`, `9.2.3.11.PB`, `8.1.5.P`, `A3.2.5`, `CLD.6.3.1`, `No.3`). The numeric stem decides the
 *   place: `5.1.1.1` is a child of `5.1.1`; the suffix belongs to the ID and adds no level, so `9.2.3.11.PB` is a
 *   child of `9.2.3` and `8.1.5.P` of `8.1`. When the parent stem exists only with a suffix (`6.3.P` for
 *   `6.3.1.P`), that row is the parent (same suffix preferred).
 * - Missing intermediate parents (between a node and its nearest existing ancestor) are created as group nodes
 *   titled with their ID, with a warning. With no ancestor at all in the file, the node stays at the top.
 * - Other IDs (`A-1`, `REQ_3`, `5.1.1(1)`) stay at the top level, unless they extend an existing structured ID
 *   with `.`, `(` or `-` (`5.1.1(1)` under `5.1.1`, `1-2` under `1`).
 * - A row with a level (1 = top) is placed under the last node of the level above, ignoring its ID.
 * - Siblings keep file order; duplicate IDs are errors (the later row is dropped).
 */

export type HierarchyRow<T> = { id: string; line: number; level?: number | undefined; data: T };
export type HierarchyNode<T> = {
  id: string;
  /** The row (1-based); for a created parent, the row of its first child. */
  line: number;
  /** null for a created group node. */
  data: T | null;
  children: HierarchyNode<T>[];
};
export type HierarchyResult<T> = {
  roots: HierarchyNode<T>[];
  errors: CatalogDiagnostic[];
  warnings: CatalogDiagnostic[];
};
export type HierarchyOptions = {
  sheet?: string | undefined;
  idColumn?: number | undefined;
  levelColumn?: number | undefined;
};

export type ParsedControlId = { prefix: string; stem: string[]; suffix: string };

const STRUCTURED = /^((?:[A-Za-z]{1,5}\.?)?)(\d+(?:\.\d+)*)(?:\.?([A-Za-z]{1,3}))?$/;

/** Splits a structured ID into letter prefix, numeric stem and letter suffix; null for other IDs. */
export function parseControlId(id: string): ParsedControlId | null {
  const m = STRUCTURED.exec(id);
  if (!m) return null;
  return { prefix: m[1] ?? '', stem: (m[2] as string).split('.'), suffix: m[3] ?? '' };
}

const stemKey = (p: ParsedControlId, length = p.stem.length) => p.prefix + p.stem.slice(0, length).join('.');

type Entry<T> = {
  node: HierarchyNode<T>;
  order: number;
  parent: string | null | undefined;
  level?: number | undefined;
};

export function buildHierarchy<T>(rows: readonly HierarchyRow<T>[], opts: HierarchyOptions = {}): HierarchyResult<T> {
  const errors: CatalogDiagnostic[] = [];
  const warnings: CatalogDiagnostic[] = [];
  const entries = new Map<string, Entry<T>>();
  const byStem = new Map<string, string[]>();
  const rowEntries: Entry<T>[] = [];
  const at = (line: number, column = opts.idColumn) => ({
    path: cellPath(line, column, opts.sheet),
    line,
    ...(column !== undefined ? { column } : {}),
  });

  rows.forEach((row, index) => {
    const first = entries.get(row.id);
    if (first) {
      errors.push({
        severity: 'error',
        key: 'tabularDuplicateId',
        params: { id: row.id, line: row.line, first: first.node.line },
        ...at(row.line),
      });
      return;
    }
    const entry: Entry<T> = {
      node: { id: row.id, line: row.line, data: row.data, children: [] },
      order: index * 100 + 99,
      parent: undefined,
      level: row.level,
    };
    entries.set(row.id, entry);
    rowEntries.push(entry);
    const parsed = parseControlId(row.id);
    if (parsed) {
      const key = stemKey(parsed);
      const list = byStem.get(key);
      if (list) list.push(row.id);
      else byStem.set(key, [row.id]);
    }
  });

  const resolve = (key: string, suffix: string): string | null => {
    if (entries.has(key)) return key;
    const list = byStem.get(key);
    if (!list?.length) return null;
    return (
      list.find((id) => (parseControlId(id) as ParsedControlId).suffix.toUpperCase() === suffix.toUpperCase()) ??
      (list[0] as string)
    );
  };

  // Parents from the IDs.
  rowEntries.forEach((entry, index) => {
    if (entry.level !== undefined) return;
    const id = entry.node.id;
    const parsed = parseControlId(id);
    if (!parsed) {
      entry.parent = extendedParent(id, entries);
      return;
    }
    entry.parent = null;
    for (let k = parsed.stem.length - 1; k >= 1; k--) {
      const found = resolve(stemKey(parsed, k), parsed.suffix);
      if (found === null) continue;
      // Create the missing levels between the ancestor found and this node, outermost first.
      let parent = found;
      for (let j = k + 1; j < parsed.stem.length; j++) {
        const key = stemKey(parsed, j);
        entries.set(key, {
          node: { id: key, line: entry.node.line, data: null, children: [] },
          order: index * 100 + j,
          parent,
        });
        warnings.push({
          severity: 'warning',
          key: 'tabularParentCreated',
          params: { id: key, child: id, line: entry.node.line },
          ...at(entry.node.line),
        });
        parent = key;
      }
      entry.parent = parent;
      break;
    }
  });

  // Parents from the level column: the last node one level up, in file order.
  if (rowEntries.some((e) => e.level !== undefined)) {
    const depthMemo = new Map<string, number>();
    const depthOf = (id: string, seen = new Set<string>()): number => {
      const known = depthMemo.get(id);
      if (known !== undefined) return known;
      const parent = entries.get(id)?.parent;
      if (!parent || seen.has(id)) return 0;
      seen.add(id);
      const d = depthOf(parent, seen) + 1;
      depthMemo.set(id, d);
      return d;
    };
    const stack: string[] = [];
    for (const entry of rowEntries) {
      let depth: number;
      if (entry.level !== undefined) {
        depth = entry.level - 1;
        if (depth > stack.length) {
          warnings.push({
            severity: 'warning',
            key: 'tabularLevelGap',
            params: { id: entry.node.id, level: entry.level, line: entry.node.line },
            ...at(entry.node.line, opts.levelColumn),
          });
          depth = stack.length;
        }
        entry.parent = depth === 0 ? null : (stack[depth - 1] as string);
        depthMemo.set(entry.node.id, depth);
      } else {
        depth = Math.min(depthOf(entry.node.id), stack.length);
      }
      stack.length = Math.min(stack.length, depth);
      stack[depth] = entry.node.id;
    }
  }

  // Mixed level and ID logic could in theory loop; cut any cycle at the node where it is found.
  for (const entry of entries.values()) {
    const seen = new Set<string>([entry.node.id]);
    let p = entry.parent;
    while (p) {
      if (seen.has(p)) {
        warnings.push({
          severity: 'warning',
          key: 'tabularHierarchyCycle',
          params: { id: entry.node.id, line: entry.node.line },
          ...at(entry.node.line),
        });
        entry.parent = null;
        break;
      }
      seen.add(p);
      p = entries.get(p)?.parent;
    }
  }

  const sorted = [...entries.values()].sort((a, b) => a.order - b.order);
  const roots: HierarchyNode<T>[] = [];
  for (const entry of sorted) {
    const parent = entry.parent ? entries.get(entry.parent) : undefined;
    (parent ? parent.node.children : roots).push(entry.node);
  }
  return { roots, errors, warnings };
}

/** For an unstructured ID: the longest existing structured ID it extends with `.`, `(` or `-`. */
function extendedParent(id: string, entries: Map<string, unknown>): string | null {
  for (let j = id.length - 1; j > 0; j--) {
    if (!'.(-'.includes(id[j] as string)) continue;
    const candidate = id.slice(0, j);
    if (entries.has(candidate) && parseControlId(candidate)) return candidate;
  }
  return null;
}
