// The copied-text guard's shared rules: how a text is normalised, cut into shingles and fingerprinted.
// Used by build-fingerprints.ts (official texts → fingerprint file, run outside the repository's data) and by
// test/catalogs/own-words.test.ts and check.ts (shipped catalogs → hits). Both sides must cut text the same way,
// so the rules live here once.
import { createHash } from 'node:crypto';

/** A run of this many consecutive English words shared with an official text is a hit. */
export const EN_WORDS = 8;
/** A run of this many consecutive Japanese characters (NFKC, whitespace removed) shared with an official text is a hit. */
export const JA_CHARS = 20;
/** Hex digits kept of each SHA-256 (48 bits: a chance collision over the whole check is about 1 in 10 000). */
export const HASH_HEX = 12;

export const FINGERPRINT_FORMAT = 'tenken-own-words-fingerprints/1';

export type Word = { w: string; start: number; end: number };

/** English words: NFKC, lowercased, any run of letters or digits; punctuation and symbols separate words. */
export function englishWords(text: string): Word[] {
  const norm = text.normalize('NFKC').toLowerCase();
  const out: Word[] = [];
  for (const m of norm.matchAll(/[\p{L}\p{N}]+/gu)) out.push({ w: m[0], start: m.index, end: m.index + m[0].length });
  return out;
}

/** Japanese text for character shingles: NFKC with all whitespace removed. */
export function japaneseChars(text: string): string[] {
  return Array.from(text.normalize('NFKC').replace(/\s+/gu, ''));
}

/** A title as compared with an official heading: words only, parenthesised asides (acronyms) and a leading
 *  number or "Requirement 1:"-style label dropped. */
export function headingKeyEn(title: string): string {
  const t = title
    .normalize('NFKC')
    .replace(/\([^)]*\)/g, ' ')
    .replace(/^\s*(requirement|goal|appendix)\s+[A-Z]?\d+(\.\d+)*\s*[:：.-]?\s*/i, '')
    .replace(/^\s*[A-Z]?\d+(\.\d+)*\.?\s+/, '');
  return englishWords(t)
    .map((x) => x.w)
    .join(' ');
}

export function headingKeyJa(title: string): string {
  const t = title
    .normalize('NFKC')
    .replace(/\([^)]*\)/g, '')
    .replace(/^\s*(要件|目標|付録)\s*[A-Z]?\d+(\.\d+)*\s*[:.]?\s*/, '')
    .replace(/^\s*[A-Z]?\d+(\.\d+)*\.?\s+/, '');
  return japaneseChars(t)
    .filter((c) => !/[\p{P}\p{S}]/u.test(c))
    .join('');
}

export const fingerprint = (kind: 'w' | 'c' | 'tw' | 'tc', key: string): string =>
  createHash('sha256').update(`${kind}|${key}`).digest('hex').slice(0, HASH_HEX);

/** Fingerprints of every English word shingle of a text, by start word index. */
export function wordShingles(words: readonly Word[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + EN_WORDS <= words.length; i++)
    out.push(
      fingerprint(
        'w',
        words
          .slice(i, i + EN_WORDS)
          .map((x) => x.w)
          .join(' '),
      ),
    );
  return out;
}

export function charShingles(chars: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + JA_CHARS <= chars.length; i++) out.push(fingerprint('c', chars.slice(i, i + JA_CHARS).join('')));
  return out;
}

/** Does the text contain Japanese (kana or kanji)? Official Japanese texts are cut into character shingles. */
export const hasJapanese = (text: string): boolean =>
  /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u.test(text);

/** Fingerprints for one official text unit (a statement or a heading): its shingles and its heading key. */
export function officialFingerprints(text: string): string[] {
  const out: string[] = [];
  if (hasJapanese(text)) {
    out.push(...charShingles(japaneseChars(text)));
    const k = headingKeyJa(text);
    if (k) out.push(fingerprint('tc', k));
  } else {
    out.push(...wordShingles(englishWords(text)));
    const k = headingKeyEn(text);
    if (k) out.push(fingerprint('tw', k));
  }
  return out;
}

/** The fingerprint file: a header, then the sorted hashes run together, wrapped at 120 characters. */
export function formatFingerprintFile(hashes: Iterable<string>, header: readonly string[]): string {
  const sorted = [...new Set(hashes)].sort();
  const body = sorted.join('');
  const lines: string[] = [];
  for (let i = 0; i < body.length; i += 120) lines.push(body.slice(i, i + 120));
  return [
    `# ${FINGERPRINT_FORMAT} en-words=${EN_WORDS} ja-chars=${JA_CHARS} hash=sha256/${HASH_HEX}hex count=${sorted.length}`,
    ...header.map((h) => `# ${h}`),
    ...lines,
    '',
  ].join('\n');
}

export function parseFingerprintFile(text: string): Set<string> {
  const lines = text.split('\n');
  const head = lines[0] ?? '';
  const want = `# ${FINGERPRINT_FORMAT} en-words=${EN_WORDS} ja-chars=${JA_CHARS} hash=sha256/${HASH_HEX}hex`;
  if (!head.startsWith(want))
    throw new Error(`fingerprint file header is "${head}", expected it to start with "${want}"; rebuild it`);
  const body = lines.filter((l) => l && !l.startsWith('#')).join('');
  if (body.length % HASH_HEX !== 0 || !/^[0-9a-f]*$/.test(body)) throw new Error('fingerprint file body is damaged');
  const out = new Set<string>();
  for (let i = 0; i < body.length; i += HASH_HEX) out.add(body.slice(i, i + HASH_HEX));
  return out;
}
