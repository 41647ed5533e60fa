import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../../src/main/api/dispatch';
import { buildReport } from '../../src/main/report/build';
import { launchReportBrowser, resolveChromium } from '../../src/main/report/render/pdf';
import { freshRuntime } from '../support/workspace';

/**
 * The PDF of a PCI DSS v4.0.1 assessment with an overall comment (総評), findings of each severity and one item met
 * with a compensating control whose worksheet is partly written, printed in Japanese and English with the system
 * Chromium and read back with pdftotext. Skipped with a warning without a Chromium or poppler-utils. Set
 * TENKEN_PDF_OUT=<folder> to keep the PDFs and the PNGs of their pages (pdftoppm -r 60) for a look.
 */

const POPPLER = ['pdftotext', 'pdftoppm'].every((t) => existsSync(`/usr/bin/${t}`));
let CHROMIUM: string | null = null;
try {
  CHROMIUM = resolveChromium();
} catch (e) {
  console.warn(`[skip] test/report/pdf-findings: no Chromium, nothing is printed (${String(e).slice(0, 160)})`);
}
if (!POPPLER) console.warn('[skip] test/report/pdf-findings: poppler-utils missing, the text checks are SKIPPED');
const INSPECTS = CHROMIUM !== null && POPPLER;

const OVERALL =
  '全体として要件はおおむね満たされているが、ネットワーク分離と脆弱性管理に重大な指摘がある。\n是正計画の進捗を四半期ごとに確認する。';
const CONSTRAINT = '決済端末の管理ソフトが旧版で、パスワード長を12文字にできない（ベンダー回答 2026年4月）。';
const DEFINITION = '多要素認証を全利用者に必須とし、認証ログを毎日レビューする。';
const squash = (s: string) => s.replace(/\s+/g, '');
const text: Partial<Record<'ja' | 'en', string>> = {};
let dir = '';
let browser: Browser | undefined;

beforeAll(async () => {
  if (!INSPECTS) return;
  dir = mkdtempSync(join(tmpdir(), 'tenken-pdf-findings-'));
  browser = await launchReportBrowser(CHROMIUM as string);
  const rt = await freshRuntime();
  const a = await call(rt.ctx, 'assessments.create', {
    name: 'PCI DSS 自己評価 2026',
    catalog: 'pci-dss@4.0.1',
    organization: '株式会社テスト決済',
  });
  const set = (controlKey: string, fields: Record<string, unknown>) =>
    call(rt.ctx, 'answers.set', { assessmentId: a.id, controlKey, ...fields });
  await set('2.2.1', { value: 'not_in_place', dueDate: '2026-12-31', remediation: '設定標準を改訂する。' });
  await set('8.3.5', { value: 'not_in_place', dueDate: '2027-01-15', severity: 'low', remediation: '手順書を改訂。' });
  await set('1.2.1', { value: 'not_in_place', dueDate: '2027-06-30', severity: 'high', remediation: 'FW を分離。' });
  await set('6.3.3', { value: 'not_in_place', severity: 'medium', remediation: 'パッチ適用を月次化。' });
  await set('8.3.6', {
    value: 'in_place_ccw',
    justification: '旧システムの制約のため代替コントロールで満たす。',
    ccwConstraints: CONSTRAINT,
    ccwDefinition: DEFINITION,
  });
  await call(rt.ctx, 'assessments.update', { id: a.id, overallComment: OVERALL });
  const keep = process.env.TENKEN_PDF_OUT;
  for (const lang of ['ja', 'en'] as const) {
    const pdf = (await buildReport(rt.ctx, { assessmentId: a.id, format: 'pdf', lang, browser })).bytes;
    const file = join(dir, `findings-${lang}.pdf`);
    writeFileSync(file, pdf);
    text[lang] = execFileSync('/usr/bin/pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    if (keep) {
      mkdirSync(keep, { recursive: true });
      writeFileSync(join(keep, `findings-${lang}.pdf`), pdf);
      execFileSync('/usr/bin/pdftoppm', ['-r', '60', '-png', file, join(keep, `findings-${lang}`)]);
    }
  }
}, 180_000);

afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe(INSPECTS ? 'the PDF report' : 'the PDF report — SKIPPED: no Chromium or poppler', () => {
  it.skipIf(!INSPECTS)('prints the 総評 under its heading in the summary, before the figures', () => {
    const ja = squash(text.ja as string);
    const at = ja.indexOf(squash(OVERALL));
    expect(at).toBeGreaterThan(0);
    expect(ja.lastIndexOf('総評', at)).toBeGreaterThan(ja.lastIndexOf('概要', at));
    expect(ja.indexOf('総合スコア', at)).toBeGreaterThan(at);
    expect(squash(text.en as string)).toContain('Overallassessment');
  });

  it.skipIf(!INSPECTS)('prints each finding’s severity, highest first, in the findings section', () => {
    const ja = squash(text.ja as string);
    const section = ja.slice(ja.lastIndexOf('指摘事項と改善計画'));
    expect(section).toContain('重大度');
    const order = ['FWを分離。', 'パッチ適用を月次化。', '手順書を改訂。', '設定標準を改訂する。'].map((r) =>
      section.indexOf(r),
    );
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((x, y) => x - y)).toEqual(order);
    const en = squash(text.en as string);
    expect(en.slice(en.lastIndexOf('Findingsandremediation'))).toMatch(/Severity.*High.*Medium.*Low/);
  });

  it.skipIf(!INSPECTS)('prints the compensating-control worksheet block with its six fields, empty ones marked', () => {
    const ja = squash(text.ja as string);
    const block = ja.slice(ja.indexOf('代替コントロールワークシート'));
    expect(block.length).toBeGreaterThan(0);
    expect(block).toContain('8.3.6');
    for (const label of ['制約', '本来の目的', '特定したリスク', '代替コントロールの内容', '検証方法', '維持方法'])
      expect(block).toContain(label);
    expect(block).toContain(squash(CONSTRAINT));
    expect(block).toContain(squash(DEFINITION));
    expect(block).toContain('（未記入）');
    const en = squash(text.en as string);
    expect(en).toContain('Compensatingcontrolworksheets');
    expect(en).toContain('Definitionofthecompensatingcontrol');
    expect(en).toContain('(notwritten)');
  });
});
