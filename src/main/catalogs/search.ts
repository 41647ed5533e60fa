import { normalizeSearchText, searchTerms } from '../../core/catalog/search-text';
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
        snippet: { ja: snippet(r.ja, terms), en: snippet(r.en, terms) },
      },
    ];
  });
}

const COMPAT_FORMS = /[\u00a0\u00b2-\u00be\u2070-\u218f\u2460-\u24ff\u3000\u3200-\u33ff\ufb00-\ufb06\ufe30-\ufe6f\uff01-\uffef]/u;

/**
 * A short excerpt of the original text around the first matching term (the match itself may be in the other
 * language or the title; then the text's start), whitespace collapsed, "…" where text was left out. Only the
 * characters shown are worked on: a hit costs little however long its text.
 */
function snippet(text: string, terms: string[]): string {
  const find = (norm: string) => {
    let first: number | undefined;
    for (const t of terms) {
      const i = norm.indexOf(t);
      if (i >= 0 && (first === undefined || i < first)) first = i;
    }
    return first;
  };
  // Terms without letters of two cases (暗号) are found in the text as it is, others in the text lower-cased; the
  // full normalisation only for a text with forms it changes (full-width, half-width, circled or squared
  // characters), as it costs more than everything else a hit needs.
  let at = find(terms.some((t) => t !== t.toUpperCase()) ? text.toLowerCase() : text);
  if (at === undefined && COMPAT_FORMS.test(text)) at = find(normalizeSearchText(text));
  if (at === undefined) {
    const start = forward(text, 0, 100);
    return start.more ? `${start.s}…` : start.s;
  }
  const before = backward(text, at, 30);
  const after = forward(text, at, 70);
  return `${before.more ? '…' : ''}${before.s}${after.s}${after.more ? '…' : ''}`;
}

const isSpace = (c: number) =>
  c <= 0x20 || c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 ||
  c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;

const spaceAt = (text: string, i: number) => isSpace(text.charCodeAt(i));
/** A cut at `i` would split a surrogate pair. */
const splitsPair = (text: string, i: number) => {
  const c = text.charCodeAt(i);
  return c >= 0xdc00 && c < 0xe000;
};

/**
 * Up to `n` characters of `text` from `start` on, each run of whitespace as one space, none at either end; `more`:
 * something was left out. Word by word: only the characters shown are looked at (a regular expression over a window
 * cost more than the rest of a hit).
 */
function forward(text: string, start: number, n: number): { s: string; more: boolean } {
  let s = '';
  let i = start;
  while (i < text.length && spaceAt(text, i)) i++;
  while (i < text.length) {
    let j = i;
    while (j < text.length && !spaceAt(text, j)) j++;
    const room = n - s.length;
    if (j - i > room) {
      let cut = i + room;
      if (cut > i && splitsPair(text, cut)) cut--;
      return { s: (s + text.slice(i, cut)).trimEnd(), more: true };
    }
    s += text.slice(i, j);
    while (j < text.length && spaceAt(text, j)) j++;
    if (j >= text.length) return { s, more: false };
    if (s.length >= n) return { s, more: true };
    s += ' ';
    i = j;
  }
  return { s, more: false };
}

/** The same back from just before `end`; a space just before `end` is kept (it parts the match from the word before). */
function backward(text: string, end: number, n: number): { s: string; more: boolean } {
  let s = '';
  let j = end;
  while (j > 0) {
    if (spaceAt(text, j - 1)) {
      while (j > 0 && spaceAt(text, j - 1)) j--;
      if (j === 0) return { s, more: false };
      if (s.length >= n) return { s, more: true };
      s = ` ${s}`;
      continue;
    }
    let i = j;
    while (i > 0 && !spaceAt(text, i - 1)) i--;
    const room = n - s.length;
    if (j - i > room) {
      let cut = j - room;
      if (cut < j && splitsPair(text, cut)) cut++;
      return { s: text.slice(cut, j) + s, more: true };
    }
    s = text.slice(i, j) + s;
    j = i;
  }
  return { s, more: false };
}
