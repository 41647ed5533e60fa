import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFName, type PDFRef } from 'pdf-lib';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../../src/main/api/dispatch';
import { REPORT_LABELS } from '../../src/core/report/labels';
import { buildReport } from '../../src/main/report/build';
import { extractAttachment, launchReportBrowser, verifyReportPdf } from '../../src/main/report/render/pdf';
import { RESULTS_FILE_NAME } from '../../src/core/report/results-json';
import { chromiumPath } from '../support/chromium';
import { freshRuntime } from '../support/workspace';
import { outlineEntries, outlineTitles } from './pdf-outline';

/**
 * The PDF of the demo ISMAP assessment in Japanese, printed once per file with one Chromium, checked with poppler
 * (pdffonts, pdftotext, pdfinfo, pdftoppm) and pdf-lib. A second PDF carries hostile text.
 */

const POPPLER = ['pdffonts', 'pdftotext', 'pdfinfo', 'pdftoppm'].every((t) => existsSync(`/usr/bin/${t}`));
if (!POPPLER)
  console.warn(
    '[test/report/pdf] poppler-utils missing (/usr/bin/pdffonts …): font, text and page checks are SKIPPED; apt-get install poppler-utils',
  );

const LONG = `長文開始${'ABCDEFGHIJ'.repeat(999)}長文終了`;
const HOSTILE = {
  comment: '<script>alert(1)</script>',
  justification: '=HYPERLINK("http://x","y")',
  owner: '@SUM(A1)',
  remediation: LONG,
};

let dir = '';
let browser: Browser;
let demoPdf: Buffer;
let demoEnPdf: Buffer;
let hostilePdf: Buffer;
let demoFile = '';
let demoEnFile = '';
let hostileFile = '';
const timings: Record<string, number> = {};

const run = (cmd: string, args: string[]) =>
  execFileSync(`/usr/bin/${cmd}`, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
const squash = (s: string) => s.replace(/\s+/g, '');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tenken-report-pdf-'));
  let t = Date.now();
  browser = await launchReportBrowser(chromiumPath());
  timings.launch = Date.now() - t;
  const rt = await freshRuntime();
  const a = await call(rt.ctx, 'demo.create', {});
  t = Date.now();
  demoPdf = (await buildReport(rt.ctx, { assessmentId: a.id, format: 'pdf', lang: 'ja', browser })).bytes;
  timings.demoPdf = Date.now() - t;
  demoEnPdf = (await buildReport(rt.ctx, { assessmentId: a.id, format: 'pdf', lang: 'en', browser })).bytes;
  await call(rt.ctx, 'answers.set', {
    assessmentId: a.id,
    controlKey: '4.1',
    value: 'not_implemented',
    ...HOSTILE,
    dueDate: '2026-08-01',
  });
  t = Date.now();
  hostilePdf = (await buildReport(rt.ctx, { assessmentId: a.id, format: 'pdf', lang: 'ja', browser })).bytes;
  timings.hostilePdf = Date.now() - t;
  demoFile = join(dir, 'demo.pdf');
  hostileFile = join(dir, 'hostile.pdf');
  writeFileSync(demoFile, demoPdf);
  demoEnFile = join(dir, 'demo-en.pdf');
  writeFileSync(demoEnFile, demoEnPdf);
  writeFileSync(hostileFile, hostilePdf);
  console.info(
    `[test/report/pdf] launch ${timings.launch} ms; demo PDF ${timings.demoPdf} ms, ${(demoPdf.length / 1024).toFixed(0)} KB; hostile PDF ${timings.hostilePdf} ms, ${(hostilePdf.length / 1024).toFixed(0)} KB`,
  );
}, 60_000);

afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('PDF report of the demo assessment (ja)', () => {
  it('is printed in a few seconds and stays small', () => {
    expect(demoPdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(timings.demoPdf).toBeLessThan(10_000);
    expect(demoPdf.length).toBeLessThan(4 * 1024 * 1024);
  });

  it.skipIf(!POPPLER)('embeds every font, all CID TrueType subsets of the bundled Noto Sans JP, no Type 3', () => {
    const lines = run('pdffonts', [demoFile]).trim().split('\n').slice(2);
    expect(lines.length).toBeGreaterThan(0);
    const fonts = lines.map((l) => {
      const m = /^(\S+)\s+(.+?)\s{2,}(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$/.exec(l);
      expect(m, l).not.toBeNull();
      return { name: m?.[1] ?? '', type: m?.[2] ?? '', emb: m?.[4] };
    });
    expect(fonts.filter((f) => f.emb !== 'yes')).toEqual([]);
    expect(fonts.filter((f) => /Type 3/.test(f.type))).toEqual([]);
    // Only the footer's page numbers (an ASCII template, which cannot use web fonts) may use a system font.
    expect(fonts.filter((f) => !/NotoSansJP/.test(f.name)).length).toBeLessThanOrEqual(1);
    expect(fonts.some((f) => /NotoSansJP.*Bold/.test(f.name))).toBe(true);
  });

  it.skipIf(!POPPLER)(
    'gives back Japanese titles, a Japanese comment and the printed results hash as text',
    async () => {
      const text = run('pdftotext', ['-enc', 'UTF-8', demoFile, '-']);
      for (const title of [
        'セキュリティ自己点検 報告書',
        '概要',
        '管理策ごとの回答',
        '指摘事項と改善計画',
        '適用除外・対象外の理由',
        '証跡一覧',
        '変更履歴の要約',
        'カタログの出典と利用条件',
      ])
        expect(text).toContain(title);
      expect(squash(text)).toContain('情報セキュリティ委員会の議事録（2026年4月）で承認を確認した。');
      expect(squash(text)).toContain('IAMポリシー設定画面.png');
      expect(text).toMatch(/SHA-256\s+[0-9a-f]{64}\n/); // evidence hashes on one line
      const { printedSha256 } = await verifyReportPdf(demoPdf);
      expect(run('pdftotext', ['-f', '1', '-l', '1', demoFile, '-'])).toContain(printedSha256 as string);
      expect(text).toContain('社外秘');
    },
  );

  it.skipIf(!POPPLER)('has a title, is tagged, is A4 and shows page x / y', () => {
    const info = run('pdfinfo', [demoFile]);
    expect(info).toMatch(/^Title:\s+セキュリティ自己点検 報告書 — 2026年度 ISMAP 自己点検/m);
    expect(info).toMatch(/^Tagged:\s+yes/m);
    expect(info).toMatch(/^Page size:\s+595\.\d+ x 841\.\d+|^Page size:\s+595\.\d+ x 842\.\d+ pts \(A4\)/m);
    expect(info).toMatch(/^Producer:\s+Tenken/m);
    const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
    expect(pages).toBeGreaterThan(8);
    expect(run('pdftotext', ['-f', '2', '-l', '2', demoFile, '-'])).toContain(`2 / ${pages}`);
  });

  it('has bookmarks for the sections and the groups, and metadata for language and keywords', async () => {
    const doc = await PDFDocument.load(demoPdf);
    const titles = outlineTitles(doc);
    expect(titles.map((t) => t.trim())).toEqual(
      expect.arrayContaining([
        'セキュリティ自己点検 報告書',
        '概要',
        '指摘事項と改善計画',
        '証跡一覧',
        '9 アクセス権と認証の管理',
      ]),
    );
    expect(doc.getTitle()).toContain('ISMAP');
    expect(doc.getKeywords()).toMatch(/tenken-results-sha256=[0-9a-f]{64}/);
    expect(doc.catalog.lookup(PDFName.of('Lang'))?.toString()).toContain('ja');
    expect(doc.catalog.has(PDFName.of('StructTreeRoot'))).toBe(true);
  });

  it('in English too, has each section once in the outline, each bookmark at the page that shows its heading', async () => {
    const L = REPORT_LABELS.en;
    const entries = outlineEntries(await PDFDocument.load(demoEnPdf));
    const titles = entries.map((e) => e.title.trim());
    // A heading's text that reached into the previous page was painted there too: the bookmark got the title twice
    // ("Executive summaryExecutive summary") and pointed at the previous page.
    for (const section of [
      L.reportTitle,
      L.summary,
      L.results,
      L.findings,
      L.exclusions,
      L.evidence,
      L.audit,
      L.source,
    ]) {
      expect(
        titles.filter((t) => t.includes(section)),
        section,
      ).toEqual([section]);
    }
    expect(titles).toContain('9 Access rights and authentication');
    expect(titles.filter((t) => t.length % 2 === 0 && t.slice(0, t.length / 2) === t.slice(t.length / 2))).toEqual([]);
    if (!POPPLER) return;
    for (const e of entries) {
      expect(e.page, e.title).not.toBeNull();
      expect(
        squash(run('pdftotext', ['-enc', 'UTF-8', '-f', String(e.page), '-l', String(e.page), demoEnFile, '-'])),
        `${e.title} on page ${e.page}`,
      ).toContain(squash(e.title));
    }
  });

  it('carries the results JSON whose SHA-256 is the one printed', async () => {
    const v = await verifyReportPdf(demoPdf);
    expect(v.ok).toBe(true);
    expect(v.attachmentSha256).toMatch(/^[0-9a-f]{64}$/);
    const json = JSON.parse(
      Buffer.from((await extractAttachment(demoPdf, RESULTS_FILE_NAME)) as Uint8Array).toString('utf8'),
    ) as { schema: string };
    expect(json.schema).toBe('tenken-results/1');
  });

  it('fails verification when the attachment is replaced by one changed byte', async () => {
    const doc = await PDFDocument.load(demoPdf);
    const tree = doc.catalog.lookup(PDFName.of('Names'), PDFDict).lookup(PDFName.of('EmbeddedFiles'), PDFDict);
    const spec = tree.lookup(PDFName.of('Names'), PDFArray).lookup(1, PDFDict);
    const ef = spec.lookup(PDFName.of('EF'), PDFDict);
    const original = Buffer.from((await extractAttachment(demoPdf, RESULTS_FILE_NAME)) as Uint8Array);
    const changed = Buffer.from(original);
    const at = changed.indexOf('"value":"implemented"');
    changed[at + 9] = 'I'.charCodeAt(0); // "implemented" → "Implemented"
    doc.context.assign(
      ef.get(PDFName.of('F')) as PDFRef,
      doc.context.flateStream(changed, { Type: 'EmbeddedFile', Subtype: 'application/json' }),
    );
    const v = await verifyReportPdf(await doc.save({ useObjectStreams: false }));
    expect(v.ok).toBe(false);
    expect(v.printedSha256).not.toBeNull();
    expect(v.attachmentSha256).not.toBe(v.printedSha256);
  });

  it('fails verification when one byte inside the attachment\u2019s stream is flipped in the file', async () => {
    const raw = Buffer.from(demoPdf);
    const dict = raw.indexOf('/Type /EmbeddedFile');
    expect(dict).toBeGreaterThan(0);
    const length = Number(/\/Length (\d+)/.exec(raw.subarray(dict, dict + 500).toString('latin1'))?.[1]);
    const start = raw.indexOf('stream', dict) + 'stream\n'.length;
    const at = start + Math.floor(length / 2);
    raw[at] = (raw[at] as number) ^ 0x01;
    const v = await verifyReportPdf(raw);
    expect(v.ok).toBe(false);
    expect(v.attachmentSha256).not.toBe(v.printedSha256);
  });

  it.skipIf(!POPPLER)('renders the cover and a table page to PNG', () => {
    for (const page of ['1', '5']) {
      run('pdftoppm', ['-png', '-r', '60', '-f', page, '-l', page, '-singlefile', demoFile, join(dir, `page-${page}`)]);
      expect(existsSync(join(dir, `page-${page}.png`))).toBe(true);
    }
  });
});

describe('PDF report with hostile text', () => {
  it.skipIf(!POPPLER)('prints markup, formulas and a 10,000-character text literally', () => {
    // -raw keeps the content stream order (cell by cell), so a cell's wrapped lines are not interleaved with others.
    const flat = squash(run('pdftotext', ['-raw', '-enc', 'UTF-8', hostileFile, '-']));
    expect(flat).toContain('<script>alert(1)</script>');
    expect(flat).toContain('=HYPERLINK("http://x","y")');
    expect(flat).toContain('@SUM(A1)');
    expect(flat).toContain('長文開始');
    expect(flat).toContain('長文終了');
    // The whole text, in order: what lies between its start and end other than its own letters is only what every
    // page repeats (running header, marking, watermark, table header with "ID", page number) and the row's other
    // cells, none of them A–J.
    const long = flat.slice(flat.indexOf('長文開始') + '長文開始'.length, flat.indexOf('長文終了'));
    const header = squash(
      run('pdftotext', ['-raw', '-enc', 'UTF-8', '-f', '2', '-l', '2', hostileFile, '-']).split('\n')[0] ?? '',
    );
    expect(header).toContain('ISMAP');
    expect(
      long
        .replaceAll(header, '')
        .replace(/下書き／DRAFT|期限ID管理策回答担当改善計画コメント/g, '')
        .replace(/[^A-J]/g, ''),
    ).toBe('ABCDEFGHIJ'.repeat(999));
  });

  it('stays verifiable and on A4 pages', async () => {
    expect((await verifyReportPdf(hostilePdf)).ok).toBe(true);
    const doc = await PDFDocument.load(hostilePdf);
    for (const p of doc.getPages()) {
      expect(Math.round(p.getWidth())).toBe(596);
      expect(Math.round(p.getHeight())).toBe(843);
    }
    expect(doc.getPageCount()).toBeGreaterThan((await PDFDocument.load(demoPdf)).getPageCount());
  });
});
