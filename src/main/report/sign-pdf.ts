import { constants, randomBytes, verify as verifyBytes, X509Certificate } from 'node:crypto';
import { HttpTimestampAuthority, P12Signer, PDF, type Signer, type TimestampAuthority } from '@libpdf/core';
import { fromBER } from 'asn1js';
import * as pkijs from 'pkijs';
import { AppError } from '../../shared/api/errors';
import { MAX_SIGNING_P12_BYTES, type ReportSignatureView } from '../../shared/api/contract';
import { oneLine, verifySignatureAtEnd } from './verify-signature';

/**
 * Signing the report PDF with the organization's own certificate (PKCS#12 file + password), offline: a PAdES
 * baseline B-B signature made by @libpdf/core (SubFilter ETSI.CAdES.detached; the CMS carries the ESS
 * signing-certificate-v2 attribute), appended as an incremental update whose byte range covers the whole file —
 * pages, metadata and the attached results JSON — except the hole that holds the signature itself.
 *
 * Known gap to strict EN 319 142-1 B-B: @libpdf/core 0.4 always adds the CMS signing-time attribute (which the
 * baseline profile says should be absent; the claimed time is also in the signature dictionary's /M). Validators
 * (poppler, pyHanko) accept it; upstream issue LibPDF-js/core#86.
 *
 * B-T (a trusted timestamp from a TSA) needs the network, so it is a hook that is off by default: `timestamp`
 * with a `tsaUrl` asks that TSA over HTTP(S); `timestamp` without a URL is refused. Nothing here goes on the
 * network otherwise (no AIA chain building, no OCSP/CRL).
 *
 * The password is never logged, never put in an error and never stored; errors name what is wrong, not the input.
 */

export type SigningRequest = {
  /** The PKCS#12 (.p12/.pfx) file: bytes, or base64 as it travels through the API. */
  p12: Uint8Array | string;
  password: string;
  /** B-T hook, off by default: a trusted timestamp from this TSA (network). Without a URL it is refused. */
  timestamp?: { tsaUrl?: string | undefined } | undefined;
};

/** A certificate that expires within this many days still signs, with a warning. */
export const EXPIRY_WARNING_DAYS = 30;

export type SigningKey = { signer: Signer; certificate: X509Certificate; tsa: TimestampAuthority | null };

const DAY = 24 * 60 * 60 * 1000;

function p12Bytes(p12: Uint8Array | string): Buffer {
  const bytes = typeof p12 === 'string' ? Buffer.from(p12, 'base64') : Buffer.from(p12);
  if (bytes.length === 0) throw new AppError('bad_input', 'signingKeyNotPkcs12');
  if (bytes.length > MAX_SIGNING_P12_BYTES)
    throw new AppError('bad_input', 'signingKeyTooLarge', { max: MAX_SIGNING_P12_BYTES });
  return bytes;
}

/** Whether the bytes are a PKCS#12 PFX at all (structure only; nothing decrypted). */
function isPfx(bytes: Buffer): boolean {
  try {
    const asn1 = fromBER(new Uint8Array(bytes).buffer);
    if (asn1.offset === -1) return false;
    new pkijs.PFX({ schema: asn1.result });
    return true;
  } catch {
    return false;
  }
}

/**
 * Opens the PKCS#12 file and checks its certificate against `now`: an expired or not yet valid certificate is
 * refused (every validator would reject the signature); one that expires within EXPIRY_WARNING_DAYS signs, and the
 * summary says so. The timestamp hook is checked here too, so nothing is printed for a request that would fail.
 */
export async function openSigningKey(req: SigningRequest, now: Date): Promise<SigningKey> {
  const bytes = p12Bytes(req.p12);
  if (!isPfx(bytes)) throw new AppError('bad_input', 'signingKeyNotPkcs12');
  let tsa: TimestampAuthority | null = null;
  if (req.timestamp) {
    const url = req.timestamp.tsaUrl?.trim();
    if (!url) throw new AppError('bad_input', 'tsaUrlRequired');
    if (!/^https?:\/\/[^\s]+$/i.test(url)) throw new AppError('bad_input', 'tsaUrlInvalid');
    tsa = new HttpTimestampAuthority(url);
  }
  let signer: P12Signer;
  try {
    signer = await P12Signer.create(new Uint8Array(bytes), req.password);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (/integrity|mac\b|hmac|password|decrypt/i.test(message)) throw new AppError('bad_input', 'signingPasswordWrong');
    if (/no private key|no certificates/i.test(message)) throw new AppError('bad_input', 'signingKeyIncomplete');
    throw new AppError('bad_input', 'signingKeyUnreadable', { detail: message.slice(0, 200) });
  }
  const matched = await keyCertificate(signer);
  const certificate = new X509Certificate(Buffer.from(matched.certificate));
  const from = new Date(certificate.validFrom);
  const to = new Date(certificate.validTo);
  if (now.getTime() > to.getTime())
    throw new AppError('bad_input', 'signingCertExpired', {
      subject: oneLine(certificate.subject),
      validTo: to.toISOString(),
    });
  if (now.getTime() < from.getTime())
    throw new AppError('bad_input', 'signingCertNotYetValid', {
      subject: oneLine(certificate.subject),
      validFrom: from.toISOString(),
    });
  return { signer: matched, certificate, tsa };
}

