/** What the diff and the upgrade need of a node: its printed ID, whether it is answered, and its text hash. */
export type DiffNode = { controlId: string; textHash: string; assessable: boolean; title: { ja: string; en: string } };

export type CatalogDiff = {
  unchanged: string[];
  changed: { controlId: string; before: DiffNode['title']; after: DiffNode['title'] }[];
  added: { controlId: string; title: DiffNode['title'] }[];
  removed: { controlId: string; title: DiffNode['title'] }[];
};

/**
 * Compares two versions of a catalog by printed ID and text hash (STIG Manager's rule): a control is
 * unchanged only when its ID and its text are both the same. Only assessable controls count.
 */
export function diffCatalogs(before: readonly DiffNode[], after: readonly DiffNode[]): CatalogDiff {
  const a = new Map(before.filter((n) => n.assessable).map((n) => [n.controlId, n]));
  const b = new Map(after.filter((n) => n.assessable).map((n) => [n.controlId, n]));
  const diff: CatalogDiff = { unchanged: [], changed: [], added: [], removed: [] };
  for (const [id, old] of a) {
    const now = b.get(id);
    if (!now) diff.removed.push({ controlId: id, title: old.title });
    else if (now.textHash === old.textHash) diff.unchanged.push(id);
    else diff.changed.push({ controlId: id, before: old.title, after: now.title });
  }
  for (const [id, now] of b) if (!a.has(id)) diff.added.push({ controlId: id, title: now.title });
  return diff;
}
