import type { AnswerMeaning } from '../catalog/format';

/**
 * The exclusion rule of a catalog node (catalog field `excludable`): whether the node may be answered with a value
 * whose meaning is `not_applicable` (an exclusion, which the answer scale may require a justification for).
 *
 * - The nearest node that sets `excludable` decides, the node itself first, then its parent, and so on; a catalog
 *   that never sets it allows exclusion everywhere (as before the rule existed).
 * - Excluding a node also excludes what is under it: in ISMAP, excluding a 統制目標 (with its reason) excludes its
 *   詳細管理策, so its 基本言明要件 (.B, mandatory while the 統制目標 is selected) are no longer asked for.
 *
 * Pure: callers give the nodes of one catalog as `{ controlId, parentId, excludable }` (excludable as the node
 * sets it, undefined/null when it does not).
 */

export type ExclusionNode = { controlId: string; parentId: string | null; excludable?: boolean | null | undefined };
export type ExclusionIndex = ReadonlyMap<string, ExclusionNode>;

export function indexNodes(nodes: Iterable<ExclusionNode>): Map<string, ExclusionNode> {
  const m = new Map<string, ExclusionNode>();
  for (const n of nodes) m.set(n.controlId, n);
  return m;
}

/** The node that decides the rule for `controlId` (itself or its nearest ancestor setting `excludable`), or null. */
export function exclusionSource(controlId: string, index: ExclusionIndex): ExclusionNode | null {
  const seen = new Set<string>();
  let id: string | null = controlId;
  while (id !== null && !seen.has(id)) {
    seen.add(id);
    const n = index.get(id);
    if (!n) return null;
    if (n.excludable === true || n.excludable === false) return n;
    id = n.parentId;
  }
  return null;
}

/** Whether the node may be answered as excluded (not_applicable). */
export function exclusionAllowed(controlId: string, index: ExclusionIndex): boolean {
  return exclusionSource(controlId, index)?.excludable !== false;
}

export type ExclusionCheck = { ok: true } | { ok: false; controlId: string; decidedBy: string };

/**
 * Checks one answer against the rule: only an answer whose meaning is not_applicable can break it. `decidedBy` is the
 * node whose `excludable: false` forbids it (the control itself or the chapter above it), for the message.
 */
export function checkExclusion(
  controlId: string,
  meaning: AnswerMeaning | null | undefined,
  index: ExclusionIndex,
): ExclusionCheck {
  if (meaning !== 'not_applicable') return { ok: true };
  const source = exclusionSource(controlId, index);
  if (source?.excludable === false) return { ok: false, controlId, decidedBy: source.controlId };
  return { ok: true };
}

/**
 * Controls excluded through an ancestor: every node below a node answered with a not_applicable meaning (the
 * excluded node itself is not in the set). `meaningOf` gives the meaning of a control's answer, or null.
 */
export function excludedByAncestor(
  nodes: readonly ExclusionNode[],
  meaningOf: (controlId: string) => AnswerMeaning | null | undefined,
): Set<string> {
  const index = indexNodes(nodes);
  const memo = new Map<string, boolean>();
  const under = (id: string, seen: Set<string>): boolean => {
    const known = memo.get(id);
    if (known !== undefined) return known;
    const parent = index.get(id)?.parentId ?? null;
    let result = false;
    if (parent !== null && !seen.has(parent)) {
      seen.add(parent);
      result = meaningOf(parent) === 'not_applicable' || under(parent, seen);
    }
    memo.set(id, result);
    return result;
  };
  const out = new Set<string>();
  for (const n of nodes) if (under(n.controlId, new Set([n.controlId]))) out.add(n.controlId);
  return out;
}
