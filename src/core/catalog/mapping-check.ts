import type { CatalogDiagnostic } from './diagnostics';
import type { CatalogDocument } from './format';
import type { MappingDocument } from './mapping-format';
import { walkNodes } from './semantic';

/** Every link of a mapping must name controls that exist in the exact catalog versions it joins. */
export function checkMappingEndpoints(
  mapping: MappingDocument,
  catalogs: readonly CatalogDocument[],
): CatalogDiagnostic[] {
  const find = (ref: { catalog: string; version: string }) =>
    catalogs.find((c) => c.id === ref.catalog && c.version === ref.version);
  const ids = (c: CatalogDocument | undefined) => {
    const s = new Set<string>();
    if (c) walkNodes(c.items, (n) => s.add(n.id));
    return s;
  };
  const out: CatalogDiagnostic[] = [];
  for (const end of ['source', 'target'] as const) {
    if (!find(mapping[end]))
      out.push({
        severity: 'error',
        key: 'mappingCatalogMissing',
        params: { catalog: `${mapping[end].catalog}@${mapping[end].version}` },
        path: end,
      });
  }
  if (out.length) return out;
  const src = ids(find(mapping.source));
  const tgt = ids(find(mapping.target));
  mapping.links.forEach((l, i) => {
    if (!src.has(l.source))
      out.push({
        severity: 'error',
        key: 'mappingEndpointMissing',
        params: { id: l.source },
        path: `links[${i}].source`,
      });
    if (!tgt.has(l.target))
      out.push({
        severity: 'error',
        key: 'mappingEndpointMissing',
        params: { id: l.target },
        path: `links[${i}].target`,
      });
  });
  return out;
}
