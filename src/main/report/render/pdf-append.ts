import { deflateSync } from 'node:zlib';

/**
 * Finishing a printed PDF by appending one incremental update (ISO 32000-1 §7.5.6) instead of loading and saving the
 * whole document with pdf-lib: the printed bytes stay as they are, and only a new Info dictionary, a new version of
 * the catalog (language, attachment name tree, /AF) and the attachment's two objects are written after them, with
 * their own cross-reference section that points back to the printed one. Re-serializing a 1,200-control report
 * cost as much as printing it; this costs about a millisecond.
 *
 * Only the shape Chromium's PDF backend (Skia) writes is taken: a classic cross-reference table and trailer, one
 * section, a catalog without /Names or /AF. Anything else returns null and the caller uses pdf-lib.
 */

export type AppendMetadata = {
  title: string;
  author: string;
  subject: string;
  keywords: string;
  creator: string;
  producer: string;
  creationDate: Date;
};

export type AppendAttachment = {
  bytes: Uint8Array;
  fileName: string;
  mediaType: string;
  description: string;
  date: Date;
};

const latin1 = (b: Uint8Array, from = 0, to = b.length) =>
  Buffer.from(b.buffer, b.byteOffset, b.length).toString('latin1', from, to);

/**
 * A PDF text string: printable ASCII as a literal string (what readers and tests compare, e.g. /Lang (ja-JP)),
 * anything else as UTF-16BE hex with its byte-order mark.
 */
function textString(s: string): string {
  if (/^[\x20-\x7e]*$/.test(s)) return `(${s.replace(/[()\\]/g, (c) => `\\${c}`)})`;
  const utf16 = Buffer.from(s, 'utf16le');
  for (let i = 0; i + 1 < utf16.length; i += 2) {
    const a = utf16[i] as number;
    utf16[i] = utf16[i + 1] as number;
    utf16[i + 1] = a;
  }
  return `<FEFF${utf16.toString('hex').toUpperCase()}>`;
}

/** D:YYYYMMDDHHmmSSZ (UTC). */
const pdfDate = (d: Date) => `(D:${d.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z)`;

/** A PDF name, with anything outside the regular characters written as #XX. */
const pdfName = (s: string) =>
  '/' +
  [...Buffer.from(s, 'utf8')]
    .map((c) =>
      c > 0x20 && c < 0x7f && !'#()<>[]{}/%'.includes(String.fromCharCode(c))
        ? String.fromCharCode(c)
        : `#${c.toString(16).padStart(2, '0').toUpperCase()}`,
    )
    .join('');

type Trailer = { size: number; root: number; xrefAt: number };

/** The last trailer, when it is a single classic table (no /Prev, no cross-reference stream). */
function readTrailer(pdf: Uint8Array): Trailer | null {
  const tail = latin1(pdf, Math.max(0, pdf.length - 2048));
  const m = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  if (!m) return null;
  const xrefAt = Number(m[1]);
  if (!(xrefAt > 0 && xrefAt < pdf.length) || latin1(pdf, xrefAt, xrefAt + 4) !== 'xref') return null;
  const t = /trailer\s*<<([\s\S]*?)>>\s*startxref/.exec(tail);
  if (!t?.[1] || /\/Prev\b|\/Encrypt\b/.test(t[1])) return null;
  const size = /\/Size\s+(\d+)/.exec(t[1]);
  const root = /\/Root\s+(\d+)\s+0\s+R/.exec(t[1]);
  if (!size || !root) return null;
  return { size: Number(size[1]), root: Number(root[1]), xrefAt };
}

/** Where object `n` starts, from the classic table at `xrefAt` (subsections read in order). */
function objectOffset(pdf: Uint8Array, xrefAt: number, n: number): number | null {
  const head = latin1(pdf, xrefAt, Math.min(pdf.length, xrefAt + 64));
  const m = /^xref\s+(\d+)\s+(\d+)\s*\r?\n/.exec(head);
  if (!m) return null;
  const first = Number(m[1]);
  const count = Number(m[2]);
  if (n < first || n >= first + count) return null;
  const at = xrefAt + m[0].length + (n - first) * 20;
  const entry = /^(\d{10}) (\d{5}) n/.exec(latin1(pdf, at, at + 20));
  return entry ? Number(entry[1]) : null;
}

