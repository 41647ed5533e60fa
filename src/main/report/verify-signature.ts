import { constants, createHash, verify as verifyBytes, X509Certificate } from 'node:crypto';
import { fromBER, OctetString, Sequence } from 'asn1js';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFString } from 'pdf-lib';
import * as pkijs from 'pkijs';

/**
 * Checking the PDF signatures of a report without poppler: for each signature field, that its byte range covers the
 * whole file except the /Contents hole (the last signature) and that the CMS in the hole is a valid signature over
 * those bytes: the message digest equals the SHA-2 of the ranges, the signer's certificate (found by issuer and
 * serial) verifies the signed attributes with Node's crypto, and the signing-certificate-v2 attribute names that
 * certificate. The CMS is parsed with pkijs/asn1js; nothing is built by hand.
 *
 * Trust is NOT decided here: the certificate is the organization's own, so the report prints its subject, issuer,
 * validity and SHA-256 fingerprint, which the auditor compares with the one the organization gave them.
 */

export type SignatureProblem =
  | 'byteRange'
  | 'notWholeFile'
  | 'cms'
  | 'digest'
  | 'signature'
  | 'certificateMissing'
  | 'signingCertificate'
  | 'certificateNotValidAtSigning';

export type SignerCertificateView = {
  subject: string;
  issuer: string;
  serialNumber: string;
  validFrom: string;
  validTo: string;
  fingerprintSha256: string;
  selfSigned: boolean;
};

export type PdfSignatureCheck = {
  ok: boolean;
  problems: SignatureProblem[];
  field: string | null;
  subFilter: string | null;
  byteRange: number[] | null;
  /** The byte range is [0, hole) + (hole, end of file]: nothing was appended after signing. */
  coversWholeFile: boolean;
  digestAlgorithm: string | null;
  /** The signature dictionary's /Reason (Tenken: the report title and the results hash). */
  reason: string | null;
  /** The claimed signing time (/M of the signature dictionary), ISO. */
  signingTime: string | null;
  /** The CMS carries ESS signing-certificate-v2 naming the signer's certificate (PAdES). */
  signingCertificateV2: boolean;
  /** The CMS carries the signing-time attribute (tolerated; strict B-B leaves it out). */
  signingTimeAttribute: boolean;
  /** An RFC 3161 signature timestamp is attached (B-T); it is not itself checked here. */
  timestampToken: boolean;
  certificate: SignerCertificateView | null;
};

/** `CN=…, O=…` on one line (Node gives one attribute per line). */
export const oneLine = (dn: string): string => dn.split('\n').filter(Boolean).join(', ');

const OID = {
  signedData: '1.2.840.113549.1.7.2',
  data: '1.2.840.113549.1.7.1',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  timestampToken: '1.2.840.113549.1.9.16.2.14',
  rsaPss: '1.2.840.113549.1.1.10',
} as const;
/** Signature algorithms a signer info may name, with the digest they imply (null: the signer info's digest). */
const SIGNATURE_ALGORITHMS: Record<string, string | null> = {
  '1.2.840.113549.1.1.1': null, // rsaEncryption
  '1.2.840.113549.1.1.10': null, // RSASSA-PSS
  '1.2.840.113549.1.1.11': 'sha256',
  '1.2.840.113549.1.1.12': 'sha384',
  '1.2.840.113549.1.1.13': 'sha512',
  '1.2.840.10045.2.1': null, // id-ecPublicKey
  '1.2.840.10045.4.3.2': 'sha256',
  '1.2.840.10045.4.3.3': 'sha384',
  '1.2.840.10045.4.3.4': 'sha512',
};
const DIGESTS: Record<string, string> = {
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

/** The bytes a byte range [a b c d] signs: [a, a+b) and [c, c+d). */
function signedBytes(pdf: Uint8Array, r: number[]): Buffer {
  const [a, b, c, d] = r as [number, number, number, number];
  return Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]);
}

/** The hole between the two ranges, when it is exactly one hex string `<…>`: its hex text, else null. */
function holeHex(pdf: Uint8Array, r: number[]): string | null {
  const [a, b, c, d] = r as [number, number, number, number];
  if (![a, b, c, d].every((n) => Number.isSafeInteger(n) && n >= 0) || a !== 0 || c <= b || c + d > pdf.length)
    return null;
  if (pdf[b] !== 0x3c || pdf[c - 1] !== 0x3e) return null;
  const hex = Buffer.from(pdf.subarray(b + 1, c - 1)).toString('latin1');
  return /^[0-9a-fA-F]*$/.test(hex) ? hex : null;
}

