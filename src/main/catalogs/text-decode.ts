import { isUtf8 } from 'node:buffer';
import type { CatalogDiagnostic } from '../../core/catalog/diagnostics';
import type { TextEncodingName, TextEncodingView } from '../../shared/api/types';

/**
 * Decoding a text catalog file (CSV/TSV, YAML, JSON) from its bytes, with the platform's WHATWG TextDecoder
 * (Node has full ICU; `shift_jis` there is Windows-31J/cp932: NEC and IBM extensions such as ①, 髙, 﨑 included).
 *
 * Detection, unless the user chose an encoding:
 * 1. a BOM: UTF-8 (EF BB BF), UTF-16LE (FF FE), UTF-16BE (FE FF);
 * 2. UTF-16 without a BOM when the zero bytes clearly sit on one side of each pair (ASCII text in UTF-16);
 * 3. valid UTF-8;
 * 4. valid Shift_JIS (cp932), what Japanese Excel saves as "CSV (comma delimited)";
 * 5. otherwise refused, naming the first byte that is neither.
 * Decoded text with NUL or other control characters (a binary file, a wrong choice) is refused with its position.
 * Never throws.
 */

export type Decoded =
  | { ok: true; text: string; encoding: TextEncodingView; warnings: CatalogDiagnostic[] }
  | { ok: false; errors: CatalogDiagnostic[]; encoding: TextEncodingView | null; warnings?: CatalogDiagnostic[] };

const LABEL: Record<TextEncodingName, string> = { 'utf-8': 'UTF-8', 'utf-16le': 'UTF-16LE', 'utf-16be': 'UTF-16BE', shift_jis: 'Shift_JIS' };

function bomOf(b: Uint8Array): { name: TextEncodingName; length: number } | null {
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { name: 'utf-8', length: 3 };
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return { name: 'utf-16le', length: 2 };
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return { name: 'utf-16be', length: 2 };
  return null;
}

/** UTF-16 without a BOM: in the first 4 KB, zero bytes on one side of most pairs and almost never on the other. */
function utf16Pattern(b: Uint8Array): TextEncodingName | null {
  const n = Math.min(b.length, 4096) & ~1;
  if (n < 8) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) even++;
    if (b[i + 1] === 0) odd++;
  }
  const pairs = n / 2;
  if (odd > pairs * 0.4 && even < pairs * 0.02) return 'utf-16le';
  if (even > pairs * 0.4 && odd < pairs * 0.02) return 'utf-16be';
  return null;
}

/** The byte offset of the first sequence the encoding cannot decode, or -1 when all of it decodes. */
export function firstInvalidByte(bytes: Uint8Array, encoding: TextEncodingName): number {
  if (encoding === 'utf-8' && isUtf8(bytes)) return -1;
  const CHUNK = 1 << 16;
  let d = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
  let bad = -1;
  for (let at = 0; at < bytes.length; at += CHUNK) {
    try {
      d.decode(bytes.subarray(at, at + CHUNK), { stream: true });
    } catch {
      bad = at;
      break;
    }
  }
  if (bad < 0) {
    try {
      d.decode();
      return -1;
    } catch {
      // Ends in the middle of a character.
      return Math.max(0, bytes.length - 1);
    }
  }
  // Narrow down inside the failing chunk: decode up to it, then byte by byte.
  d = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
  if (bad > 0) d.decode(bytes.subarray(0, bad), { stream: true });
  const end = Math.min(bytes.length, bad + CHUNK);
  let charStart = bad;
  for (let i = bad; i < end; i++) {
    try {
      if (d.decode(bytes.subarray(i, i + 1), { stream: true }) !== '') charStart = i + 1;
    } catch {
      return charStart;
    }
  }
  return bad;
}

/** Line and column (1-based, in characters) of a byte offset, from the text that decodes before it. */
function position(bytes: Uint8Array, offset: number, encoding: TextEncodingName): { line: number; column: number } {
  const before = new TextDecoder(encoding, { ignoreBOM: false }).decode(bytes.subarray(0, offset));
  let line = 1;
  let lastNl = -1;
  for (let i = before.indexOf('\n'); i >= 0; i = before.indexOf('\n', i + 1)) {
    line++;
    lastNl = i;
  }
  return { line, column: before.length - lastNl };
}

