import { normalizeSearchText } from './search-text';

type Texts = { ja?: string | undefined; en?: string | undefined } | undefined;

/** Ends every indexed column, so a one- or two-character term at the very end of a column starts a trigram too. */
export const SEARCH_COLUMN_END = '\n\n';

/**
 * The two indexed columns of a control (search index `controls_fts`, normalised as search-text.ts says): `head` is
 * its printed ID and titles, ranked well above `body`, the texts (description, guidance, provider guidance) in both
 * languages.
 */
export function controlSearchColumns(n: {
  controlId: string;
  title: { ja: string; en: string };
  description?: Texts;
  guidance?: Texts;
  providerGuidance?: Texts;
}): { head: string; body: string } {
  const join = (parts: (string | undefined)[]) =>
    normalizeSearchText(parts.filter(Boolean).join('\n')) + SEARCH_COLUMN_END;
  return {
    head: join([n.controlId, n.title.ja, n.title.en]),
    body: join([
      n.description?.ja,
      n.description?.en,
      n.guidance?.ja,
      n.guidance?.en,
      n.providerGuidance?.ja,
      n.providerGuidance?.en,
    ]),
  };
}

/** One flag per code point, cleared after each use: much faster than a Set over a catalog's worth of text. */
let seenMark: Uint8Array | undefined;

/**
 * The characters of a search column, each once, separated by spaces: the text of the character index
 * (`controls_fts_chars`), through which a one-character term is found without the trigram index. Whitespace is left
 * out; everything else, letters to symbols, is kept.
 */
export function searchCharacters(column: string): string {
  seenMark ??= new Uint8Array(0x110000);
  const mark = seenMark;
  const seen: number[] = [];
  for (let i = 0; i < column.length; i++) {
    let c = column.charCodeAt(i);
    if (c <= 0x20) continue;
    if (c >= 0xd800 && c < 0xdc00) {
      c = column.codePointAt(i) as number;
      if (c > 0xffff) i++;
    }
    if (mark[c] === 0) {
      mark[c] = 1;
      seen.push(c);
    }
  }
  let out = '';
  for (const c of seen) {
    mark[c] = 0;
    out += `${String.fromCodePoint(c)} `;
  }
  return out;
}
