import { canonicalJson } from '../util/canonical-json';
import { sha256Hex } from '../util/sha256';
import type { CatalogDocument, CatalogNodeInput } from './format';

/** One catalog node as stored: the tree flattened in document order with parent links. */
export type FlatNode = {
  controlId: string;
  parentControlId: string | null;
  depth: number;
  position: number;
  assessable: boolean;
  mandatory: boolean;
  /**
   * Effective applicability: the profiles this node applies to; empty = all. Without explicit profile lists
   * this is the node's own `profiles`, else its nearest ancestor's. With them, see resolveProfiles.
   */
  profiles: string[];
  node: CatalogNodeInput;
  /**
   * Set only where explicit profile lists were resolved: the node's own `profiles` markers (null: none), kept
   * beside the resolved applicability so the document can be rebuilt from the workspace as it was written.
   */
  markers?: string[] | null;
  /** Hash of the text an answer was given against; answers carry forward to a new version only where it is equal. */
  textHash: string;
};

/**
 * Stored as a node's only profile when it applies to none of the catalog's profiles (it still applies to an
 * assessment without a profile). It cannot collide with a profile ID: those start with a letter or digit.
 */
export const NO_PROFILE = '!none';

export function controlTextHash(node: CatalogNodeInput): string {
  return sha256Hex(canonicalJson({ title: node.title, description: node.description ?? null }));
}

/**
 * The text hash is computed on first read (a pure-JS SHA-256 per node is most of flattening a large catalog, and
 * a preview or a count never reads it), then kept as a plain property.
 */
function withLazyHash(n: Omit<FlatNode, 'textHash'>): FlatNode {
  let hash: string | undefined;
  return Object.defineProperty(n, 'textHash', {
    enumerable: true,
    configurable: true,
    get: () => (hash ??= controlTextHash(n.node)),
  }) as FlatNode;
}

const isAssessable = (node: CatalogNodeInput) => node.assessable ?? !node.items?.length;

export function flattenCatalog(doc: CatalogDocument): FlatNode[] {
  const out: FlatNode[] = [];
  const visit = (items: readonly CatalogNodeInput[], parent: string | null, depth: number, inherited: string[]) => {
    for (const node of items) {
      const profiles = node.profiles ?? inherited;
      out.push(
        withLazyHash({
          controlId: node.id,
          parentControlId: parent,
          depth,
          position: out.length,
          assessable: isAssessable(node),
          mandatory: node.mandatory ?? true,
          profiles,
          node,
        }),
      );
      if (node.items) visit(node.items, node.id, depth + 1, profiles);
    }
  };
  visit(doc.items, null, 0, []);
  return resolveProfiles(doc, out);
}

/**
 * Which nodes an explicit control list covers: a listed node; every descendant of a listed group (a group is a
 * node that is not assessable itself); and a group above a covered node, so the node keeps its heading.
 * A listed assessable control covers itself only: its sub-controls are listed on their own where they apply
 * (an SAQ may include 3.3.1 and only some of 3.3.1.1–3.3.1.3).
 */
export function coveredControls(doc: CatalogDocument, controls: readonly string[]): Set<string> {
  const listed = new Set(controls);
  const covered = new Set<string>();
  const visit = (items: readonly CatalogNodeInput[], inGroup: boolean): boolean => {
    let any = false;
    for (const node of items) {
      const group = !isAssessable(node);
      const self = inGroup || listed.has(node.id);
      const below = node.items ? visit(node.items, inGroup || (group && listed.has(node.id))) : false;
      if (self || (group && below)) {
        covered.add(node.id);
        any = true;
      } else if (below) any = true;
    }
    return any;
  };
  visit(doc.items, false);
  return covered;
}

/**
 * Turns profiles defined by an explicit control list into the per-node applicability the app stores, so
 * progress, scoring, the answering screen and reports treat both kinds of profile alike. A node applies to a
 * listed profile when the list covers it (coveredControls) and its own markers allow it; the result is
 * stored as the list of applicable profiles ([] when every profile applies, [NO_PROFILE] when none does).
 */
export function resolveProfiles(doc: CatalogDocument, nodes: FlatNode[]): FlatNode[] {
  const all = (doc.profiles ?? []).map((p) => p.id);
  const explicit = (doc.profiles ?? []).filter((p) => p.controls);
  if (!explicit.length) return nodes;
  const covers = new Map(explicit.map((p) => [p.id, coveredControls(doc, p.controls ?? [])]));
  return nodes.map((n) => {
    const marked = n.profiles.length ? n.profiles : all;
    const applies = marked.filter((p) => covers.get(p)?.has(n.controlId) ?? true);
    const profiles = applies.length === all.length ? [] : applies.length ? applies : [NO_PROFILE];
    return { ...n, profiles, markers: n.node.profiles ?? null };
  });
}

/** How many assessable controls apply under each profile (what a user sees before choosing one). */
export function profileItemCounts(nodes: readonly FlatNode[]): (profile: string) => number {
  return (profile) =>
    nodes.filter((n) => n.assessable && (n.profiles.length === 0 || n.profiles.includes(profile))).length;
}
