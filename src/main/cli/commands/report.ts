import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { REPORT_SECTIONS, type ReportSection } from '../../../core/report/model';
import { AppError } from '../../../shared/api/errors';
import { call } from '../../api/dispatch';
import type { PdfSignatureCheck } from '../../report/verify-signature';
import { MAX_SIGNING_P12_BYTES } from '../../../shared/api/contract';
import { requireOption, type CliArgs } from '../args';
import type { CommandTable, Out } from '../command-types';

const FORMATS = ['pdf', 'xlsx', 'csv', 'json', 'oscal-ar', 'oscal-poam'] as const;

export const reportCommands: CommandTable = {
  report: async (rt, args, out) => {
    if (args.command[1] === 'verify') return verify(args, out);
    const format = requireOption(args, 'format');
    if (!(FORMATS as readonly string[]).includes(format))
      throw new AppError('bad_input', 'usage', { detail: `--format ${FORMATS.join('|')}` });
    const target = requireOption(args, 'out');
    const style = args.options['date-style'];
    if (style !== undefined && style !== 'iso' && style !== 'japanese' && style !== 'wareki')
      throw new AppError('bad_input', 'usage', { detail: '--date-style iso|japanese|wareki' });
    const dateStyle = style as 'iso' | 'japanese' | 'wareki' | undefined;
    const sign = signingOf(args);
    if (sign && format !== 'pdf') throw new AppError('bad_input', 'signingPdfOnly');
    const r = await call(rt.ctx, 'report.build', {
      assessmentId: requireOption(args, 'assessment'),
      format: format as (typeof FORMATS)[number],
      lang: args.global.lang ?? out.lang,
      ...(typeof args.options.marking === 'string' ? { marking: args.options.marking } : {}),
      ...(dateStyle ? { dateStyle } : {}),
      ...(typeof args.options.catalog === 'string' ? { catalog: args.options.catalog } : {}),
      ...(typeof args.options.sections === 'string' ? { sections: sectionsOf(args.options.sections) } : {}),
      ...(sign ? { sign } : {}),
    });
    const bytes = Buffer.from(r.content, 'base64');
    writeFileSync(target, bytes);
    if (out.json)
      return out.print(
        JSON.stringify({
          file: target,
          format,
          bytes: bytes.length,
          ...(r.signature ? { signature: r.signature } : {}),
        }),
      );
    out.print(out.t('cli.reportWritten', { file: target, size: bytes.length }));
    const s = r.signature;
    if (s) {
      out.print(
        out.t('cli.reportSigned', {
          level: s.level,
          subject: s.subject,
          issuer: s.issuer,
          validTo: s.validTo,
          fingerprint: s.fingerprintSha256,
        }),
      );
      if (s.expiresSoon) out.print(out.t('cli.reportSignerExpiresSoon', { days: s.expiresInDays, validTo: s.validTo }));
    }
  },
};

/** `--sections summary,findings`: the PDF sections to print; a name not in the list is a usage error. */
function sectionsOf(text: string): ReportSection[] {
  const names = text
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
  const bad = names.find((x) => !(REPORT_SECTIONS as readonly string[]).includes(x));
  if (bad !== undefined || names.length === 0)
    throw new AppError('bad_input', 'usage', { detail: `--sections ${REPORT_SECTIONS.join(',')}` });
  return names as ReportSection[];
}

/**
 * `--sign-p12 FILE --sign-password-file FILE|-` (`-`: the password from standard input): the password is never an
 * argument, so it stays out of the shell history and the process list. `--timestamp --tsa-url URL` is the B-T hook.
 */
