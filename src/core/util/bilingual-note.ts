const JAPANESE = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]/;

/**
 * A catalog note in one language (the report's, or the UI's). Catalogs often write a note as "日本語 / English" in one string: when the
 * note splits at a " / " into a half with Japanese characters and a half with none (the first such split, so a " / "
 * inside the English half stays), that language's half is kept; any other note is kept as it is. The report and the UI use this same rule.
 */
export function noteInLanguage(note: string, lang: 'ja' | 'en'): string {
  for (let at = note.indexOf(' / '); at >= 0; at = note.indexOf(' / ', at + 1)) {
    const ja = note.slice(0, at).trim();
    const en = note.slice(at + 3).trim();
    if (ja && en && JAPANESE.test(ja) && !JAPANESE.test(en) && /[A-Za-z]/.test(en)) return lang === 'ja' ? ja : en;
  }
  return note;
}
