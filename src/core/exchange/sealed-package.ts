import { z } from 'zod';

/**
 * The sealed package (`.tenken`, format `tenken-sealed/1`): a payload (for `kind: "assessment"`, the bytes of a
 * `tenken-assessment/1` file) encrypted with AES-256-GCM under a key derived from a passphrase with scrypt.
 *
 * Layout, byte for byte:
 *
 *     {"format":"tenken-sealed/1","kind":"assessment","cipher":"aes-256-gcm","kdf":{"name":"scrypt","N":131072,"r":8,"p":1},"salt":"<32 hex>","nonce":"<24 hex>"}\n
 *     <ciphertext: as many bytes as the payload><GCM tag: 16 bytes>
 *
 * - The first line is the clear-text header: printable ASCII JSON in exactly this key order, nothing else (no
 *   client, no assessment name, no dates, no sizes). It is at most MAX_SEALED_HEADER_BYTES long, newline included.
 *   It has one written form: a header that parses but is not written exactly as `encodeSealedHeader` writes it is
 *   refused, so what a person reads with `head -1` is what was authenticated.
 * - The whole header line, its newline included, is the GCM additional authenticated data: changing any byte of it
 *   (the KDF parameters, the salt, the nonce, the kind) makes the tag check fail.
 * - The key is scrypt(passphrase, salt, 32 bytes, N, r, p); the passphrase is taken in Unicode NFC and encoded as
 *   UTF-8, so the same Japanese passphrase typed on macOS and on Windows gives the same key.
 * - The salt (16 bytes) and the nonce (12 bytes) are fresh random bytes for every package.
 *
 * This module is the layout only (pure; no cryptography): it writes and reads the header and checks every bound
 * before anything is derived. The cryptography is in src/main/assessments/sealed.ts (Node's crypto).
 */
export const SEALED_FORMAT = 'tenken-sealed/1';
export const SEALED_CIPHER = 'aes-256-gcm';
/** What a package holds. Part 2 of issue #13 (requests and responses) adds kinds here. */
export const SEALED_KINDS = ['assessment', 'request', 'response'] as const;
export type SealedKind = (typeof SEALED_KINDS)[number];

export const SEALED_SALT_BYTES = 16;
export const SEALED_NONCE_BYTES = 12;
export const SEALED_TAG_BYTES = 16;
export const SEALED_KEY_BYTES = 32;
export const MAX_SEALED_HEADER_BYTES = 1024;
/** Everything a package adds to its payload, at most. */
export const SEALED_OVERHEAD_BYTES = MAX_SEALED_HEADER_BYTES + SEALED_TAG_BYTES;

export type ScryptParams = { name: 'scrypt'; N: number; r: number; p: number };
/** What Tenken writes: about 128 MiB of memory and a second or so per derivation on a laptop. */
export const DEFAULT_SCRYPT: ScryptParams = { name: 'scrypt', N: 2 ** 17, r: 8, p: 1 };
/**
 * What Tenken agrees to derive with. A header asking for more (memory or time) is refused before anything runs, so
 * a crafted file cannot make the app allocate gigabytes or spin for minutes; one asking for less than the minimum
 * was not written by Tenken and would make guessing its passphrase cheap.
 */
export const SCRYPT_BOUNDS = { minN: 2 ** 14, maxN: 2 ** 20, maxR: 16, maxP: 4, maxMemoryBytes: 2 ** 30 } as const;

/** The bytes scrypt works in: 128·r·N (the big table) plus 128·r·p (the blocks). */
export const scryptMemoryBytes = (k: Pick<ScryptParams, 'N' | 'r' | 'p'>): number => 128 * k.r * (k.N + k.p);

/** Why a header's KDF parameters are refused, or null when they are within the bounds. */
export function scryptParamsProblem(k: Pick<ScryptParams, 'N' | 'r' | 'p'>): string | null {
  const b = SCRYPT_BOUNDS;
  if (!Number.isSafeInteger(k.N) || k.N < 2 || (k.N & (k.N - 1)) !== 0) return `N=${k.N} (must be a power of two)`;
  if (k.N < b.minN || k.N > b.maxN) return `N=${k.N} (accepted: ${b.minN}–${b.maxN})`;
  if (!Number.isSafeInteger(k.r) || k.r < 1 || k.r > b.maxR) return `r=${k.r} (accepted: 1–${b.maxR})`;
  // RFC 7914's N < 2^(128·r/8), which OpenSSL enforces: refused here, with a message, rather than failing inside it.
  if (Math.log2(k.N) >= 16 * k.r) return `N=${k.N}, r=${k.r} (N must be below 2^${16 * k.r} for r=${k.r})`;
  if (!Number.isSafeInteger(k.p) || k.p < 1 || k.p > b.maxP) return `p=${k.p} (accepted: 1–${b.maxP})`;
  if (scryptMemoryBytes(k) > b.maxMemoryBytes)
    return `N=${k.N}, r=${k.r}: ${Math.ceil(scryptMemoryBytes(k) / 2 ** 20)} MiB (at most ${b.maxMemoryBytes / 2 ** 20} MiB)`;
  return null;
}

