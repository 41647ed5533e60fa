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
  /** Effective applicability: the node's own profiles, else its nearest ancestor's; empty = all. */
  profiles: string[];
  node: CatalogNodeInput;
  /** Hash of the text an answer was given against; answers carry forward to a new version only where it is equal. */
  textHash: string;
};

export function controlTextHash(node: CatalogNodeInput): string {
  return sha256Hex(canonicalJson({ title: node.title, description: node.description ?? null }));
}

export function flattenCatalog(doc: CatalogDocument): FlatNode[] {
  const out: FlatNode[] = [];
  const visit = (items: readonly CatalogNodeInput[], parent: string | null, depth: number, inherited: string[]) => {
    for (const node of items) {
      const profiles = node.profiles ?? inherited;
      out.push({
        controlId: node.id,
        parentControlId: parent,
        depth,
        position: out.length,
        assessable: node.assessable ?? !node.items?.length,
        mandatory: node.mandatory ?? true,
        profiles,
        node,
        textHash: controlTextHash(node),
      });
      if (node.items) visit(node.items, node.id, depth + 1, profiles);
    }
  };
  visit(doc.items, null, 0, []);
  return out;
}
