import { normalizeSearchText, searchTerms } from '../../core/catalog/search-text';
import type { CatalogSearchHit } from '../../shared/api/types';
import type { ServiceContext } from '../context';
import { stmt } from '../db/statements';

const quote = (term: string) => `"${term.replaceAll('"', '""')}"`;

type Row = { id: number; catalog_row: number; catalog_id: string; version: string; cat_ja: string; cat_en: string; control_id: string; title_ja: string; title_en: string; assessable: number; d: string | null; g: string | null; p: string | null };
type Texts = { ja?: string; en?: string };

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
 * Searches the ja and en text of every catalog through the FTS5 trigram index (columns `head`, the printed ID and
 * titles, and `body`, the texts; migration 0100). A term of three or more characters is a phrase of the index; a
 * shorter one (暗号 is two) is the index terms that start with it, read from the index's own term list, so it is
 * found without scanning the texts; only a single common character falls back to a scan. Hits are ranked: the
 * control whose printed ID is the query first, then those with the terms in the ID or a title (by BM25), then the
 * others in catalog order. The index alone orders the hits; only the rows shown are read from the controls.
 * `offset` skips that many hits of the same order (the next page of the search screen).
 */
export function searchCatalogs(ctx: ServiceContext, query: string, limit = 100, offset = 0): CatalogSearchHit[] {
  // The ranking is built up to the end of the asked page; only the page's rows are read and given snippets.
  const upTo = offset + limit;
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
  const scan = scanned.map(() => ' AND (instr(head, ?) > 0 OR instr(body, ?) > 0)').join('');
  const scanParams = scanned.flatMap((s) => [s, s]);
  const ids = (sql: string, ...params: (string | number)[]) =>
    (stmt(ctx.db, sql).all(...params) as { id: number }[]).map((r) => r.id);
  let ranked: number[];
  if (groups.length) {
    const match = groups.join(' AND ');
    // Hits in the ID or a title first, ranked by BM25 among themselves (a small set: ranking every hit would read
    // every hit's column sizes; rowid breaks ties, so a longer page starts with the shorter one); then the hits in
    // the texts, in catalog order.
    const titled = ids(
      `SELECT rowid AS id FROM controls_fts WHERE controls_fts MATCH ?${scan} ORDER BY rank, rowid LIMIT ?`,
      `{head} : (${match})`,
      ...scanParams,
      upTo,
    );
    const rest =
      titled.length < upTo
        ? ids(
            `SELECT rowid AS id FROM controls_fts WHERE controls_fts MATCH ?${scan} LIMIT ?`,
            match,
            ...scanParams,
            upTo + titled.length,
          )
        : [];
    ranked = [...new Set([...titled, ...rest])];
  } else
    ranked = ids(
      `SELECT rowid AS id FROM controls_fts WHERE 1${scan} ORDER BY rowid LIMIT ?`,
      ...scanParams,
      upTo,
    );
  const terms = [...long, ...short];
  // The control whose printed ID is the whole query (9.4.2, AC-2) comes first, in whichever catalog has it.
  const asTyped = query.trim();
  const exact =
    terms.length === 1
      ? (
          stmt(
            ctx.db,
            'SELECT id FROM controls WHERE catalog_row IN (SELECT id FROM catalogs) AND control_id IN (?, ?, ?) AND withdrawn = 0 ORDER BY catalog_row',
          ).all(asTyped, asTyped.normalize('NFKC'), asTyped.normalize('NFKC').toUpperCase()) as { id: number }[]
        ).map((r) => r.id)
      : [];
  const order = [...new Set([...exact, ...ranked])].slice(offset, upTo);
  if (!order.length) return [];
  const rows = new Map(
    (
      stmt(
        ctx.db,
        `SELECT k.id, k.catalog_row, c.catalog_id, c.version, c.title_ja AS cat_ja, c.title_en AS cat_en, k.control_id, k.title_ja, k.title_en, k.assessable,
        json_extract(k.body, '$.description') AS d, json_extract(k.body, '$.guidance') AS g, json_extract(k.body, '$.provider_guidance') AS p
      FROM controls k JOIN catalogs c ON c.id = k.catalog_row WHERE k.id IN (SELECT value FROM json_each(?)) AND k.withdrawn = 0`,
      ).all(JSON.stringify(order)) as Row[]
    ).map((r) => [r.id, r]),
  );
  return order.flatMap((id) => {
    const r = rows.get(id);
    if (!r) return [];
    const texts = [r.d, r.g, r.p].map((x) => (x === null ? undefined : (JSON.parse(x) as Texts)));
    const text = (lang: 'ja' | 'en') =>
      texts
        .map((t) => t?.[lang])
        .filter(Boolean)
        .join(' ');
    return [
      {
        catalogRef: r.catalog_row, catalogId: r.catalog_id, version: r.version, catalogTitle: { ja: r.cat_ja, en: r.cat_en },
        controlId: r.control_id, title: { ja: r.title_ja, en: r.title_en }, assessable: r.assessable === 1,
        snippet: { ja: snippet(text('ja'), terms), en: snippet(text('en'), terms) },
      },
    ];
  });
}

const COMPAT_FORMS = /[\u00a0\u00b2-\u00be\u2070-\u218f\u2460-\u24ff\u3000\u3200-\u33ff\ufb00-\ufb06\ufe30-\ufe6f\uff01-\uffef]/u;

/**
 * A short excerpt of the original text around the first matching term (the match itself may be in the other
 * language or the title), whitespace collapsed. Only a window around the match is worked on: a hit costs little
 * however long its text.
 */
function snippet(text: string, terms: string[]): string {
  const find = (norm: string) => terms.map((t) => norm.indexOf(t)).filter((i) => i >= 0).sort((a, b) => a - b)[0];
  // Lower-casing finds most terms; the full normalisation only for a text with forms it changes (full-width,
  // half-width, circled or squared characters), as it costs more than everything else a hit needs.
  let at = find(text.toLowerCase());
  if (at === undefined && COMPAT_FORMS.test(text)) at = find(normalizeSearchText(text));
  const collapse = (s: string) => s.replace(/\s+/g, ' ');
  if (at === undefined) {
    const flat = collapse(text.slice(0, 400)).trim();
    return flat.length > 100 || text.length > 400 ? `${flat.slice(0, 100)}…` : flat;
  }
  const from = Math.max(0, at - 120);
  const head = collapse(text.slice(from, at)).trimStart();
  const tail = collapse(text.slice(at, at + 240)).trimEnd();
  const before = head.slice(Math.max(0, head.length - 30));
  const after = tail.slice(0, 70);
  const cutBefore = from > 0 || before.length < head.length;
  const cutAfter = at + 240 < text.length ? true : after.length < tail.length;
  return `${cutBefore ? '…' : ''}${before}${after}${cutAfter ? '…' : ''}`;
}
