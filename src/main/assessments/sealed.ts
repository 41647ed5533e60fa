import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';
import {
  DEFAULT_SCRYPT,
  encodeSealedHeader,
  MAX_PASSPHRASE_CHARS,
  MIN_PASSPHRASE_CHARS,
  normalizePassphrase,
  passphraseLength,
  readSealedPackage,
  scryptMemoryBytes,
  scryptParamsProblem,
  SEALED_FORMAT,
  SEALED_KEY_BYTES,
  SEALED_NONCE_BYTES,
  SEALED_SALT_BYTES,
  SEALED_TAG_BYTES,
  type ScryptParams,
  type SealedKind,
} from '../../core/exchange/sealed-package';
import { MAX_ASSESSMENT_FILE_BYTES, MAX_SEALED_PACKAGE_BYTES } from '../../shared/api/contract';
import { AppError } from '../../shared/api/errors';
import type { AssessmentSummary } from '../../shared/api/types';
import type { ServiceContext } from '../context';
import { exportAssessment, importAssessment } from './exchange';

/**
 * Sealed packages (`tenken-sealed/1`, layout in src/core/exchange/sealed-package.ts): AES-256-GCM from Node's
 * crypto under a key from scrypt (Node's crypto, run on the thread pool so neither the Electron main process nor
 * the browser shell's server stalls). Nothing here is a cipher of our own.
 */

/** Refuses a passphrase a person could guess or that is absurdly long; the message names the rule, never the passphrase. */
export function checkPassphrase(passphrase: string): string {
  const length = passphraseLength(passphrase);
  if (length < MIN_PASSPHRASE_CHARS)
    throw new AppError('bad_input', 'passphraseTooShort', { min: MIN_PASSPHRASE_CHARS, length });
  if (length > MAX_PASSPHRASE_CHARS)
    throw new AppError('bad_input', 'passphraseTooLong', { max: MAX_PASSPHRASE_CHARS });
  return normalizePassphrase(passphrase);
}

function deriveKey(passphrase: string, salt: Buffer, kdf: ScryptParams): Promise<Buffer> {
  const problem = scryptParamsProblem(kdf);
  if (problem) return Promise.reject(new AppError('bad_input', 'sealedKdfBounds', { detail: problem }));
  // maxmem: what OpenSSL/BoringSSL need for these parameters, with room; the bounds above cap it at about 1 GiB.
  const maxmem = scryptMemoryBytes(kdf) + 4 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    scrypt(
      Buffer.from(normalizePassphrase(passphrase), 'utf8'),
      salt,
      SEALED_KEY_BYTES,
      { N: kdf.N, r: kdf.r, p: kdf.p, maxmem },
      (err, key) =>
        err ? reject(new AppError('internal', 'sealedKdfFailed', { detail: err.message.slice(0, 200) })) : resolve(key),
    );
  });
}

/** Seals a payload: fresh salt and nonce, the header line as GCM additional data, ciphertext, then the 16-byte tag. */
export async function sealPayload(
  kind: SealedKind,
  payload: Buffer,
  passphrase: string,
  kdf: ScryptParams = DEFAULT_SCRYPT,
): Promise<Buffer> {
  const pass = checkPassphrase(passphrase);
  const salt = randomBytes(SEALED_SALT_BYTES);
  const nonce = randomBytes(SEALED_NONCE_BYTES);
  const header = Buffer.from(
    encodeSealedHeader({ kind, kdf, salt: salt.toString('hex'), nonce: nonce.toString('hex') }),
  );
  const key = await deriveKey(pass, salt, kdf);
  try {
    const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: SEALED_TAG_BYTES });
    cipher.setAAD(header);
    const body = Buffer.concat([cipher.update(payload), cipher.final()]);
    return Buffer.concat([header, body, cipher.getAuthTag()]);
  } finally {
    key.fill(0);
  }
}

/**
 * Opens a package: every header check (format, kind, KDF bounds, one written form, length) before a key is
 * derived, then AES-256-GCM with the header as additional data. The payload is returned only after the tag
 * checked out; a wrong passphrase and a changed byte are the same failure (GCM cannot tell them apart).
 */
export async function openPayload(bytes: Buffer, passphrase: string, kind: SealedKind): Promise<Buffer> {
  const read = readSealedPackage(bytes, kind);
  if (!read.ok) {
    switch (read.problem) {
      case 'notPackage':
        throw new AppError('bad_input', 'sealedNotPackage');
      case 'truncated':
        throw new AppError('bad_input', 'sealedTruncated', { size: read.size });
      case 'header':
        throw new AppError('bad_input', 'sealedHeaderInvalid', { detail: read.detail });
      case 'format':
        throw new AppError('bad_input', 'sealedFormat', { format: read.format, expected: SEALED_FORMAT });
      case 'kind':
        throw new AppError('bad_input', 'sealedKind', { kind: read.kind, expected: kind });
      case 'kdfBounds':
        throw new AppError('bad_input', 'sealedKdfBounds', { detail: read.detail });
    }
  }
  const pass = checkPassphrase(passphrase);
  const { header, aad, ciphertext, tag } = read.parts;
  const key = await deriveKey(pass, Buffer.from(header.salt, 'hex'), header.kdf);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(header.nonce, 'hex'), {
      authTagLength: SEALED_TAG_BYTES,
    });
    decipher.setAAD(aad);
    decipher.setAuthTag(tag);
    const head = decipher.update(ciphertext);
    try {
      return Buffer.concat([head, decipher.final()]);
    } catch {
      head.fill(0); // not authenticated: never used
      throw new AppError('bad_input', 'sealedOpenFailed');
    }
  } finally {
    key.fill(0);
  }
}

/** The assessment file (exactly the bytes of `exportAssessment`) sealed under a passphrase; named by ID only. */
export async function exportSealedAssessment(
  ctx: ServiceContext,
  id: string,
  passphrase: string,
): Promise<{ fileName: string; bytes: Buffer }> {
  checkPassphrase(passphrase);
  const file = exportAssessment(ctx, id);
  if (file.bytes.length > MAX_ASSESSMENT_FILE_BYTES)
    throw new AppError('bad_input', 'sealedTooLarge', { max: MAX_ASSESSMENT_FILE_BYTES / 1024 / 1024 });
  return { fileName: `${id}.tenken`, bytes: await sealPayload('assessment', file.bytes, passphrase) };
}

/** Opens a package and imports the assessment file inside it (all of it or nothing, as `importAssessment`). */
export async function importSealedAssessment(
  ctx: ServiceContext,
  bytes: Buffer,
  passphrase: string,
): Promise<AssessmentSummary> {
  if (bytes.length > MAX_SEALED_PACKAGE_BYTES)
    throw new AppError('bad_input', 'sealedTooLarge', { max: MAX_ASSESSMENT_FILE_BYTES / 1024 / 1024 });
  const payload = await openPayload(bytes, passphrase, 'assessment');
  return importAssessment(ctx, payload.toString('utf8'));
}