export type SealedHeader = {
  format: typeof SEALED_FORMAT;
  kind: string;
  cipher: typeof SEALED_CIPHER;
  kdf: ScryptParams;
  salt: string;
  nonce: string;
};

const Hex = (bytes: number) =>
  z.string().regex(new RegExp(`^[0-9a-f]{${bytes * 2}}$`), `${bytes} bytes as lowercase hex`);
const HeaderSchema = z.strictObject({
  format: z.literal(SEALED_FORMAT),
  kind: z.string().regex(/^[a-z][a-z-]{0,31}$/),
  cipher: z.literal(SEALED_CIPHER),
  kdf: z.strictObject({ name: z.literal('scrypt'), N: z.number().int(), r: z.number().int(), p: z.number().int() }),
  salt: Hex(SEALED_SALT_BYTES),
  nonce: Hex(SEALED_NONCE_BYTES),
});

/** The start of every sealed package (and of nothing else Tenken writes: an assessment file starts `{"assessment"`). */
export const SEALED_MAGIC = '{"format":"tenken-sealed/';

const asciiBytes = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));

/** The header line, newline included: the package's first bytes and the GCM additional data. */
export function encodeSealedHeader(h: {
  kind: SealedKind | string;
  kdf: ScryptParams;
  salt: string;
  nonce: string;
}): Uint8Array {
  const ordered = {
    format: SEALED_FORMAT,
    kind: h.kind,
    cipher: SEALED_CIPHER,
    kdf: { name: 'scrypt', N: h.kdf.N, r: h.kdf.r, p: h.kdf.p },
    salt: h.salt,
    nonce: h.nonce,
  };
  return asciiBytes(`${JSON.stringify(ordered)}\n`);
}

/** True when the bytes start like a sealed package (to tell a `.tenken` file from an assessment file). */
export function looksSealed(bytes: Uint8Array): boolean {
  if (bytes.length < SEALED_MAGIC.length) return false;
  for (let i = 0; i < SEALED_MAGIC.length; i++) if (bytes[i] !== SEALED_MAGIC.charCodeAt(i)) return false;
  return true;
}

export type SealedProblem =
  | { problem: 'notPackage' }
  | { problem: 'truncated'; size: number }
  | { problem: 'header'; detail: string }
  | { problem: 'format'; format: string }
  | { problem: 'kind'; kind: string }
  | { problem: 'kdfBounds'; detail: string };

export type SealedParts = { header: SealedHeader; aad: Uint8Array; ciphertext: Uint8Array; tag: Uint8Array };

/**
 * Splits a package into its header (checked: format, kind, cipher, KDF bounds, one written form), the additional
 * data, the ciphertext and the tag. Nothing here needs the passphrase; every refusal comes before a key is derived.
 */
export function readSealedPackage(
  bytes: Uint8Array,
  expectedKind: SealedKind,
): { ok: true; parts: SealedParts } | ({ ok: false } & SealedProblem) {
  if (!looksSealed(bytes)) return { ok: false, problem: 'notPackage' };
  const end = Math.min(bytes.length, MAX_SEALED_HEADER_BYTES);
  let nl = -1;
  for (let i = 0; i < end; i++) {
    const b = bytes[i] as number;
    if (b === 0x0a) {
      nl = i;
      break;
    }
    if (b < 0x20 || b > 0x7e) return { ok: false, problem: 'header', detail: `byte ${i}: not printable ASCII` };
  }
  if (nl < 0)
    return bytes.length < MAX_SEALED_HEADER_BYTES
      ? { ok: false, problem: 'truncated', size: bytes.length }
      : { ok: false, problem: 'header', detail: `no end of header within ${MAX_SEALED_HEADER_BYTES} bytes` };
  const text = String.fromCharCode(...bytes.subarray(0, nl));
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, problem: 'header', detail: (e as Error).message.slice(0, 200) };
  }
  if (raw && typeof raw === 'object' && (raw as { format?: unknown }).format !== SEALED_FORMAT)
    return { ok: false, problem: 'format', format: String((raw as { format?: unknown }).format).slice(0, 60) };
  const parsed = HeaderSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      problem: 'header',
      detail: `${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}`.slice(0, 200),
    };
  }
  const h = parsed.data as SealedHeader;
  if (h.kind !== expectedKind) return { ok: false, problem: 'kind', kind: h.kind };
  const bounds = scryptParamsProblem(h.kdf);
  if (bounds) return { ok: false, problem: 'kdfBounds', detail: bounds };
  const aad = bytes.subarray(0, nl + 1);
  const again = encodeSealedHeader(h);
  if (again.length !== aad.length || again.some((b, i) => b !== aad[i]))
    return { ok: false, problem: 'header', detail: 'not in the form Tenken writes' };
  const body = bytes.subarray(nl + 1);
  if (body.length < SEALED_TAG_BYTES + 1) return { ok: false, problem: 'truncated', size: bytes.length };
  return {
    ok: true,
    parts: {
      header: h,
      aad,
      ciphertext: body.subarray(0, body.length - SEALED_TAG_BYTES),
      tag: body.subarray(body.length - SEALED_TAG_BYTES),
    },
  };
}

