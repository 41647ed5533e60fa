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

/** The catalog and control a key names; a bare key is a control of the first catalog, `firstCatalogId`. */
export function splitControlKey(key: string, firstCatalogId: string): { catalogId: string; controlId: string } {
  const k = parseControlKey(key);
  return { catalogId: k.catalogId ?? firstCatalogId, controlId: k.controlId };
}

/** Between keys and the control IDs of one catalog of an assessment, from that catalog's key prefix. */
export function controlKeys(prefix: string) {
  return {
    keyOf: (controlId: string) => prefix + controlId,
    /** The control ID in this catalog for a key, or null when the key names a control of another catalog. */
    idOf: (key: string): string | null => {
      if (prefix === '') return key.includes(':') ? null : key;
      return key.startsWith(prefix) ? key.slice(prefix.length) : null;
    },
  };
}