function error(key: string, params: Record<string, string | number>, at: { line: number; column: number } | null): CatalogDiagnostic {
  return { severity: 'error', key, params, path: '(root)', ...(at ? { line: at.line, column: at.column } : {}) };
}

// NUL and the C0 controls other than TAB, LF, CR (and FF); DEL is allowed. None appears in a text catalog.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000E-\u001F]/;

/** Refuses decoded text that holds control characters (binary content), naming the first one. */
export function checkTextContent(text: string): CatalogDiagnostic | null {
  // A single Ctrl-Z at the very end is an old DOS end-of-file mark, not content.
  const body = text.endsWith('\u001A') ? text.slice(0, -1) : text;
  const m = CONTROL.exec(body);
  if (!m) return null;
  const before = body.slice(0, m.index);
  const line = before.split('\n').length;
  const column = m.index - before.lastIndexOf('\n');
  const code = `U+${(m[0].codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')}`;
  return error('binaryContent', { char: code, line, column }, { line, column });
}

function finish(bytes: Uint8Array, name: TextEncodingName, bom: number, detected: boolean, warnings: CatalogDiagnostic[] = []): Decoded {
  const encoding: TextEncodingView = { name, bom: bom > 0, detected };
  const body = bytes.subarray(bom);
  const bad = firstInvalidByte(body, name);
  if (bad >= 0) {
    const at = position(body, bad, name);
    return { ok: false, encoding, warnings, errors: [error('textDecodeFailed', { encoding: LABEL[name], offset: bad + bom, line: at.line, column: at.column }, at)] };
  }
  let text = new TextDecoder(name, { ignoreBOM: true }).decode(body);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const binary = checkTextContent(text);
  if (binary) return { ok: false, encoding, warnings, errors: [binary] };
  return { ok: true, text, encoding, warnings };
}

/** Decodes a text catalog file: the user's choice of encoding, else the detected one (see the module comment). */
export function decodeCatalogBytes(bytes: Uint8Array, chosen?: TextEncodingName): Decoded {
  const bom = bomOf(bytes);
  if (chosen) {
    // A BOM says unambiguously what the file is: a different choice cannot be right.
    if (bom && bom.name !== chosen) return { ok: false, encoding: { name: chosen, bom: false, detected: false }, errors: [error('textEncodingMismatch', { chosen: LABEL[chosen], found: `${LABEL[bom.name]} (BOM)` }, { line: 1, column: 1 })] };
    const warnings: CatalogDiagnostic[] = [];
    // Valid UTF-8 with non-ASCII text read as something else is almost surely mojibake: say so (the preview shows it).
    if (chosen !== 'utf-8' && !bom && isUtf8(bytes) && bytes.some((b) => b >= 0x80))
      warnings.push({ severity: 'warning', key: 'textEncodingDoubt', params: { chosen: LABEL[chosen], found: LABEL['utf-8'] }, path: '(root)' });
    return finish(bytes, chosen, bom?.length ?? 0, false, warnings);
  }
  if (bom) return finish(bytes, bom.name, bom.length, true);
  const utf16 = utf16Pattern(bytes);
  if (utf16) return finish(bytes, utf16, 0, true);
  // A zero byte outside UTF-16 is binary content (an image, a ZIP, a database), whatever else it decodes as.
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    const at = position(bytes, nul, 'utf-8');
    return { ok: false, encoding: null, errors: [error('binaryContent', { char: 'U+0000', line: at.line, column: at.column }, at)] };
  }
  if (isUtf8(bytes)) return finish(bytes, 'utf-8', 0, true);
  if (firstInvalidByte(bytes, 'shift_jis') < 0) return finish(bytes, 'shift_jis', 0, true);
  const bad = firstInvalidByte(bytes, 'utf-8');
  const at = position(bytes, bad, 'utf-8');
  return { ok: false, encoding: null, errors: [error('textEncodingUnknown', { offset: bad, line: at.line, column: at.column }, at)] };
}
