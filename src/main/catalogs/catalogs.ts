import type { CatalogDocument } from '../../core/catalog/format';
import { compareVersions } from '../../core/catalog/versions';
import { AppError } from '../../shared/api/errors';
import type { CatalogSummary } from '../../shared/api/types';
import type { ServiceContext } from '../context';
import { stmt } from '../db/statements';
import { catalogProfileViews } from './catalog-profiles';

type Row = { id: number; catalog_id: string; version: string; document: string; origin: 'shipped' | 'imported'; nodes: number; assessable: number };
export type CatalogMeta = Omit<CatalogDocument, 'items'>;

const toSummary = (ctx: ServiceContext, r: Row): CatalogSummary => {
  const d = JSON.parse(r.document) as CatalogMeta;
  return {
    ref: r.id, catalogId: r.catalog_id, version: r.version, title: d.title, shortTitle: d.short_title ?? null, publisher: d.publisher,
    published: d.published, sourceUrl: d.source_url ?? null, licenceNote: d.licence_note, textKind: d.text_kind,
    description: d.description ?? null, unverified: d.unverified ?? [], origin: r.origin, nodeCount: r.nodes, assessableCount: r.assessable,
    profiles: catalogProfileViews(ctx, r.id, d),
  };
};

const SELECT = `SELECT c.id, c.catalog_id, c.version, c.document, c.origin,
  (SELECT count(*) FROM controls k WHERE k.catalog_row = c.id AND k.withdrawn = 0) AS nodes,
  (SELECT count(*) FROM controls k WHERE k.catalog_row = c.id AND k.withdrawn = 0 AND k.assessable = 1) AS assessable
  FROM catalogs c`;

export function listCatalogs(ctx: ServiceContext): CatalogSummary[] {
  return (ctx.db.prepare(`${SELECT} ORDER BY c.catalog_id, c.version`).all() as Row[]).map((r) => toSummary(ctx, r));
}

/** A catalog's document, parsed once per content (a save reads it for the scale and rules); callers must not change it. */
const metaCache = new WeakMap<ServiceContext['db'], Map<number, { hash: string; meta: CatalogMeta }>>();

export function catalogMeta(ctx: ServiceContext, ref: number): CatalogMeta {
  let byDb = metaCache.get(ctx.db);
  if (!byDb) metaCache.set(ctx.db, (byDb = new Map()));
  const h = stmt(ctx.db, 'SELECT content_hash FROM catalogs WHERE id = ?').get(ref) as { content_hash: string } | undefined;
  if (!h) throw new AppError('not_found', 'catalogNotFound', { catalog: String(ref) });
  const known = byDb.get(ref);
  if (known?.hash === h.content_hash) return known.meta;
  const r = stmt(ctx.db, 'SELECT document FROM catalogs WHERE id = ?').get(ref) as { document: string };
  const meta = Object.freeze(JSON.parse(r.document) as CatalogMeta);
  byDb.set(ref, { hash: h.content_hash, meta });
  return meta;
}

/**
 * Resolves what a user typed (`pci-dss`, `pci-dss@4.0.1`) or what the UI sent (a row number) to one catalog row.
 * Without a version, the newest loaded version is meant.
 */
export function resolveCatalogRef(ctx: ServiceContext, ref: number | string): number {
  if (typeof ref === 'number') {
    if (!ctx.db.prepare('SELECT 1 FROM catalogs WHERE id = ?').get(ref)) throw new AppError('not_found', 'catalogNotFound', { catalog: String(ref) });
    return ref;
  }
  const [id, version] = ref.split('@') as [string, string | undefined];
  const rows = ctx.db.prepare('SELECT id, version FROM catalogs WHERE catalog_id = ?').all(id) as { id: number; version: string }[];
  const pick = version ? rows.find((r) => r.version === version) : rows.sort((a, b) => compareVersions(b.version, a.version))[0];
  if (!pick) throw new AppError('not_found', 'catalogNotFound', { catalog: ref });
  return pick.id;
}

