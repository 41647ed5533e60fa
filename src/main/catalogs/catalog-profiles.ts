import type { CatalogMeta } from './catalogs';
import type { CatalogProfileView } from '../../shared/api/types';
import type { ServiceContext } from '../context';

/**
 * How many assessable controls of a loaded catalog apply under each of its profiles, read from the per-node
 * applicability stored at load time (the same the assessment's progress counts): controls for every profile
 * plus those naming the profile.
 */
export function storedProfileItemCounts(ctx: ServiceContext, catalogRow: number): (profile: string) => number {
  const base = `FROM controls k WHERE k.catalog_row = ? AND k.assessable = 1 AND k.withdrawn = 0`;
  const all = (ctx.db.prepare(`SELECT count(*) AS n ${base} AND (json_extract(k.body, '$.profiles') IS NULL OR json_array_length(json_extract(k.body, '$.profiles')) = 0)`)
    .get(catalogRow) as { n: number }).n;
  const named = new Map((ctx.db.prepare(`SELECT j.value AS profile, count(*) AS n FROM controls k, json_each(k.body, '$.profiles') j
      WHERE k.catalog_row = ? AND k.assessable = 1 AND k.withdrawn = 0 GROUP BY j.value`).all(catalogRow) as { profile: string; n: number }[]).map((r) => [r.profile, r.n]));
  return (profile) => all + (named.get(profile) ?? 0);
}

export function catalogProfileViews(ctx: ServiceContext, catalogRow: number, meta: CatalogMeta): CatalogProfileView[] {
  if (!meta.profiles?.length) return [];
  const count = storedProfileItemCounts(ctx, catalogRow);
  return meta.profiles.map((p) => ({
    id: p.id, label: p.label, description: p.description ?? null, kind: p.kind ?? null, source: p.source ?? null,
    eligibility: p.eligibility ?? [], itemCount: count(p.id),
  }));
}
