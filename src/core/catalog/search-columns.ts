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
