import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../../src/main/api/dispatch';
import { buildReport } from '../../src/main/report/build';
import { extractAttachment, launchReportBrowser } from '../../src/main/report/render/pdf';
import { RESULTS_FILE_NAME } from '../../src/core/report/results-json';
import { chromiumPath } from '../support/chromium';
import { freshRuntime } from '../support/workspace';

/**
 * The pages an auditor places and trusts (issues #12.2, #15.8), read back with pdftotext: the DRAFT watermark on
 * every page of a draft and on none of a final approved report, the running header (organization, title, date in
 * the user's zone) and the marking in the footer of both languages, the sign-off page, 暫定 beside a score with
 * answers missing, and the report number rising with each export.
 */

const POPPLER = ['pdftotext', 'pdfinfo'].every((t) => existsSync(`/usr/bin/${t}`));
const run = (cmd: string, args: string[]) =>
  execFileSync(`/usr/bin/${cmd}`, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
const squash = (s: string) => s.replace(/\s+/g, '');

let browser: Browser;
const dir = mkdtempSync(join(tmpdir(), 'tenken-signoff-pdf-'));
const files: Record<string, string> = {};
let draftId = '';
let approvedId = '';
let rt: Awaited<ReturnType<typeof freshRuntime>>;

/** Each page's text, in content order (-raw keeps the rotated watermark's letters together). */
function pages(name: string): string[] {
  const file = files[name] as string;
  const n = Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [file]))?.[1]);
  return Array.from({ length: n }, (_, i) =>
    squash(run('pdftotext', ['-raw', '-enc', 'UTF-8', '-f', String(i + 1), '-l', String(i + 1), file, '-'])),
  );
}

async function pdf(name: string, assessmentId: string, lang: 'ja' | 'en') {
  const r = await buildReport(rt.ctx, { assessmentId, format: 'pdf', lang, browser });
  files[name] = join(dir, `${name}.pdf`);
  writeFileSync(files[name], r.bytes);
}

