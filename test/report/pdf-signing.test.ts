import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../../src/main/api/dispatch';
import { runCli } from '../../src/main/cli/main';
import { buildReport } from '../../src/main/report/build';
import { launchReportBrowser, verifyReportPdf } from '../../src/main/report/render/pdf';
import { openSigningKey, summaryOf } from '../../src/main/report/sign-pdf';
import { AppError } from '../../src/shared/api/errors';
import { chromiumPath } from '../support/chromium';
import { freshRuntime, tempDir } from '../support/workspace';

/**
 * Signed PDF reports (PAdES B-B with the organization's PKCS#12): a test certificate is made here with openssl, the
 * demo report is signed, and poppler's pdfsig and our own verifier (`tenken report verify`) must both call it valid,
 * and both must call it invalid after one byte changes anywhere (signed range, attachment, signature itself).
 */

const PDFSIG = existsSync('/usr/bin/pdfsig');
if (!PDFSIG)
  console.warn(
    '[test/report/pdf-signing] poppler-utils pdfsig missing: the pdfsig checks are SKIPPED; apt-get install poppler-utils',
  );
const OPENSSL = existsSync('/usr/bin/openssl');
if (!OPENSSL)
  console.warn(
    '[test/report/pdf-signing] openssl missing: no test certificate can be made; every signing test is SKIPPED',
  );

const PASSWORD = 'pässwörd-テスト-42';
let dir = '';
let browser: Browser;
let p12: Buffer = Buffer.alloc(0);
let signed: Buffer = Buffer.alloc(0);
let signedFile = '';
let unsignedMs = 0;
let signedMs = 0;
let unsignedEofs = 0;

