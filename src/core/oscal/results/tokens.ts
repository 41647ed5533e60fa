// ---------------------------------------------------------------------------------------------------------------
// Control ids as OSCAL tokens

/**
 * The OSCAL `control-id` for one of our controls: `<catalog id>-<control id>`, each escaped so the result is a token
 * (letters, digits, `.`, `-`, `_`; first a letter or `_`). Letters, digits, `.` and `-` stay as they are; `_` is
 * written `__`; any other character (e.g. `(` in `AC-2(1)`) is written `_<hex code point>_`, and so is the catalog
 * id's first character when it is not a letter. So `pci-dss` + `1.2.1` → `pci-dss-1.2.1`, `nist` + `AC-2(1)` →
 * `nist-AC-2_28_1_29_`. Reversible with `controlIdFromOscalToken` given the catalog id, and injective: two different
 * controls never share a token (a plain "replace by `_`" would merge `AC-2(1)` and `AC-2_1_`).
 */
export function oscalControlToken(catalogId: string, controlId: string): string {
  if (catalogId === '') throw new Error('oscalControlToken: empty catalog id');
  return `${escapeToken(catalogId, true)}-${escapeToken(controlId, false)}`;
}

/** The control id `oscalControlToken(catalogId, …)` was made from, or null when the token is not one of its outputs. */
export function controlIdFromOscalToken(catalogId: string, token: string): string | null {
  if (catalogId === '') return null;
  const prefix = `${escapeToken(catalogId, true)}-`;
  return token.startsWith(prefix) ? unescapeToken(token.slice(prefix.length)) : null;
}

export function escapeToken(text: string, atStart: boolean): string {
  let out = '';
  let first = atStart;
  for (const ch of text) {
    const kept = first ? /^\p{L}$/u.test(ch) : /^[\p{L}\p{N}.-]$/u.test(ch);
    out += ch === '_' ? '__' : kept ? ch : `_${(ch.codePointAt(0) as number).toString(16)}_`;
    first = false;
  }
  return out;
}

export function unescapeToken(text: string): string | null {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch !== '_') {
      out += ch;
      i += 1;
    } else if (text[i + 1] === '_') {
      out += '_';
      i += 2;
    } else {
      const end = text.indexOf('_', i + 1);
      const hex = end < 0 ? '' : text.slice(i + 1, end);
      if (!/^[0-9a-f]{1,6}$/.test(hex) || parseInt(hex, 16) > 0x10ffff) return null;
      out += String.fromCodePoint(parseInt(hex, 16));
      i = end + 1;
    }
  }
  return out;
}

/**
 * Finding target: the control's statement part, named as NIST names statement parts (`<control id>_smt`). `_s` never
 * occurs in an escaped token (s is not a hex digit), so the suffix cannot be mistaken for part of the control id.
 */
export function statementToken(catalogId: string, controlId: string): string {
  return `${oscalControlToken(catalogId, controlId)}_smt`;
}