// ---- Passphrases ----------------------------------------------------------------------------------------------

export const MIN_PASSPHRASE_CHARS = 12;
export const MAX_PASSPHRASE_CHARS = 1024;

/** The passphrase as it is derived from: Unicode NFC. Its length counts characters (code points), not bytes. */
export const normalizePassphrase = (p: string): string => p.normalize('NFC');
export const passphraseLength = (p: string): number => [...normalizePassphrase(p)].length;

/** A passphrase file's first line, without its line ending (and without a UTF-8 byte order mark). */
export function passphraseFromFileText(text: string): string {
  const t = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const nl = t.indexOf('\n');
  const line = nl < 0 ? t : t.slice(0, nl);
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

export type CharClass = 'lower' | 'upper' | 'digit' | 'symbol' | 'other';
/** How many different characters each class offers a guesser (other: any non-ASCII letter, counted low on purpose). */
const POOL: Record<CharClass, number> = { lower: 26, upper: 26, digit: 10, symbol: 33, other: 100 };
export type StrengthLevel = 'tooShort' | 'weak' | 'fair' | 'strong';
export type PassphraseStrength = { length: number; classes: CharClass[]; bits: number; level: StrengthLevel };

const classOf = (c: string): CharClass =>
  /[a-z]/.test(c)
    ? 'lower'
    : /[A-Z]/.test(c)
      ? 'upper'
      : /[0-9]/.test(c)
        ? 'digit'
        : c.charCodeAt(0) < 0x80
          ? 'symbol'
          : 'other';

/** A word of a phrase counts as one pick from a large word list (about 8,000 words, as in diceware), at most. */
const WORD_BITS = 13;

/** length × log2(size of the classes used), a character repeated counting at most twice. */
function charBits(chars: string[]): number {
  const pool = [...new Set(chars.map(classOf))].reduce((n, c) => n + POOL[c], 0);
  return pool > 0 ? Math.min(chars.length, 2 * new Set(chars).size) * Math.log2(pool) : 0;
}

/**
 * A simple, honest upper estimate, with no dictionary: length × log2(size of the character classes used), where a
 * character repeated counts at most twice (so `aaaaaaaaaaaa` is not "12 characters of strength"); a phrase of words
 * separated by spaces counts each word as at most one pick from a large word list, since guessers try words, not
 * letters. Names, dates, well-known phrases and keyboard patterns are still weaker than this says; the UI says so.
 * Levels: fewer than 12 characters is too short; under 50 bits weak; under 70 fair; else strong (with scrypt at
 * N=2^17, each guess costs a guesser about 128 MiB and a good part of a second).
 */
export function passphraseStrength(p: string): PassphraseStrength {
  const text = normalizePassphrase(p);
  const chars = [...text];
  const classes = [...new Set(chars.map(classOf))].sort(
    (a, b) => Object.keys(POOL).indexOf(a) - Object.keys(POOL).indexOf(b),
  );
  const words = text.split(/\s+/).filter(Boolean);
  const asChars = charBits(chars);
  const asWords = words.length >= 2 ? words.reduce((n, w) => n + Math.min(WORD_BITS, charBits([...w])), 0) : Infinity;
  const bits = Math.round(Math.min(asChars, asWords));
  const level: StrengthLevel =
    chars.length < MIN_PASSPHRASE_CHARS ? 'tooShort' : bits < 50 ? 'weak' : bits < 70 ? 'fair' : 'strong';
  return { length: chars.length, classes, bits, level };
}