function certificateView(der: Uint8Array): SignerCertificateView {
  const c = new X509Certificate(Buffer.from(der));
  return {
    subject: oneLine(c.subject),
    issuer: oneLine(c.issuer),
    serialNumber: c.serialNumber,
    validFrom: new Date(c.validFrom).toISOString(),
    validTo: new Date(c.validTo).toISOString(),
    fingerprintSha256: c.fingerprint256,
    selfSigned: c.subject === c.issuer,
  };
}

const view = (b: ArrayBuffer | Uint8Array) => new Uint8Array(b instanceof Uint8Array ? b : new Uint8Array(b));

/** ESS signing-certificate-v2: the first ESSCertIDv2 hashes `certDer` (SHA-256 unless it names another hash). */
function namesCertificate(attr: pkijs.Attribute, certDer: Uint8Array): boolean {
  const value = attr.values[0];
  if (!(value instanceof Sequence)) return false;
  const certs = value.valueBlock.value[0];
  if (!(certs instanceof Sequence)) return false;
  const first = certs.valueBlock.value[0];
  if (!(first instanceof Sequence)) return false;
  const parts = first.valueBlock.value;
  let hash = 'sha256';
  let i = 0;
  if (parts[0] instanceof Sequence) {
    const alg = new pkijs.AlgorithmIdentifier({ schema: parts[0] });
    hash = DIGESTS[alg.algorithmId] ?? '';
    i = 1;
  }
  const certHash = parts[i];
  if (!hash || !(certHash instanceof OctetString)) return false;
  return Buffer.from(certHash.valueBlock.valueHexView).equals(createHash(hash).update(certDer).digest());
}

/** `f()`, or `fallback` when it throws (damaged input is a failed check, never a crash). */
function attempt<T>(f: () => T, fallback: T): T {
  try {
    return f();
  } catch {
    return fallback;
  }
}

type CmsCheck = Pick<
  PdfSignatureCheck,
  'digestAlgorithm' | 'signingCertificateV2' | 'signingTimeAttribute' | 'timestampToken' | 'certificate'
> & { problems: SignatureProblem[] };

