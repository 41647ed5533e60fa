/**
 * How a control of an assessment is named across the API, history and evidence when an assessment covers several
 * catalogs. Control IDs repeat between catalogs (5.1.1 is in ISMAP and in METI), so a control of any catalog but
 * the first is named `<catalog-id>:<control-id>`; a control of the first catalog keeps its bare ID. That keeps every
 * one-catalog assessment, and every history entry written before assessments had several catalogs, valid as it is.
 * Neither catalog IDs nor control IDs may contain ':', so the split is unambiguous.
 */

export type ControlKey = { catalogId: string | null; controlId: string };

export function parseControlKey(key: string): ControlKey {
  const at = key.indexOf(':');
  return at < 0 ? { catalogId: null, controlId: key } : { catalogId: key.slice(0, at), controlId: key.slice(at + 1) };
}

/** The key of a control in the catalog at `position` (0 = the assessment's first catalog). */
export function controlKey(position: number, catalogId: string, controlId: string): string {
  return position === 0 ? controlId : `${catalogId}:${controlId}`;
}

/** What to put before a control ID of the catalog at `position` to get its key. */
export function controlKeyPrefix(position: number, catalogId: string): string {
  return position === 0 ? '' : `${catalogId}:`;
}
