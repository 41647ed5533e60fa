import { searchSnippet } from '../../core/catalog/search-snippet';
import { searchTerms } from '../../core/catalog/search-text';
import type { CatalogSearchHit } from '../../shared/api/types';
import type { ServiceContext } from '../context';
import { stmt } from '../db/statements';

const quote = (term: string) => `"${term.replaceAll('"', '""')}"`;

type Row = { id: number; catalog_row: number; catalog_id: string; version: string; cat_ja: string; cat_en: string; control_id: string; title_ja: string; title_en: string; assessable: number; ja: string; en: string };

/**
 * Searches the ja and en text of every catalog. With a term of three or more characters, the FTS5 trigram index
 * leads (`controls_fts`: columns `head`, the printed ID and titles, and `body`, the texts; migration 0100): each
 * such term is a phrase of it, and shorter terms filter its hits by their texts. With only shorter terms (鍵, 暗号),
 * the character index leads (`controls_fts_chars`, migration 0110): the rows holding every character of them, and a
 * two-character term is then checked in the row's indexed texts (where its characters stand apart it is no hit).
 * Hits are ranked: the control whose printed ID is the query first; then those with every term in the ID or a title
 * — by BM25 for longer terms, the shortest ID and titles first for short ones (BM25 of one or two characters would
 * say little more, at many times the cost); then the others in catalog order. Only the rows shown are read from the
 * controls. `offset` skips that many hits of the same order (the next page of the search screen).
 */
export function searchCatalogs(ctx: ServiceContext, query: string, limit = 100, offset = 0): CatalogSearchHit[] {
  // The ranking is built up to the end of the asked page; only the page's rows are read and given snippets.
  const upTo = offset + limit;
  const { long, short } = searchTerms(query);
  if (!long.length && !short.length) return [];
  const ids = (sql: string, ...params: (string | number)[]) => stmt(ctx.db, sql).pluck().all(...params) as number[];
  let titled: number[];
  let rest: (room: number) => number[];
  if (long.length) {
    const match = long.map(quote).join(' AND ');
    const inHead = short.map(() => ' AND instr(head, ?) > 0').join('');
    const inEither = short.map(() => ' AND (instr(head, ?) > 0 OR instr(body, ?) > 0)').join('');
    // Ranking every hit would read every hit's column sizes: only the title hits are ranked (rowid breaks ties, so a
    // longer page starts with the shorter one).
    titled = ids(
      `SELECT rowid FROM controls_fts WHERE controls_fts MATCH ?${inHead} ORDER BY rank, rowid LIMIT ?`,
      `{head} : (${match})`,
      ...short,
      upTo,
    );
    rest = (room) =>
      ids(
        `SELECT rowid FROM controls_fts WHERE controls_fts MATCH ?${inEither} LIMIT ?`,
        match,
        ...short.flatMap((t) => [t, t]),
        room,
      );
  } else {
    const chars = [...new Set(short.flatMap((t) => [...t]))].map(quote).join(' AND ');
    const pairs = short.filter((t) => [...t].length === 2);
    // The texts as indexed, read from the trigram index's own content table (head first: a title check reads no body).
    const inHead = pairs.map(() => ' AND instr(c.c0, ?) > 0').join('');
    const inEither = pairs.map(() => ' AND (instr(c.c0, ?) > 0 OR instr(c.c1, ?) > 0)').join('');
    titled = ids(
      `SELECT c.id FROM controls_fts_content c WHERE c.id IN (SELECT rowid FROM controls_fts_chars WHERE controls_fts_chars MATCH ?)${inHead}
        ORDER BY length(c.c0), c.id LIMIT ?`,
      `{head} : (${chars})`,
      ...pairs,
      upTo,
    );
    rest = (room) =>
      ids(
        `SELECT x.rowid FROM controls_fts_chars x JOIN controls_fts_content c ON c.id = x.rowid WHERE x.controls_fts_chars MATCH ?${inEither} LIMIT ?`,
        chars,
        ...pairs.flatMap((t) => [t, t]),
        room,
      );
  }
  // Then the hits in the texts, in catalog order (the title hits again among them, hence the room).
  const ranked = [...new Set([...titled, ...(titled.length < upTo ? rest(upTo + titled.length) : [])])];
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
        concat_ws(' ', k.body ->> '$.description.ja', k.body ->> '$.guidance.ja', k.body ->> '$.provider_guidance.ja') AS ja,
        concat_ws(' ', k.body ->> '$.description.en', k.body ->> '$.guidance.en', k.body ->> '$.provider_guidance.en') AS en
      FROM controls k JOIN catalogs c ON c.id = k.catalog_row WHERE k.id IN (SELECT value FROM json_each(?)) AND k.withdrawn = 0`,
      ).all(JSON.stringify(order)) as Row[]
    ).map((r) => [r.id, r]),
  );
  return order.flatMap((id) => {
    const r = rows.get(id);
    if (!r) return [];
    return [
      {
        catalogRef: r.catalog_row, catalogId: r.catalog_id, version: r.version, catalogTitle: { ja: r.cat_ja, en: r.cat_en },
        controlId: r.control_id, title: { ja: r.title_ja, en: r.title_en }, assessable: r.assessable === 1,
        snippet: { ja: searchSnippet(r.ja, terms), en: searchSnippet(r.en, terms) },
      },
    ];
  });
}
