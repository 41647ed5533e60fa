// Signing the 1,200-control PDF (PAdES B-B with a PKCS#12 made here by openssl) beside the same PDF unsigned: the
// goal is that signing adds less than 10%. Alone: `node --import tsx bench/report-signing.ts` (prints JSON).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { startRuntime } from '../src/main/app/runtime';
import type { ServiceContext } from '../src/main/context';
import { buildReport } from '../src/main/report/build';
import { launchReportBrowser, resolveChromium } from '../src/main/report/render/pdf';
import { openSigningKey, signPdf } from '../src/main/report/sign-pdf';
import type { UiFigure } from './answering-ui';
import { benchReportAssessment } from './report-assessment';

const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const since = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const r3 = (x: number) => Math.round(x * 10) / 10;

/** A throwaway RSA-2048 signing certificate as PKCS#12 (openssl), or null without openssl. */
function benchP12(dir: string): { p12: Buffer; password: string } | null {
  if (!existsSync('/usr/bin/openssl')) return null;
  const run = (args: string[]) =>
    execFileSync('/usr/bin/openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  writeFileSync(join(dir, 'pass.txt'), 'bench-password');
  run([
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
    '30',
    '-subj',
    '/O=Bench/CN=Bench signer',
  ]);
  run(['pkcs12', '-export', '-inkey', 'key.pem', '-in', 'cert.pem', '-out', 'bench.p12', '-passout', 'file:pass.txt']);
  return { p12: readFileSync(join(dir, 'bench.p12')), password: 'bench-password' };
}

/** Whole signed PDF vs whole unsigned PDF (alternating, 3 each), and the signing step alone on the printed PDF. */
export async function signingFigures(ctx: ServiceContext, assessmentId: string, browser: Browser): Promise<UiFigure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'tenken-bench-sign-'));
  try {
    const key = benchP12(dir);
    if (!key)
      return [
        {
          name: 'report.pdf signed (1,200 controls)',
          unit: 'ms',
          value: 0,
          floor: null,
          ratio: null,
          note: 'SKIPPED: openssl missing, no test certificate',
        },
      ];
    const req = { assessmentId, format: 'pdf', lang: 'ja', browser } as const;
    await buildReport(ctx, { ...req, sign: key }); // warm-up (module load, first key import)
    const unsigned: number[] = [];
    const signed: number[] = [];
    let pdf: Buffer = Buffer.alloc(0);
    for (let i = 0; i < 3; i++) {
      let t0 = process.hrtime.bigint();
      pdf = (await buildReport(ctx, req)).bytes;
      unsigned.push(since(t0));
      t0 = process.hrtime.bigint();
      await buildReport(ctx, { ...req, sign: key });
      signed.push(since(t0));
    }
    const step: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = process.hrtime.bigint();
      const k = await openSigningKey(key, new Date());
      await signPdf(pdf, k, { signingTime: new Date() });
      step.push(since(t0));
    }
    return [
      {
        name: `report.pdf signed p50 (1,200 controls, ${(pdf.length / 1024 / 1024).toFixed(1)} MB)`,
        unit: 'ms',
        value: r3(p50(signed)),
        floor: r3(p50(unsigned)),
        ratio: Math.round((p50(signed) / p50(unsigned)) * 1000) / 1000,
        note: 'floor: the same PDF unsigned (goal: ratio < 1.10); PAdES B-B, RSA-2048 PKCS#12, @libpdf/core incremental update + self-check',
      },
      {
        name: 'report.pdf signing step p50 (open PKCS#12, sign, self-check)',
        unit: 'ms',
        value: r3(p50(step)),
        floor: r3(p50(unsigned)),
        ratio: Math.round((p50(step) / p50(unsigned)) * 1000) / 1000,
        note: 'the signing step alone on the printed 1,200-control PDF, against the whole unsigned PDF',
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Run alone: the 1,200-control assessment of bench/report.ts, then the signing figures only.
async function alone(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tenken-bench-report-'));
  const rt = await startRuntime({ dataDir: dir, shell: 'cli' });
  const browser = await launchReportBrowser(resolveChromium());
  try {
    const assessmentId = await benchReportAssessment(rt.ctx);
    console.log(JSON.stringify(await signingFigures(rt.ctx, assessmentId, browser), null, 2));
  } finally {
    await browser.close();
    rt.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
if (process.argv[1] && /report-signing\.ts$/.test(process.argv[1])) void alone();
