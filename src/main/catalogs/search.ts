import { normalizeSearchText, searchTerms } from '../../core/catalog/search-text';
import type { CatalogSearchHit } from '../../shared/api/types';
import type { ServiceContext } from '../context';
import { stmt } from '../db/statements';

const quote = (term: string) => `"${term.replaceAll('"', '""')}"`;

type Row = { id: number; catalog_row: number; catalog_id: string; version: string; cat_ja: string; cat_en: string; control_id: string; title_ja: string; title_en: string; assessable: number; body: string };
type Body = { description?: { ja?: string; en?: string }; guidance?: { ja?: string; en?: string }; provider_guidance?: { ja?: string; en?: string } };

/** Above this many index terms a one-character term is matched by scanning instead (a common letter starts thousands). */
const MAX_SHORT_TERMS = 400;

/**
 * The index terms (trigrams) that begin with a one- or two-character term: every place the term occurs starts one of
 * them, because every indexed text ends in two newlines (loader.ts). null when there are too many to ask for.
 */
function trigramsStarting(ctx: ServiceContext, term: string): string[] | null {
  const rows = stmt(ctx.db, 'SELECT term FROM controls_fts_terms WHERE term >= ? AND term < ? LIMIT ?').all(
    term,
    `${term}\u{10FFFF}`,
    MAX_SHORT_TERMS + 1,
  ) as { term: string }[];
  return rows.length > MAX_SHORT_TERMS ? null : rows.map((r) => r.term);
}

/**
 * Searches the ja and en text of every catalog through the FTS5 trigram index. A term of three or more characters is
 * a phrase of the index; a shorter one (暗号 is two) is the index terms that start with it, read from the index's own
 * term list, so it is found without scanning the texts; only a single common character falls back to a scan.
 * Hits are ranked: the control whose ID is the query first, then those with a term in their title, then by BM25
 * relevance, then in catalog order.
 */
export function searchCatalogs(ctx: ServiceContext, query: string, limit = 100): CatalogSearchHit[] {
  const { long, short } = searchTerms(query);
  if (!long.length && !short.length) return [];
  const groups = long.map(quote);
  const scanned: string[] = [];
  for (const s of short) {
    const trigrams = trigramsStarting(ctx, s);
    if (trigrams === null) scanned.push(s);
    else if (trigrams.length === 0) return [];
    else groups.push(`(${trigrams.map(quote).join(' OR ')})`);
  }
  const where: string[] = ['k.withdrawn = 0'];
  const params: (string | number)[] = [];
  if (groups.length) {
    where.push('controls_fts MATCH ?');
    params.push(groups.join(' AND '));
  }
  for (const s of scanned) {
    where.push('instr(controls_fts.text, ?) > 0');
    params.push(s);
  }
  const terms = [...long, ...short];
  const first = terms[0] as string;
  const rows = ctx.db
    .prepare(`SELECT k.id, k.catalog_row, c.catalog_id, c.version, c.title_ja AS cat_ja, c.title_en AS cat_en, k.control_id, k.title_ja, k.title_en, k.assessable, k.body
      FROM controls_fts JOIN controls k ON k.id = controls_fts.rowid JOIN catalogs c ON c.id = k.catalog_row
      WHERE ${where.join(' AND ')}
      ORDER BY lower(k.control_id) = ? DESC, instr(lower(k.title_ja || ' ' || k.title_en), ?) > 0 DESC,
        ${groups.length ? 'controls_fts.rank,' : ''} c.catalog_id, c.version, k.position LIMIT ?`)
    .all(...params, normalizeSearchText(query.trim()), first, limit) as Row[];
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