/** The CMS SignedData `der` as a detached signature of `data`. */
function checkCms(der: Buffer, data: Buffer, signingTime: Date | null): CmsCheck {
  const out: CmsCheck = {
    problems: [],
    digestAlgorithm: null,
    signingCertificateV2: false,
    signingTimeAttribute: false,
    timestampToken: false,
    certificate: null,
  };
  let signed: pkijs.SignedData;
  try {
    const asn1 = fromBER(new Uint8Array(der).buffer);
    if (asn1.offset === -1) throw new Error('asn1');
    // Strict: the CMS is DER (it encodes back to the very same bytes) and only zero padding follows it in the hole,
    // so no byte of the hole can change unnoticed, not even one no signature covers (certificates, padding).
    if (!der.subarray(asn1.offset).every((x) => x === 0)) throw new Error('padding');
    const info = new pkijs.ContentInfo({ schema: asn1.result });
    if (info.contentType !== OID.signedData) throw new Error('not signed data');
    if (!Buffer.from(info.toSchema().toBER(false)).equals(der.subarray(0, asn1.offset))) throw new Error('not DER');
    signed = new pkijs.SignedData({ schema: info.content });
  } catch {
    out.problems.push('cms');
    return out;
  }
  const si = signed.signerInfos[0];
  const attrs = si?.signedAttrs;
  // One signer identified by issuer and serial (version 1), over detached id-data content (RFC 5652 §5).
  const wellFormed =
    !!si &&
    signed.signerInfos.length === 1 &&
    !!attrs &&
    si.version === 1 &&
    si.sid instanceof pkijs.IssuerAndSerialNumber &&
    (signed.version === 1 || signed.version === 3) &&
    signed.encapContentInfo.eContentType === OID.data &&
    !signed.encapContentInfo.eContent;
  if (!si || !attrs || !wellFormed) {
    out.problems.push('cms');
    return out;
  }
  // The signer's digest must be one SignedData announces, and the signature algorithm one we know, using it.
  const announced = signed.digestAlgorithms.some((a) => a.algorithmId === si.digestAlgorithm.algorithmId);
  const sigAlg = si.signatureAlgorithm.algorithmId;
  const hash = announced ? DIGESTS[si.digestAlgorithm.algorithmId] : undefined;
  if (
    !(sigAlg in SIGNATURE_ALGORITHMS) ||
    (SIGNATURE_ALGORITHMS[sigAlg] !== null && SIGNATURE_ALGORITHMS[sigAlg] !== hash)
  ) {
    out.problems.push('cms');
    return out;
  }
  out.digestAlgorithm = hash ?? si.digestAlgorithm.algorithmId;
  const attr = (oid: string) => attrs.attributes.find((a) => a.type === oid);
  out.signingTimeAttribute = !!attr(OID.signingTime);
  out.timestampToken = !!si.unsignedAttrs?.attributes.some((a) => a.type === OID.timestampToken);

  // The signer's certificate, by issuer and serial number.
  const sid = si.sid;
  const cert =
    sid instanceof pkijs.IssuerAndSerialNumber
      ? (signed.certificates ?? []).find(
          (c): c is pkijs.Certificate =>
            c instanceof pkijs.Certificate && c.serialNumber.isEqual(sid.serialNumber) && c.issuer.isEqual(sid.issuer),
        )
      : undefined;
  // A certificate Node cannot read (damaged) counts as missing.
  const read = attempt(() => {
    if (!cert) return null;
    const der = new Uint8Array(cert.toSchema().toBER(false));
    return { der, view: certificateView(der) };
  }, null);
  const certDer = read?.der ?? null;
  out.certificate = read?.view ?? null;
  if (!certDer) out.problems.push('certificateMissing');

  // messageDigest = H(signed ranges)
  const md = attr(OID.messageDigest)?.values[0];
  if (
    !hash ||
    !(md instanceof OctetString) ||
    !Buffer.from(md.valueBlock.valueHexView).equals(createHash(hash).update(data).digest())
  )
    out.problems.push('digest');

  // The signature over the DER of the signed attributes as a SET (the [0] IMPLICIT tag becomes SET OF).
  if (certDer && hash) {
    const encoded = Buffer.from(view(attrs.encodedValue));
    encoded[0] = 0x31;
    const sig = Buffer.from(si.signature.valueBlock.valueHexView);
    const valid = attempt(() => {
      const key = new X509Certificate(Buffer.from(certDer)).publicKey;
      const pss = si.signatureAlgorithm.algorithmId === OID.rsaPss;
      return verifyBytes(
        hash,
        encoded,
        pss ? { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_AUTO } : key,
        sig,
      );
    }, false);
    if (!valid) out.problems.push('signature');
    const scv2 = attr(OID.signingCertificateV2);
    out.signingCertificateV2 = !!scv2 && attempt(() => namesCertificate(scv2, certDer), false);
    if (scv2 && !out.signingCertificateV2) out.problems.push('signingCertificate');
    if (
      signingTime &&
      out.certificate &&
      (signingTime < new Date(out.certificate.validFrom) || signingTime > new Date(out.certificate.validTo))
    )
      out.problems.push('certificateNotValidAtSigning');
  }
  return out;
}

/** One signature given its byte range (and what its dictionary says), checked against the file's bytes. */
export function checkSignature(
  pdf: Uint8Array,
  byteRange: number[] | null,
  dict: {
    field: string | null;
    subFilter: string | null;
    contentsHex: string | null;
    signingTime: Date | null;
    reason?: string | null;
  },
): PdfSignatureCheck {
  const base: PdfSignatureCheck = {
    ok: false,
    problems: [],
    field: dict.field,
    subFilter: dict.subFilter,
    byteRange,
    reason: dict.reason ?? null,
    coversWholeFile: false,
    digestAlgorithm: null,
    signingTime: dict.signingTime && !Number.isNaN(dict.signingTime.getTime()) ? dict.signingTime.toISOString() : null,
    signingCertificateV2: false,
    signingTimeAttribute: false,
    timestampToken: false,
    certificate: null,
  };
  const hex = byteRange && byteRange.length === 4 ? holeHex(pdf, byteRange) : null;
  // The hole must be the dictionary's own /Contents (when we know it), else the range points somewhere else.
  if (
    !byteRange ||
    hex === null ||
    (dict.contentsHex !== null && dict.contentsHex.toLowerCase() !== hex.toLowerCase())
  ) {
    return { ...base, problems: ['byteRange'] };
  }
  const [, , c, d] = byteRange as [number, number, number, number];
  base.coversWholeFile = c + d === pdf.length;
  const cms = checkCms(Buffer.from(hex, 'hex'), signedBytes(pdf, byteRange), dict.signingTime);
  const problems: SignatureProblem[] = [...(base.coversWholeFile ? [] : ['notWholeFile' as const]), ...cms.problems];
  return { ...base, ...cms, problems, ok: problems.length === 0 };
}

