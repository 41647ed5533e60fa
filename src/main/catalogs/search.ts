import { normalizeSearchText, searchTerms } from '../../core/catalog/search-text';
import type { CatalogSearchHit } from '../../shared/api/types';
import type { ServiceContext } from '../context';

const quote = (term: string) => `"${term.replaceAll('"', '""')}"`;

type Row = { id: number; catalog_row: number; catalog_id: string; version: string; cat_ja: string; cat_en: string; control_id: string; title_ja: string; title_en: string; assessable: number; body: string };
type Body = { description?: { ja?: string; en?: string }; guidance?: { ja?: string; en?: string }; provider_guidance?: { ja?: string; en?: string } };

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
    .prepare(`SELECT k.id, k.catalog_row, c.catalog_id, c.version, c.title_ja AS cat_ja, c.title_en AS cat_en, k.control_id, k.title_ja, k.title_en, k.assessable, k.body
      FROM controls_fts JOIN controls k ON k.id = controls_fts.rowid JOIN catalogs c ON c.id = k.catalog_row
      WHERE ${where.join(' AND ')} ORDER BY c.catalog_id, c.version, k.position LIMIT ?`)
    .all(...params, limit) as Row[];
  const terms = [...long, ...short];
  return rows.map((r) => {
    const body = JSON.parse(r.body) as Body;
    const text = (lang: 'ja' | 'en') => [body.description?.[lang], body.guidance?.[lang], body.provider_guidance?.[lang]].filter(Boolean).join(' ');
    return {
      catalogRef: r.catalog_row, catalogId: r.catalog_id, version: r.version, catalogTitle: { ja: r.cat_ja, en: r.cat_en },
      controlId: r.control_id, title: { ja: r.title_ja, en: r.title_en }, assessable: r.assessable === 1,
      snippet: { ja: snippet(text('ja'), terms), en: snippet(text('en'), terms) },
    };
  });
}

/** A short excerpt of the original text around the first matching term (the match itself may be in the other language or the title). */
function snippet(text: string, terms: string[]): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const norm = normalizeSearchText(flat);
  const at = terms.map((t) => norm.indexOf(t)).filter((i) => i >= 0).sort((a, b) => a - b)[0];
  if (at === undefined) return flat.length > 100 ? `${flat.slice(0, 100)}…` : flat;
  const start = Math.max(0, at - 30);
  const end = Math.min(flat.length, at + 70);
  return `${start > 0 ? '…' : ''}${flat.slice(start, end)}${end < flat.length ? '…' : ''}`;
}
