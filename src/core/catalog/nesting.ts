import { formatPath } from './diagnostics';

/**
 * How deeply a catalog file may nest (maps in lists in maps…). A catalog with the deepest hierarchy allowed
 * (12 levels, src/core/catalog/semantic.ts) nests about 30 levels; anything far deeper is refused before any
 * recursive step (YAML composition, conversion, validation) can run out of stack.
 */
export const MAX_NESTING = 64;

export type TreeProblem = { kind: 'cycle' | 'tooDeep'; path: string } | null;

/**
 * Walks parsed data without recursion: a value that contains itself (YAML aliases can make one) or nesting deeper
 * than `max` is reported with the path where it was found.
 */
export function inspectTree(value: unknown, max = MAX_NESTING): TreeProblem {
  if (typeof value !== 'object' || value === null) return null;
  type Frame = { node: object; keys: (string | number)[]; next: number; key: string | number | null };
  const ancestors = new Set<object>([value]);
  const keysOf = (o: object): (string | number)[] => (Array.isArray(o) ? o.map((_, i) => i) : Object.keys(o));
  const stack: Frame[] = [{ node: value, keys: keysOf(value), next: 0, key: null }];
  const pathOf = (last: string | number) => formatPath([...stack.slice(1).map((f) => f.key as string | number), last]);
  while (stack.length) {
    const top = stack[stack.length - 1] as Frame;
    if (top.next >= top.keys.length) {
      ancestors.delete(top.node);
      stack.pop();
      continue;
    }
    const key = top.keys[top.next++] as string | number;
    const child = (top.node as Record<string | number, unknown>)[key];
    if (typeof child !== 'object' || child === null) continue;
    if (ancestors.has(child)) return { kind: 'cycle', path: pathOf(key) };
    if (stack.length >= max) return { kind: 'tooDeep', path: pathOf(key) };
    ancestors.add(child);
    stack.push({ node: child, keys: keysOf(child), next: 0, key });
  }
  return null;
}