beforeAll(async () => {
  browser = await launchReportBrowser(chromiumPath());
  // 20:30 UTC is the next morning in Tokyo: the header's date is the user's date.
  rt = await freshRuntime({ now: () => new Date('2026-12-03T20:30:00Z') });
  await call(rt.ctx, 'settings.update', { timeZone: 'Asia/Tokyo' });
  const draft = await call(rt.ctx, 'assessments.create', {
    name: '下書きの点検',
    catalog: 'ipa-web-meeting',
    organization: '点検株式会社',
  });
  draftId = draft.id;
  const ids = (await call(rt.ctx, 'assessments.get', { id: draftId })).controls
    .filter((c) => c.assessable)
    .map((c) => c.controlId);
  // Half answered: the score is provisional.
  await call(rt.ctx, 'answers.batch', {
    assessmentId: draftId,
    controlKeys: ids.slice(0, Math.ceil(ids.length / 2)),
    value: 'implemented',
  });
  const done = await call(rt.ctx, 'assessments.create', {
    name: '承認済みの点検',
    catalog: 'ipa-web-meeting',
    organization: '点検株式会社',
  });
  approvedId = done.id;
  await call(rt.ctx, 'answers.batch', { assessmentId: approvedId, controlKeys: ids, value: 'implemented' });
  await call(rt.ctx, 'signoff.set', {
    assessmentId: approvedId,
    step: 'prepared',
    name: '佐藤 花子',
    role: '情報システム部',
  });
  await call(rt.ctx, 'assessments.setStatus', { id: approvedId, status: 'in_review' });
  await call(rt.ctx, 'assessments.setStatus', { id: approvedId, status: 'final' });
  // Final but not yet approved: still a draft.
  await pdf('final-ja', approvedId, 'ja');
  await call(rt.ctx, 'signoff.set', {
    assessmentId: approvedId,
    step: 'reviewed',
    name: '鈴木 一郎',
    role: '内部監査室',
  });
  await call(rt.ctx, 'signoff.set', { assessmentId: approvedId, step: 'approved', name: '山田 太郎', role: 'CISO' });
  await pdf('draft-ja', draftId, 'ja');
  await pdf('draft-en', draftId, 'en');
  await pdf('approved-ja', approvedId, 'ja');
  await pdf('approved-en', approvedId, 'en');
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

describe.skipIf(!POPPLER)('PDF sign-off, watermark, header and marking', () => {
  it('puts 下書き／DRAFT on every page of a draft, and of a final report not yet approved', () => {
    for (const [name, mark] of [
      ['draft-ja', '下書き／DRAFT'],
      ['draft-en', 'DRAFT'],
      ['final-ja', '下書き／DRAFT'],
    ] as const) {
      const p = pages(name);
      expect(p.length, name).toBeGreaterThan(3);
      p.forEach((text, i) => expect(text.includes(mark), `${name} page ${i + 1}`).toBe(true));
    }
    expect(pages('draft-ja')[0]).toContain('この報告書は下書きです');
  });

  it('has no watermark once the assessment is final and approved, in either language', () => {
    for (const name of ['approved-ja', 'approved-en']) {
      const all = pages(name).join('');
      expect(all).not.toContain('DRAFT');
      expect(all).not.toContain('下書き');
    }
    expect(pages('approved-ja')[0]).toContain('確定・承認済み');
    expect(pages('approved-en')[0]).toContain('Final,approved');
  });

  it('prints organization, report title and the date where the user is on every page after the cover', () => {
    for (const [name, title] of [
      ['draft-ja', 'セキュリティ自己点検報告書—下書きの点検'],
      ['approved-en', 'Securityself-assessmentreport—承認済みの点検'],
    ] as const)
      pages(name)
        .slice(1)
        .forEach((text, i) => {
          expect(text, `${name} page ${i + 2}`).toContain(`点検株式会社`);
          expect(text, `${name} page ${i + 2}`).toContain(title);
          expect(text, `${name} page ${i + 2}`).toContain('2026-12-04');
        });
  });

  it('prints the marking in the footer of every page in Japanese and in English', () => {
    // The cover shows the marking once in its box; every page has it once more, in the footer.
    for (const [name, marking] of [
      ['draft-ja', '社外秘'],
      ['approved-ja', '社外秘'],
      ['approved-en', 'Confidential'],
    ] as const)
      pages(name).forEach((text, i) => {
        const count = text.split(marking).length - 1;
        expect(count, `${name} page ${i + 1}`).toBeGreaterThanOrEqual(i === 0 ? 2 : 1);
      });
  });

  it('prints the sign-off page: who prepared, reviewed and approved, with role and time in the user’s zone', () => {
    const ja = pages('approved-ja')[1] as string;
    expect(ja).toContain('作成・レビュー・承認');
    expect(ja).toContain('佐藤花子');
    expect(ja).toContain('情報システム部');
    expect(ja).toContain('鈴木一郎');
    expect(ja).toContain('山田太郎');
    expect(ja).toContain('CISO');
    expect(ja).toContain('2026-12-0405:30JST(+09:00)');
    const en = pages('draft-en')[1] as string;
    expect(en).toContain('Sign-off');
    expect(en.split('Notrecorded').length - 1).toBe(3);
  });

  it('says 暫定 / provisional beside the score on the cover and the summary while answers are missing', () => {
    const [cover, , summary] = pages('draft-ja');
    expect(cover).toMatch(/総合スコア[\d.]+%（暫定：未回答あり）/);
    expect(summary).toContain('（暫定：未回答あり）');
    expect(pages('draft-en')[0]).toMatch(/Overallscore[\d.]+%\(provisional/);
    expect(pages('approved-ja').join('')).not.toContain('暫定');
  });

  it('numbers reports per assessment: every export takes the next number; the preview takes none', async () => {
    // approved: final-ja (1), approved-ja (2), approved-en (3); draft: draft-ja (1), draft-en (2).
    expect(pages('final-ja')[0]).toContain('報告書番号第1号');
    expect(pages('approved-en')[0]).toContain('ReportnumberNo.3');
    expect(pages('draft-en')[0]).toContain('ReportnumberNo.2');
    // The attached results record the number and the sign-off.
    const attached = await extractAttachment(readFileSync(files['approved-en'] as string), RESULTS_FILE_NAME);
    expect(JSON.parse(Buffer.from(attached as Uint8Array).toString('utf8'))).toMatchObject({
      reportNumber: 3,
      released: true,
      signoff: { approved: { name: '山田 太郎', role: 'CISO' } },
    });
    // freshRuntime closes its workspace after each test: this part runs on its own.
    const own = await freshRuntime();
    const a = await call(own.ctx, 'assessments.create', { name: 'n', catalog: 'ipa-web-meeting' });
    const number = async (format: 'json' | 'csv') =>
      (await buildReport(own.ctx, { assessmentId: a.id, format, lang: 'ja' })).bytes.toString('utf8');
    await call(own.ctx, 'report.preview', { assessmentId: a.id, lang: 'ja' });
    const first = JSON.parse(await number('json')) as { reportNumber: number; released: boolean; signoff: unknown };
    expect(first).toMatchObject({
      reportNumber: 1,
      released: false,
      signoff: { prepared: null, reviewed: null, approved: null },
    });
    await number('csv');
    expect((JSON.parse(await number('json')) as { reportNumber: number }).reportNumber).toBe(3);
  });
});
