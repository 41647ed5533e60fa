/** Search text is compared NFKC-normalised and lower-cased (ＡＢＣ = abc, ｱ = ア), in the index and in queries alike. */
export function normalizeSearchText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** The searchable text of one control: ID, titles and texts (provider guidance included) in both languages. */
export function controlSearchText(n: {
  controlId: string;
  title: { ja: string; en: string };
  description?: { ja?: string | undefined; en?: string | undefined } | undefined;
  guidance?: { ja?: string | undefined; en?: string | undefined } | undefined;
  providerGuidance?: { ja?: string | undefined; en?: string | undefined } | undefined;
}): string {
  return normalizeSearchText(
    [
      n.controlId,
      n.title.ja,
      n.title.en,
      n.description?.ja,
      n.description?.en,
      n.guidance?.ja,
      n.guidance?.en,
      n.providerGuidance?.ja,
      n.providerGuidance?.en,
    ]
      .filter(Boolean)
      .join('\n'),
  );
}

/**
 * Splits a query into terms (at most 8): `long` ones (3+ characters) are phrases of the trigram index, `short` ones
 * are found through the character index (catalogs/search.ts).
 */
export function searchTerms(query: string): { long: string[]; short: string[] } {
  const terms = normalizeSearchText(query).split(/\s+/u).filter(Boolean).slice(0, 8);
  const long = terms.filter((t) => [...t].length >= 3);
  const short = terms.filter((t) => [...t].length < 3);
  return { long, short };
}