const numbers = (a: PDFArray | undefined): number[] | null => {
  if (!a) return null;
  const out: number[] = [];
  for (let i = 0; i < a.size(); i++) {
    const n = a.lookup(i);
    if (!(n instanceof PDFNumber)) return null;
    out.push(n.asNumber());
  }
  return out;
};
const str = (o: unknown): string | null =>
  o instanceof PDFString || o instanceof PDFHexString ? o.decodeText() : null;

/** Every signature field of the document (AcroForm /Fields and their kids) with a signature value. */
function signatureDicts(doc: PDFDocument): { field: string | null; sig: PDFDict }[] {
  const out: { field: string | null; sig: PDFDict }[] = [];
  const form = doc.catalog.lookupMaybe(PDFName.of('AcroForm'), PDFDict);
  const fields = form?.lookupMaybe(PDFName.of('Fields'), PDFArray);
  const seen = new Set<PDFDict>();
  const walk = (f: PDFDict, name: string | null, depth: number) => {
    if (seen.has(f) || depth > 16) return;
    seen.add(f);
    const t = str(f.lookup(PDFName.of('T')));
    const full = t === null ? name : name ? `${name}.${t}` : t;
    const v = f.lookup(PDFName.of('V'));
    if (f.lookup(PDFName.of('FT')) === PDFName.of('Sig') && v instanceof PDFDict) out.push({ field: full, sig: v });
    const kids = f.lookupMaybe(PDFName.of('Kids'), PDFArray);
    if (kids)
      for (let i = 0; i < kids.size(); i++) {
        const k = kids.lookup(i);
        if (k instanceof PDFDict) walk(k, full, depth + 1);
      }
  };
  if (fields)
    for (let i = 0; i < fields.size(); i++) {
      const f = fields.lookup(i);
      if (f instanceof PDFDict) walk(f, null, 0);
    }
  return out;
}

/**
 * Every signature of the PDF, checked. A file that cannot be parsed, or whose signature dictionaries cannot be
 * read, gives what the raw bytes say about the last signature (so damage is reported as a failed signature,
 * never as "unsigned" when the file has a signature).
 */
export async function verifyPdfSignatures(pdf: Uint8Array, loaded?: PDFDocument | null): Promise<PdfSignatureCheck[]> {
  let doc = loaded ?? null;
  if (!doc) {
    try {
      doc = await PDFDocument.load(pdf, { updateMetadata: false });
    } catch {
      doc = null;
    }
  }
  const dicts = doc ? signatureDicts(doc) : [];
  if (dicts.length === 0) {
    // No readable field: still look for a signature dictionary in the raw bytes.
    return lastByteRange(pdf) ? [verifySignatureAtEnd(pdf)] : [];
  }
  return dicts.map(({ field, sig }) => {
    const contents = sig.lookup(PDFName.of('Contents'));
    const m = sig.lookup(PDFName.of('M'));
    return checkSignature(pdf, numbers(sig.lookupMaybe(PDFName.of('ByteRange'), PDFArray)), {
      field,
      subFilter: nameOf(sig.lookup(PDFName.of('SubFilter'))),
      contentsHex: contents instanceof PDFHexString ? contents.asString() : null,
      signingTime: m instanceof PDFString || m instanceof PDFHexString ? safeDate(() => m.decodeDate()) : null,
      reason: attempt(() => str(sig.lookup(PDFName.of('Reason'))), null),
    });
  });
}

const nameOf = (o: unknown): string | null => (o instanceof PDFName ? o.decodeText() : null);

const safeDate = (f: () => Date): Date | null => {
  try {
    return f();
  } catch {
    return null;
  }
};

/** The last `/ByteRange [a b c d]` in the file's bytes. */
function lastByteRange(pdf: Uint8Array): number[] | null {
  const tail = Buffer.from(pdf).toString('latin1');
  const at = tail.lastIndexOf('/ByteRange');
  if (at < 0) return null;
  const m = /^\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(tail.slice(at, at + 120));
  return m ? m.slice(1, 5).map(Number) : null;
}

/**
 * The last signature in the file found from its bytes alone (no PDF parse): what signing checks right after it
 * signs, cheaply, and the fallback for a file too damaged to parse.
 */
export function verifySignatureAtEnd(pdf: Uint8Array): PdfSignatureCheck {
  const text = Buffer.from(pdf).toString('latin1');
  const at = text.lastIndexOf('/ByteRange');
  const sub =
    at >= 0
      ? (/\/SubFilter\s*\/([A-Za-z0-9.#_-]+)/.exec(text.slice(Math.max(0, at - 400), at + 400))?.[1] ?? null)
      : null;
  return checkSignature(pdf, lastByteRange(pdf), { field: null, subFilter: sub, contentsHex: null, signingTime: null });
}
