import type { CatalogDocument, CatalogNodeInput } from '../../core/catalog/format';
import { AppError } from '../../shared/api/errors';
import type { ServiceContext } from '../context';

type Row = { control_id: string; parent_id: string | null; assessable: number; mandatory: number; title_ja: string; title_en: string; body: string };

/**
 * Rebuilds the catalog document of a loaded version from the workspace, so any catalog (shipped or imported,
 * whatever its source format) can be exported again. Profiles stored per node are the effective ones; only
 * those that differ from the parent's are written back (where profile lists were resolved, the node's own markers).
 */
export function catalogDocumentFromDb(ctx: ServiceContext, ref: number): CatalogDocument {
  const c = ctx.db.prepare('SELECT document FROM catalogs WHERE id = ?').get(ref) as { document: string } | undefined;
  if (!c) throw new AppError('not_found', 'catalogNotFound', { catalog: String(ref) });
  const meta = JSON.parse(c.document) as Omit<CatalogDocument, 'items'>;
  const rows = ctx.db.prepare('SELECT control_id, parent_id, assessable, mandatory, title_ja, title_en, body FROM controls WHERE catalog_row = ? AND withdrawn = 0 ORDER BY position').all(ref) as Row[];
  const nodes = new Map<string, CatalogNodeInput & { _profiles: string[] }>();
  const roots: CatalogNodeInput[] = [];
  const hasChildren = new Set(rows.map((r) => r.parent_id).filter((p): p is string => p !== null));
  for (const r of rows) {
    const body = JSON.parse(r.body) as Omit<CatalogNodeInput, 'id' | 'title' | 'items'> & { profiles?: string[]; markers?: string[] | null };
    const { profiles = [], markers, ...rest } = body;
    const node: CatalogNodeInput & { _profiles: string[] } = { id: r.control_id, title: { ja: r.title_ja, en: r.title_en }, ...rest, _profiles: profiles };
    const leaf = !hasChildren.has(r.control_id);
    if ((r.assessable === 1) !== leaf) node.assessable = r.assessable === 1;
    if (r.mandatory !== 1) node.mandatory = false;
    const parent = r.parent_id ? nodes.get(r.parent_id) : undefined;
    const inherited = parent?._profiles ?? [];
    // Where explicit profile lists were resolved, the node's own markers were kept as written.
    if (markers !== undefined) {
      if (markers) node.profiles = markers;
    } else if (profiles.length && profiles.join('\u0000') !== inherited.join('\u0000')) node.profiles = profiles;
    nodes.set(r.control_id, node);
    if (parent) (parent.items ??= []).push(node);
    else roots.push(node);
  }
  for (const n of nodes.values()) delete (n as { _profiles?: string[] })._profiles;
  return { ...meta, items: roots };
}
