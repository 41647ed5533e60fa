/**
 * The name an evidence file is kept and shown under, whichever way it arrives (a file picked in the app, the CLI,
 * an assessment file). The name is never a path in the workspace (files are stored by SHA-256), but it is shown in
 * tables and reports, offered when the file is saved again, and printed in the PDF; so it is reduced to a plain base
 * name: the part after the last `/` or `\`, without control characters, bidi controls (which reverse the text
 * around them) or invisible marks, without the trailing dots and spaces Windows drops, and at most
 * EVIDENCE_NAME_MAX UTF-16 units, keeping the extension. A name with nothing left is `evidence`.
 */
export const EVIDENCE_NAME_MAX = 255;
const FALLBACK = 'evidence';

// C0 and C1 controls and DEL; bidi embeddings, overrides, isolates and marks; line/paragraph separators;
// zero-width space and the byte-order mark; lone surrogates.
const UNSAFE =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u061c\u200b\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function cut(s: string, max: number): string {
  if (s.length <= max) return s;
  let out = s.slice(0, max);
  // Never split a surrogate pair.
  if (/[\ud800-\udbff]$/.test(out)) out = out.slice(0, -1);
  return out;
}

export function safeEvidenceName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base
    .replace(UNSAFE, '')
    .trim()
    .replace(/[. ]+$/, '');
  if (clean === '') return FALLBACK;
  if (clean.length <= EVIDENCE_NAME_MAX) return clean;
  const dot = clean.lastIndexOf('.');
  const ext = dot > 0 && clean.length - dot <= 16 ? clean.slice(dot) : '';
  return cut(clean.slice(0, clean.length - ext.length), EVIDENCE_NAME_MAX - ext.length).replace(/[. ]+$/, '') + ext;
}

/**
 * The media types Tenken assigns to evidence (evidence.ts sniffs them from the bytes, else the name); anything
 * else in an assessment file was not written by Tenken. A test keeps this list and the sniffing in step.
 */
export const EVIDENCE_MEDIA_TYPES: ReadonlySet<string> = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
  'text/plain',
  'text/csv',
  'text/markdown',
  'application/json',
  'application/xml',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/zip',
  'message/rfc822',
  'application/octet-stream',
]);

/** A name as it may be shown in a message: every character safeEvidenceName would drop written as \u{…}. */
export function visibleName(name: string, max = 120): string {
  const s = name.replace(UNSAFE, (c) => `\\u{${(c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}}`);
  return s.length > max ? `${cut(s, max - 1)}…` : s;
}