function signingOf(args: CliArgs): { p12: string; password: string; timestamp?: { tsaUrl?: string } } | null {
  const p12File = args.options['sign-p12'];
  const passwordFile = args.options['sign-password-file'];
  const wantsTimestamp = args.options.timestamp === true || typeof args.options['tsa-url'] === 'string';
  if (p12File === undefined) {
    if (passwordFile !== undefined || wantsTimestamp)
      throw new AppError('bad_input', 'missingOption', { option: 'sign-p12' });
    return null;
  }
  if (typeof p12File !== 'string' || p12File === '')
    throw new AppError('bad_input', 'missingOption', { option: 'sign-p12' });
  if (typeof passwordFile !== 'string' || passwordFile === '')
    throw new AppError('bad_input', 'missingOption', { option: 'sign-password-file' });
  if (!existsSync(p12File)) throw new AppError('not_found', 'fileNotFound', { file: p12File });
  if (statSync(p12File).size > MAX_SIGNING_P12_BYTES)
    throw new AppError('bad_input', 'signingKeyTooLarge', { max: MAX_SIGNING_P12_BYTES });
  if (passwordFile !== '-' && !existsSync(passwordFile))
    throw new AppError('not_found', 'fileNotFound', { file: passwordFile });
  // One trailing line break is not part of the password (echo, editors); anything else is.
  const password = readFileSync(passwordFile === '-' ? 0 : passwordFile, 'utf8').replace(/\r?\n$/, '');
  const tsaUrl = args.options['tsa-url'];
  return {
    p12: readFileSync(p12File).toString('base64'),
    password,
    ...(wantsTimestamp ? { timestamp: typeof tsaUrl === 'string' ? { tsaUrl } : {} } : {}),
  };
}

/**
 * `tenken report verify FILE.pdf [--require-signature]`: the attached results must match the SHA-256 printed in the
 * report, and every signature must be valid over the whole file (an unsigned file passes unless
 * `--require-signature`). Certificate trust is the auditor's call: the signer's details and fingerprint are printed.
 */
async function verify(args: CliArgs, out: Out): Promise<void> {
  const file = args.command[2];
  if (!file)
    throw new AppError('bad_input', 'usage', { detail: 'tenken report verify FILE.pdf [--require-signature]' });
  if (!existsSync(file)) throw new AppError('not_found', 'fileNotFound', { file });
  const { verifyReportPdf } = await import('../../report/render/pdf');
  const v = await verifyReportPdf(readFileSync(file));
  const requireSignature = args.options['require-signature'] === true;
  if (out.json) out.print(JSON.stringify(v, null, 2));
  else {
    if (v.attachmentOk) out.print(out.t('cli.reportVerified', { sha256: v.attachmentSha256 ?? '' }));
    if (v.signatures.length === 0) out.print(out.t('cli.reportNotSigned'));
    for (const s of v.signatures) out.print(signatureText(out, s));
  }
  if (!v.attachmentOk)
    throw new AppError('conflict', 'reportTampered', {
      printed: v.printedSha256 ?? '—',
      actual: v.attachmentSha256 ?? '—',
    });
  if (!v.ok)
    throw new AppError('conflict', 'reportSignatureInvalid', {
      problems: [...new Set(v.signatures.flatMap((s) => s.problems))]
        .map((p) => out.t(`cli.signatureProblem.${p}`))
        .join(' / '),
    });
  if (requireSignature && v.signatures.length === 0) throw new AppError('conflict', 'reportUnsigned');
}

function signatureText(out: Out, s: PdfSignatureCheck): string {
  const c = s.certificate;
  const lines = [
    out.t(s.ok ? 'cli.signatureValid' : 'cli.signatureInvalid', {
      field: s.field ?? '—',
      subFilter: s.subFilter ?? '—',
    }),
    ...(c
      ? [
          out.t('cli.signatureSigner', {
            subject: c.subject,
            issuer: c.issuer,
            validFrom: c.validFrom,
            validTo: c.validTo,
            serial: c.serialNumber,
            fingerprint: c.fingerprintSha256,
          }),
        ]
      : []),
    out.t('cli.signatureDetails', {
      time: s.signingTime ?? '—',
      digest: s.digestAlgorithm ?? '—',
      whole: out.t(s.coversWholeFile ? 'cli.yes' : 'cli.no'),
      scv2: out.t(s.signingCertificateV2 ? 'cli.yes' : 'cli.no'),
      timestamp: out.t(s.timestampToken ? 'cli.yes' : 'cli.no'),
    }),
    ...(s.reason ? [out.t('cli.signatureReason', { reason: s.reason })] : []),
    ...s.problems.map((p) => `  ! ${out.t(`cli.signatureProblem.${p}`)}`),
    ...(c ? [out.t('cli.signatureTrustNote')] : []),
  ];
  return lines.join('\n');
}
