import { normalizeSearchText } from './search-text';

const COMPAT_FORMS =
  /[\u00a0\u00b2-\u00be\u2070-\u218f\u2460-\u24ff\u3000\u3200-\u33ff\ufb00-\ufb06\ufe30-\ufe6f\uff01-\uffef]/u;

/**
 * A short excerpt of the original text around the first matching term (the match itself may be in the other
 * language or the title; then the text's start), whitespace collapsed, "…" where text was left out. Only the
 * characters shown are worked on: a hit costs little however long its text.
 */
export function searchSnippet(text: string, terms: string[]): string {
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
  c <= 0x20 ||
  c === 0x85 ||
  c === 0xa0 ||
  c === 0x1680 ||
  (c >= 0x2000 && c <= 0x200a) ||
  c === 0x2028 ||
  c === 0x2029 ||
  c === 0x202f ||
  c === 0x205f ||
  c === 0x3000 ||
  c === 0xfeff;

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