const openssl = (args: string[]) =>
  execFileSync('/usr/bin/openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
const pdfsig = (file: string) => spawnSync('/usr/bin/pdfsig', [file], { encoding: 'utf8' }).stdout;

/** One byte of `pdf` XOR-ed, as someone editing the file would. */
function flipped(pdf: Buffer, at: number): Buffer {
  const out = Buffer.from(pdf);
  out[at] = (out[at] as number) ^ 0x01;
  return out;
}
/** Where the attached results' (compressed) stream lies in the file. */
function attachmentStream(pdf: Buffer): { start: number; length: number } {
  const dict = pdf.indexOf('/Type /EmbeddedFile');
  const length = Number(/\/Length (\d+)/.exec(pdf.subarray(dict, dict + 500).toString('latin1'))?.[1]);
  return { start: pdf.indexOf('stream', dict) + 'stream\n'.length, length };
}
const byteRange = (pdf: Buffer) =>
  (/\/ByteRange \[(\d+) (\d+) +(\d+) +(\d+) *\]/.exec(pdf.toString('latin1'))?.slice(1, 5) ?? []).map(Number);

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, {
    out: (s) => {
      out.push(s);
    },
    err: (s) => {
      err.push(s);
    },
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
async function refusal(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tenken-signing-'));
  if (!OPENSSL) return;
  // A self-signed signing certificate of a (fictional) organization, valid 90 days from now, as PKCS#12.
  openssl([
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'key.pem',
    '-out',
    'cert.pem',
    '-days',
    '90',
    '-utf8',
    '-subj',
    '/C=JP/O=株式会社テスト/CN=テスト署名者',
    '-addext',
    'keyUsage=critical,digitalSignature,nonRepudiation',
  ]);
  writeFileSync(join(dir, 'pass.txt'), `${PASSWORD}\n`);
  openssl([
    'pkcs12',
    '-export',
    '-inkey',
    'key.pem',
    '-in',
    'cert.pem',
    '-out',
    'org.p12',
    '-passout',
    'file:pass.txt',
  ]);
  p12 = readFileSync(join(dir, 'org.p12'));
  browser = await launchReportBrowser(chromiumPath());
  const rt = await freshRuntime();
  const a = await call(rt.ctx, 'demo.create', {});
  let t = Date.now();
  const plain = await buildReport(rt.ctx, { assessmentId: a.id, format: 'pdf', lang: 'ja', browser });
  unsignedMs = Date.now() - t;
  unsignedEofs = plain.bytes.toString('latin1').match(/%%EOF/g)?.length ?? 0;
  t = Date.now();
  const r = await buildReport(rt.ctx, {
    assessmentId: a.id,
    format: 'pdf',
    lang: 'ja',
    browser,
    sign: { p12: p12.toString('base64'), password: PASSWORD },
  });
  signedMs = Date.now() - t;
  signed = r.bytes;
  signedFile = join(dir, 'signed.pdf');
  writeFileSync(signedFile, signed);
  expect(r.signature).toMatchObject({
    level: 'B-B',
    subject: expect.stringContaining('テスト署名者') as string,
    selfSigned: true,
    expiresSoon: false,
  });
  console.info(
    `[test/report/pdf-signing] demo PDF unsigned ${unsignedMs} ms, signed ${signedMs} ms, ${(signed.length / 1024).toFixed(0)} KB`,
  );
}, 90_000);

afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!OPENSSL)('signed PDF report (PAdES B-B, PKCS#12)', () => {
  it.skipIf(!PDFSIG)(
    'is valid for poppler\u2019s pdfsig: ETSI.CAdES.detached, SHA-256, the whole document signed',
    () => {
      const out = pdfsig(signedFile);
      expect(out).toContain('Signature Type: ETSI.CAdES.detached');
      expect(out).toContain('Signing Hash Algorithm: SHA-256');
      expect(out).toContain('Total document signed');
      expect(out).toContain('Signature Validation: Signature is Valid.');
      expect(out).toContain('テスト署名者');
    },
  );

  it('verifies with our own checker: one signature over the whole file, signing-certificate-v2, attachment hash intact', async () => {
    const v = await verifyReportPdf(signed);
    expect(v.ok).toBe(true);
    expect(v.attachmentOk).toBe(true);
    expect(v.signatures).toHaveLength(1);
    const s = v.signatures[0];
    expect(s).toMatchObject({
      ok: true,
      problems: [],
      subFilter: 'ETSI.CAdES.detached',
      coversWholeFile: true,
      digestAlgorithm: 'sha256',
      signingCertificateV2: true,
      timestampToken: false,
    });
    expect(s?.certificate?.subject).toContain('O=株式会社テスト');
    expect(s?.reason).toContain(`SHA-256 ${v.printedSha256 ?? '?'}`);
    expect(s?.reason).not.toContain('\\');
    expect(s?.certificate?.fingerprintSha256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    // The signature covers the attachment: the attached results lie inside the signed ranges.
    const [, b, c] = byteRange(signed) as [number, number, number, number];
    const { start, length } = attachmentStream(signed);
    expect(start + length <= b || start >= c).toBe(true);
  });

  it('keeps the printed report unchanged under the signature (an incremental update)', async () => {
    const r = byteRange(signed);
    expect(r[0]).toBe(0);
    expect((r[2] as number) + (r[3] as number)).toBe(signed.length);
    // The signature is one more update on top of the report's own (the print, then Tenken's metadata and attachment).
    expect(unsignedEofs).toBeGreaterThanOrEqual(1);
    expect(signed.toString('latin1').match(/%%EOF/g)?.length).toBe(unsignedEofs + 1);
  });

  const positions = (): [string, number][] => {
    const [, b, c] = byteRange(signed) as [number, number, number, number];
    const a = attachmentStream(signed);
    const page = signed.indexOf('stream', signed.indexOf('/Type /Page')) + 'stream\n'.length + 10;
    return [
      ['the header', 5],
      ['a page\u2019s content', page],
      ['the attached results', a.start + Math.floor(a.length / 2)],
      ['just before the signature', b - 1],
      ['just after the signature', c],
      ['the last byte', signed.length - 1],
    ];
  };

  it('fails our verification when one byte is flipped anywhere in the signed ranges', async () => {
    for (const [where, at] of positions()) {
      const v = await verifyReportPdf(flipped(signed, at));
      expect(v.ok, where).toBe(false);
      if (v.signatures.length)
        expect(
          v.signatures.some((s) => !s.ok),
          where,
        ).toBe(true);
    }
  });

  it('fails the attachment check and the signature when one byte of the attached results is flipped', async () => {
    const a = attachmentStream(signed);
    const v = await verifyReportPdf(flipped(signed, a.start + Math.floor(a.length / 2)));
    expect(v.attachmentOk).toBe(false);
    expect(v.signatures[0]?.problems).toContain('digest');
  });

  it('fails when the signature value itself is changed', async () => {
    const [, b, c] = byteRange(signed) as [number, number, number, number];
    const raw = Buffer.from(signed);
    // A hex digit of the CMS (well inside it, before the zero padding): replaced by another hex digit.
    const at = b + 1 + Math.floor((c - b) / 8);
    raw[at] = raw[at] === 0x30 ? 0x31 : 0x30;
    const v = await verifyReportPdf(raw);
    expect(v.ok).toBe(false);
    expect(v.signatures[0]?.ok).toBe(false);
  });

  it('fails when anything is appended after signing (the signature no longer covers the whole file)', async () => {
    const v = await verifyReportPdf(Buffer.concat([signed, Buffer.from('\n% appended\n')]));
    expect(v.ok).toBe(false);
    expect(v.signatures[0]?.problems).toEqual(['notWholeFile']);
  });

  it.skipIf(!PDFSIG)('is invalid for pdfsig too after one flipped byte (page content, attachment)', () => {
    for (const [where, at] of positions().filter(
      ([w]) => w === 'a page\u2019s content' || w === 'the attached results',
    )) {
      const file = join(dir, 'flipped.pdf');
      writeFileSync(file, flipped(signed, at));
      const out = pdfsig(file);
      expect(out, where).not.toContain('Signature is Valid.');
      expect(out, where).toMatch(/Signature Validation: (Digest Mismatch|Signature is Invalid)/);
    }
  });

  it('signing adds little to the PDF (timing beside the unsigned print, same browser)', () => {
    // The bench measures this on the 1,200-control report; here only a loose bound against gross regressions.
    expect(signedMs).toBeLessThan(unsignedMs * 2 + 2000);
  });
});

describe.skipIf(!OPENSSL)('signing refusals (ja/en messages, nothing printed)', () => {
  it('refuses a wrong password, a file that is not PKCS#12, a non-PDF format, a timestamp without TSA URL', async () => {
    const rt = await freshRuntime();
    const a = await call(rt.ctx, 'demo.create', {});
    const base = { assessmentId: a.id, format: 'pdf', lang: 'ja' } as const;
    const wrong = await refusal(
      call(rt.ctx, 'report.build', { ...base, sign: { p12: p12.toString('base64'), password: 'not-it' } }),
    );
    expect(wrong.key).toBe('signingPasswordWrong');
    expect(JSON.stringify(wrong.params)).not.toContain('not-it');
    const pem = await refusal(
      call(rt.ctx, 'report.build', {
        ...base,
        sign: { p12: readFileSync(join(dir, 'cert.pem')).toString('base64'), password: PASSWORD },
      }),
    );
    expect(pem.key).toBe('signingKeyNotPkcs12');
    const der = await refusal(
      call(rt.ctx, 'report.build', {
        ...base,
        sign: { p12: openssl(['x509', '-in', 'cert.pem', '-outform', 'DER']).toString('base64'), password: PASSWORD },
      }),
    );
    expect(der.key).toBe('signingKeyNotPkcs12');
    const xlsx = await refusal(
      call(rt.ctx, 'report.build', {
        ...base,
        format: 'xlsx',
        sign: { p12: p12.toString('base64'), password: PASSWORD },
      }),
    );
    expect(xlsx.key).toBe('signingPdfOnly');
    const tsa = await refusal(
      call(rt.ctx, 'report.build', {
        ...base,
        sign: { p12: p12.toString('base64'), password: PASSWORD, timestamp: {} },
      }),
    );
    expect(tsa.key).toBe('tsaUrlRequired');
    const huge = await refusal(
      call(rt.ctx, 'report.build', {
        ...base,
        sign: { p12: Buffer.alloc(70 * 1024, 1).toString('base64'), password: PASSWORD },
      }),
    );
    expect(huge).toMatchObject({ key: 'badInput', params: { field: 'sign.p12' } });
  });

  it('B-T hook: off by default, refused without or with a non-HTTP TSA URL, B-T once a URL is given (no request is sent here)', async () => {
    const now = new Date();
    expect(summaryOf(await openSigningKey({ p12, password: PASSWORD }, now), now).level).toBe('B-B');
    expect((await refusal(openSigningKey({ p12, password: PASSWORD, timestamp: {} }, now))).key).toBe('tsaUrlRequired');
    expect(
      (await refusal(openSigningKey({ p12, password: PASSWORD, timestamp: { tsaUrl: 'ftp://tsa.example/' } }, now)))
        .key,
    ).toBe('tsaUrlInvalid');
    // Opening the key with a TSA only prepares the request; the TSA is asked when signing, which no test does.
    const withTsa = await openSigningKey(
      { p12, password: PASSWORD, timestamp: { tsaUrl: 'https://tsa.example.invalid/tsr' } },
      now,
    );
    expect(withTsa.tsa).not.toBeNull();
    expect(summaryOf(withTsa, now).level).toBe('B-T');
  });

  it('signs with an ECDSA P-256 key too, valid for our checker and pdfsig', async () => {
    openssl([
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      'ec.pem',
      '-out',
      'ec-cert.pem',
      '-days',
      '90',
      '-subj',
      '/O=EC Org/CN=EC Signer',
    ]);
    openssl(['pkcs12', '-export', '-inkey', 'ec.pem', '-in', 'ec-cert.pem', '-out', 'ec.p12', '-passout', 'pass:ec']);
    const rt = await freshRuntime();
    const a = await call(rt.ctx, 'demo.create', {});
    const r = await buildReport(rt.ctx, {
      assessmentId: a.id,
      format: 'pdf',
      lang: 'en',
      browser,
      sections: ['summary'],
      sign: { p12: readFileSync(join(dir, 'ec.p12')), password: 'ec' },
    });
    const v = await verifyReportPdf(r.bytes);
    expect(v.ok).toBe(true);
    expect(v.signatures[0]?.certificate?.subject).toContain('CN=EC Signer');
    if (PDFSIG) {
      writeFileSync(join(dir, 'ec.pdf'), r.bytes);
      expect(pdfsig(join(dir, 'ec.pdf'))).toContain('Signature Validation: Signature is Valid.');
    }
  }, 60_000);

  it('refuses an expired certificate and warns of one that expires within 30 days', async () => {
    const later = (days: number) => () => new Date(Date.now() + days * 24 * 3600 * 1000);
    const expired = await freshRuntime({ now: later(100) });
    const a = await call(expired.ctx, 'demo.create', {});
    const e = await refusal(
      call(expired.ctx, 'report.build', {
        assessmentId: a.id,
        format: 'pdf',
        lang: 'en',
        sign: { p12: p12.toString('base64'), password: PASSWORD },
      }),
    );
    expect(e.key).toBe('signingCertExpired');
    expect(e.params.subject).toContain('テスト署名者');

    const soon = await freshRuntime({ now: later(70) });
    const b = await call(soon.ctx, 'demo.create', {});
    const r = await buildReport(soon.ctx, {
      assessmentId: b.id,
      format: 'pdf',
      lang: 'en',
      browser,
      sections: ['summary'],
      sign: { p12, password: PASSWORD },
    });
    expect(r.signature).toMatchObject({ expiresSoon: true });
    expect(r.signature?.expiresInDays).toBeLessThanOrEqual(20);
    expect((await verifyReportPdf(r.bytes)).ok).toBe(true);
  }, 60_000);
});

describe.skipIf(!OPENSSL)('tenken report --sign-p12 / report verify', () => {
  it('signs from the CLI with the password from a file, verifies, and fails verification after one flipped byte', async () => {
    const d = tempDir();
    const a = JSON.parse((await cli('--data-dir', d, '--json', 'demo')).out) as { id: string };
    const pdf = join(d, 'signed.pdf');
    const r = await cli(
      '--data-dir',
      d,
      '--lang',
      'en',
      'report',
      '--assessment',
      a.id,
      '--format',
      'pdf',
      '--sections',
      'summary',
      '--sign-p12',
      join(dir, 'org.p12'),
      '--sign-password-file',
      join(dir, 'pass.txt'),
      '--out',
      pdf,
    );
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/Signed \(PAdES B-B\) by .*テスト署名者/);
    expect(r.out).not.toContain(PASSWORD);

    const ok = await cli('--data-dir', d, '--lang', 'en', 'report', 'verify', pdf, '--require-signature');
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toContain('The signature is valid');
    expect(ok.out).toMatch(/Signer: .*CN=テスト署名者/);
    expect(ok.out).toMatch(/Valid: \d{4}-\d\d-\d\dT.* to \d{4}-/);
    expect(ok.out).toContain('covers the whole file: yes');

    const raw = readFileSync(pdf);
    const bad = join(d, 'tampered.pdf');
    writeFileSync(bad, flipped(raw, raw.indexOf('stream', raw.indexOf('/Type /Page')) + 'stream\n'.length + 10));
    const v = await cli('--data-dir', d, '--lang', 'ja', 'report', 'verify', bad);
    expect(v.code).toBe(1);
    expect(v.err).toMatch(/電子署名が無効/);
    expect(v.err).toMatch(/ハッシュ不一致/);
  }, 60_000);

  it('refuses without a password file, with a wrong password (writing nothing), and --require-signature on an unsigned PDF', async () => {
    const d = tempDir();
    const a = JSON.parse((await cli('--data-dir', d, '--json', 'demo')).out) as { id: string };
    const out = join(d, 'x.pdf');
    const noPass = await cli(
      '--data-dir',
      d,
      '--lang',
      'en',
      'report',
      '--assessment',
      a.id,
      '--format',
      'pdf',
      '--sign-p12',
      join(dir, 'org.p12'),
      '--out',
      out,
    );
    expect(noPass.code).not.toBe(0);
    expect(noPass.err).toContain('sign-password-file');
    // A password on the command line is not an option at all.
    const onLine = await cli(
      '--data-dir',
      d,
      'report',
      '--assessment',
      a.id,
      '--format',
      'pdf',
      '--sign-p12',
      join(dir, 'org.p12'),
      '--sign-password',
      PASSWORD,
      '--out',
      out,
    );
    expect(onLine.code).not.toBe(0);
    writeFileSync(join(d, 'wrong.txt'), 'nope\n');
    const wrong = await cli(
      '--data-dir',
      d,
      '--lang',
      'ja',
      'report',
      '--assessment',
      a.id,
      '--format',
      'pdf',
      '--sign-p12',
      join(dir, 'org.p12'),
      '--sign-password-file',
      join(d, 'wrong.txt'),
      '--out',
      out,
    );
    expect(wrong.code).not.toBe(0);
    expect(wrong.err).toContain('パスワードが違います');
    expect(existsSync(out)).toBe(false);
    const noTsa = await cli(
      '--data-dir',
      d,
      '--lang',
      'en',
      'report',
      '--assessment',
      a.id,
      '--format',
      'pdf',
      '--sign-p12',
      join(dir, 'org.p12'),
      '--sign-password-file',
      join(dir, 'pass.txt'),
      '--timestamp',
      '--out',
      out,
    );
    expect(noTsa.err).toContain('timestamp authority');
    expect(existsSync(out)).toBe(false);

    const unsigned = join(d, 'unsigned.pdf');
    expect(
      (
        await cli(
          '--data-dir',
          d,
          'report',
          '--assessment',
          a.id,
          '--format',
          'pdf',
          '--sections',
          'summary',
          '--out',
          unsigned,
        )
      ).code,
    ).toBe(0);
    const plain = await cli('--data-dir', d, '--lang', 'en', 'report', 'verify', unsigned);
    expect(plain.code).toBe(0);
    expect(plain.out).toContain('not signed');
    expect((await cli('--data-dir', d, 'report', 'verify', unsigned, '--require-signature')).code).toBe(1);
  }, 60_000);
});
