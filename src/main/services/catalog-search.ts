import { searchTerms } from '../../core/catalog/search-text';
import type { CatalogSearchHit } from '../../shared/api/types';
import type { ServiceContext } from './context';

const quote = (term: string) => `"${term.replaceAll('"', '""')}"`;

type Row = { id: number; catalog_row: number; catalog_id: string; version: string; cat_ja: string; cat_en: string; control_id: string; title_ja: string; title_en: string; assessable: number; text: string };

/**
 * Searches the ja and en text of every catalog. Terms of three or more characters go through the FTS5 trigram
 * index; shorter ones (暗号 is two) are matched by scanning the same normalised text, which stays fast at the
 * size of all shipped catalogs together (see npm run bench).
 */
export function searchCatalogs(ctx: ServiceContext, query: string, limit = 100): CatalogSearchHit[] {
  const { long, short } = searchTerms(query);
  if (!long.length && !short.length) return [];
  const where: string[] = ['k.withdrawn = 0'];
  const params: (string | number)[] = [];
  if (long.length) {
    where.push('controls_fts MATCH ?');
    params.push(long.map(quote).join(' AND '));
  }
  for (const s of short) {
    where.push('instr(controls_fts.text, ?) > 0');
    params.push(s);
  }
  const rows = ctx.db
    .prepare(`SELECT k.id, k.catalog_row, c.catalog_id, c.version, c.title_ja AS cat_ja, c.title_en AS cat_en, k.control_id, k.title_ja, k.title_en, k.assessable, controls_fts.text
      FROM controls_fts JOIN controls k ON k.id = controls_fts.rowid JOIN catalogs c ON c.id = k.catalog_row
      WHERE ${where.join(' AND ')} ORDER BY c.catalog_id, c.version, k.position LIMIT ?`)
    .all(...params, limit) as Row[];
  const needle = [...long, ...short][0] ?? '';
  return rows.map((r) => ({
    catalogRef: r.catalog_row, catalogId: r.catalog_id, version: r.version, catalogTitle: { ja: r.cat_ja, en: r.cat_en },
    controlId: r.control_id, title: { ja: r.title_ja, en: r.title_en }, assessable: r.assessable === 1, snippet: snippet(r.text, needle),
  }));
}

function snippet(text: string, needle: string): string {
  const flat = text.replace(/\s+/g, ' ');
  const at = flat.indexOf(needle);
  if (at < 0) return flat.slice(0, 120);
  const start = Math.max(0, at - 40);
  return `${start > 0 ? '…' : ''}${flat.slice(start, at + needle.length + 60)}${at + needle.length + 60 < flat.length ? '…' : ''}`;
}