/**
 * The signer with the certificate that belongs to its private key: @libpdf/core takes the file's first certificate,
 * which need not be the key's (a .pfx may list its CA first). A probe signed with the key is checked against each
 * certificate's public key; none matching is refused before anything is printed.
 */
async function keyCertificate(signer: P12Signer): Promise<Signer> {
  const certs = [signer.certificate, ...signer.certificateChain];
  const probe = randomBytes(32);
  const sig = Buffer.from(await signer.sign(new Uint8Array(probe), 'SHA-256'));
  const fits = (der: Uint8Array) => {
    try {
      const key = new X509Certificate(Buffer.from(der)).publicKey;
      return verifyBytes(
        'sha256',
        probe,
        signer.signatureAlgorithm === 'RSA-PSS'
          ? { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_AUTO }
          : key,
        sig,
      );
    } catch {
      return false;
    }
  };
  const at = certs.findIndex(fits);
  if (at < 0) throw new AppError('bad_input', 'signingKeyMismatch');
  if (at === 0) return signer;
  return {
    certificate: certs[at] as Uint8Array,
    certificateChain: certs.filter((_, i) => i !== at),
    keyType: signer.keyType,
    signatureAlgorithm: signer.signatureAlgorithm,
    sign: (data, algorithm) => signer.sign(data, algorithm),
  };
}

/** What the app tells about the signature it made: who signed, until when the certificate holds. */
export function summaryOf(key: SigningKey, now: Date): ReportSignatureView {
  const c = key.certificate;
  const to = new Date(c.validTo);
  return {
    level: key.tsa ? 'B-T' : 'B-B',
    subject: oneLine(c.subject),
    issuer: oneLine(c.issuer),
    serialNumber: c.serialNumber,
    validFrom: new Date(c.validFrom).toISOString(),
    validTo: to.toISOString(),
    fingerprintSha256: c.fingerprint256,
    selfSigned: c.subject === c.issuer,
    expiresInDays: Math.floor((to.getTime() - now.getTime()) / DAY),
    expiresSoon: to.getTime() - now.getTime() < EXPIRY_WARNING_DAYS * DAY,
  };
}

export type SignPdfOptions = { signingTime: Date; reason?: string | undefined; location?: string | undefined };

/**
 * Signs the finished PDF (an incremental update: the printed bytes stay as they are) and checks the result with
 * our own verifier before handing it out; a signature that does not verify (for example a PKCS#12 whose first
 * certificate is not the key's) is refused instead of written.
 */
export async function signPdf(pdf: Uint8Array, key: SigningKey, opts: SignPdfOptions): Promise<Buffer> {
  const doc = await PDF.load(pdf);
  // Room for the CMS: the certificates it carries are smaller than the PKCS#12 file; a timestamp token adds ~6 KB.
  const estimatedSize =
    Math.max(
      8192,
      key.signer.certificate.length + (key.signer.certificateChain ?? []).reduce((n, c) => n + c.length, 0) + 4096,
    ) + (key.tsa ? 8192 : 0);
  let bytes: Uint8Array;
  try {
    const r = await doc.sign({
      signer: key.signer,
      subFilter: 'ETSI.CAdES.detached',
      level: key.tsa ? 'B-T' : 'B-B',
      ...(key.tsa ? { timestampAuthority: key.tsa } : {}),
      signingTime: opts.signingTime,
      digestAlgorithm: 'SHA-256',
      estimatedSize,
      fieldName: 'TenkenReportSignature',
      ...(opts.reason ? { reason: opts.reason } : {}),
      ...(opts.location ? { location: opts.location } : {}),
    });
    bytes = r.bytes;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (key.tsa && /timestamp|tsa|fetch|network/i.test(message))
      throw new AppError('conflict', 'timestampFailed', { detail: message.slice(0, 200) });
    throw new AppError('internal', 'signingFailed', { detail: message.slice(0, 200) });
  }
  const out = Buffer.from(bytes);
  const check = verifySignatureAtEnd(out);
  if (!check.ok) throw new AppError('bad_input', 'signingSelfCheckFailed', { problems: check.problems.join(', ') });
  return out;
}