/** The catalog's dictionary body (between its outer << >>), when it is a plain dictionary Tenken can extend. */
function catalogBody(pdf: Uint8Array, offset: number, n: number): string | null {
  const text = latin1(pdf, offset, Math.min(pdf.length, offset + 8192));
  const m = new RegExp(`^${n}\\s+0\\s+obj\\s*<<([\\s\\S]*)>>\\s*endobj`).exec(
    text.slice(0, text.indexOf('endobj') + 6),
  );
  if (!m?.[1] || !/\/Type\s*\/Catalog/.test(m[1]) || /\/(Names|AF|Metadata)\b/.test(m[1])) return null;
  // Tenken sets the language itself; Chromium's own /Lang goes.
  return m[1].replace(/\/Lang\s*\((?:[^()\\]|\\.)*\)/, '');
}

export function appendPdfUpdate(
  pdf: Uint8Array,
  lang: string,
  metadata: AppendMetadata | undefined,
  attachment: AppendAttachment | undefined,
): Buffer | null {
  const trailer = readTrailer(pdf);
  if (!trailer) return null;
  const rootAt = objectOffset(pdf, trailer.xrefAt, trailer.root);
  const body = rootAt === null ? null : catalogBody(pdf, rootAt, trailer.root);
  if (body === null) return null;

  const info = trailer.size;
  const stream = info + 1;
  const spec = info + 2;
  const parts: Buffer[] = [Buffer.from(pdf.buffer, pdf.byteOffset, pdf.length), Buffer.from('\n')];
  let at = pdf.length + 1;
  const offsets = new Map<number, number>();
  const put = (n: number, ...chunks: (string | Buffer)[]) => {
    offsets.set(n, at);
    for (const c of [`${n} 0 obj\n`, ...chunks, '\nendobj\n']) {
      const b = typeof c === 'string' ? Buffer.from(c, 'latin1') : c;
      parts.push(b);
      at += b.length;
    }
  };

  const m = metadata;
  const infoEntries = m
    ? [
        `/Title ${textString(m.title)}`,
        `/Author ${textString(m.author)}`,
        `/Subject ${textString(m.subject)}`,
        `/Keywords ${textString(m.keywords)}`,
        `/Creator ${textString(m.creator)}`,
        `/Producer ${textString(m.producer)}`,
        `/CreationDate ${pdfDate(m.creationDate)}`,
        `/ModDate ${pdfDate(m.creationDate)}`,
      ]
    : [];
  put(info, `<<${infoEntries.join('\n')}>>`);

  let catalogExtra = `\n/Lang ${textString(lang)}`;
  if (attachment) {
    const a = attachment;
    const packed = deflateSync(a.bytes);
    put(
      stream,
      `<</Type /EmbeddedFile /Subtype ${pdfName(a.mediaType)} /Filter /FlateDecode /Length ${packed.length}`,
      ` /Params <</Size ${a.bytes.length} /CreationDate ${pdfDate(a.date)} /ModDate ${pdfDate(a.date)}>>>>\nstream\n`,
      packed,
      '\nendstream',
    );
    const name = textString(a.fileName);
    put(
      spec,
      `<</Type /Filespec /F ${name} /UF ${name} /EF <</F ${stream} 0 R>> /Desc ${textString(a.description)}`,
      ` /AFRelationship /Data>>`,
    );
    catalogExtra += `\n/Names <</EmbeddedFiles <</Names [${name} ${spec} 0 R]>>>>\n/AF [${spec} 0 R]`;
  }
  put(trailer.root, `<<${body}${catalogExtra}>>`);

  // The update's cross-reference section: the free-list head, the new catalog, then the new objects in a run.
  const entry = (n: number) => `${String(offsets.get(n)).padStart(10, '0')} 00000 n \n`;
  const added = [...offsets.keys()].filter((n) => n !== trailer.root).sort((a, b) => a - b);
  const size = (added.at(-1) ?? info) + 1;
  const xref =
    `xref\n0 1\n0000000000 65535 f \n${trailer.root} 1\n${entry(trailer.root)}` +
    `${added[0]} ${added.length}\n${added.map(entry).join('')}` +
    `trailer\n<</Size ${size}\n/Root ${trailer.root} 0 R\n/Info ${info} 0 R\n/Prev ${trailer.xrefAt}>>\n` +
    `startxref\n${at}\n%%EOF\n`;
  parts.push(Buffer.from(xref, 'latin1'));
  return Buffer.concat(parts);
}
