import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, PDFName } from 'pdf-lib';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../../src/main/api/dispatch';
import { REPORT_LABELS } from '../../src/core/report/labels';
import { buildReport } from '../../src/main/report/build';
import { launchReportBrowser, resolveChromium, verifyReportPdf } from '../../src/main/report/render/pdf';
import { freshRuntime } from '../support/workspace';
import { outlineEntries, outlineTitles } from './pdf-outline';

/**
 * The PDF report of a PCI DSS v4.0.1 self-assessment (the shipped catalog, 280 assessable requirements): 25 answers
 * with every value of the PCI scale, Japanese comments, justifications for N/A, Not Tested and CCW, remediation for
 * Not in Place, and two evidence files. Printed in Japanese and English with the system Chromium, checked with
 * poppler (pdffonts, pdftotext, pdfinfo, pdftoppm) and pdf-lib.
 *
 * Skipped with a warning without a Chromium (resolveChromium) or without poppler-utils. Set TENKEN_PDF_OUT=<folder>
 * to keep the PDFs and the PNGs of page 1 and of a table page for a look.
 */

const POPPLER = ['pdffonts', 'pdftotext', 'pdfinfo', 'pdftoppm'].every((t) => existsSync(`/usr/bin/${t}`));
let CHROMIUM: string | null = null;
try {
  CHROMIUM = resolveChromium();
} catch (e) {
  console.warn(
    `[skip] test/report/pdf-pci: no Chromium, the PCI DSS PDF is not printed and every check is SKIPPED (${String(e).slice(0, 160)})`,
  );
}
if (!POPPLER)
  console.warn(
    '[skip] test/report/pdf-pci: poppler-utils missing (/usr/bin/pdffonts …): font, text and page checks are SKIPPED; apt-get install poppler-utils',
  );
const PRINTS = CHROMIUM !== null;
const INSPECTS = PRINTS && POPPLER;

const COMMENT = 'カード会員データ環境（CDE）のファイアウォール設定をレビューし、変更管理票と一致することを確認した。';
const NA_JUSTIFICATION =
  '当社はカード会員データを無線LANで送信しておらず、CDEに無線ネットワークは接続されていない（構成図 2026年5月版で確認）。';
const NOT_TESTED_JUSTIFICATION = '今回の評価範囲外（2027年度に評価予定）。';
const CCW_JUSTIFICATION =
  '旧システムの制約により、代替コントロール（多要素認証と操作ログの日次レビュー）で要件の趣旨を満たす。';
const REMEDIATION = '脆弱性スキャンの四半期実施手順を整備し、ASVスキャンの結果を保管する。';
const EVIDENCE = [
  { fileName: 'ネットワーク構成図_2026-05.pdf', content: Buffer.from('%PDF-1.4\n% ネットワーク構成図のダミー\n') },
  { fileName: 'firewall-rules-review.xlsx', content: Buffer.from('PK\u0003\u0004 firewall review (dummy)') },
];
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

let dir = '';
let browser: Browser | undefined;
const pdf: Partial<Record<'ja' | 'en', Buffer>> = {};
const file: Partial<Record<'ja' | 'en', string>> = {};
let answered: { controlId: string; titleJa: string; titleEn: string; value: string }[] = [];
const timings: Record<string, number> = {};

const run = (cmd: string, args: string[]) =>
  execFileSync(`/usr/bin/${cmd}`, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
const squash = (s: string) => s.replace(/\s+/g, '');

beforeAll(async () => {
  if (!PRINTS) return;
  dir = mkdtempSync(join(tmpdir(), 'tenken-pdf-pci-'));
  browser = await launchReportBrowser(CHROMIUM as string);
  const rt = await freshRuntime();
  const a = await call(rt.ctx, 'assessments.create', {
    name: 'PCI DSS v4.0.1 自己評価（決済基盤）',
    catalog: 'pci-dss@4.0.1',
    organization: '株式会社テスト決済',
    scope: 'カード会員データ環境（CDE）：決済API、トークン化サーバー、運用端末',
  });
  const detail = await call(rt.ctx, 'assessments.get', { id: a.id });
  const assessable = detail.controls.filter((c) => c.assessable && c.applicable);
  expect(assessable.length).toBeGreaterThan(250);
  // 25 requirements spread over the catalog, every value of the PCI scale.
  const picked = assessable.filter((_, i) => i % 11 === 0).slice(0, 25);
  const values = ['in_place', 'in_place', 'in_place', 'not_in_place', 'in_place_ccw', 'not_applicable', 'not_tested'];
  answered = picked.map((c, i) => ({
    controlId: c.controlId,
    titleJa: c.title.ja ?? '',
    titleEn: c.title.en ?? '',
    value: values[i % values.length] as string,
  }));
  for (const [i, ans] of answered.entries()) {
    await call(rt.ctx, 'answers.set', {
      assessmentId: a.id,
      controlKey: ans.controlId,
      value: ans.value,
      ...(i === 0
        ? { comment: COMMENT }
        : i % 3 === 0
          ? { comment: `確認済み（${ans.controlId}）：担当者へのヒアリングと記録の閲覧。` }
          : {}),
      ...(ans.value === 'not_applicable'
        ? { justification: i === 5 ? NA_JUSTIFICATION : `対象外：${ans.controlId} の対象システムは存在しない。` }
        : {}),
      ...(ans.value === 'not_tested' ? { justification: NOT_TESTED_JUSTIFICATION } : {}),
      ...(ans.value === 'in_place_ccw' ? { justification: CCW_JUSTIFICATION } : {}),
      ...(ans.value === 'not_in_place'
        ? { owner: '情報システム部 佐藤', dueDate: '2026-12-31', remediation: REMEDIATION }
        : {}),
    });
  }
  for (const [i, ev] of EVIDENCE.entries()) {
    const view = await call(rt.ctx, 'evidence.add', {
      assessmentId: a.id,
      controlKeys: [answered[i]?.controlId as string],
      fileName: ev.fileName,
      content: ev.content.toString('base64'),
    });
    expect(view.sha256).toBe(sha256(ev.content));
  }
  for (const lang of ['ja', 'en'] as const) {
    const t = Date.now();
    pdf[lang] = (await buildReport(rt.ctx, { assessmentId: a.id, format: 'pdf', lang, browser })).bytes;
    timings[lang] = Date.now() - t;
    file[lang] = join(dir, `pci-${lang}.pdf`);
    writeFileSync(file[lang] as string, pdf[lang] as Buffer);
  }
  console.info(
    `[test/report/pdf-pci] ja ${timings.ja} ms, ${((pdf.ja?.length ?? 0) / 1024).toFixed(0)} KB; en ${timings.en} ms, ${((pdf.en?.length ?? 0) / 1024).toFixed(0)} KB`,
  );
}, 120_000);

afterAll(async () => {
  await browser?.close();
  const keep = process.env.TENKEN_PDF_OUT;
  if (keep && dir) {
    mkdirSync(keep, { recursive: true });
    for (const lang of ['ja', 'en'] as const)
      if (file[lang]) copyFileSync(file[lang] as string, join(keep, `pci-${lang}.pdf`));
    if (existsSync(join(dir, 'png'))) execFileSync('/bin/cp', ['-r', join(dir, 'png'), keep]);
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Every word of a page with its box in points (pdftotext -bbox), top-left origin. */
function wordsOf(
  path: string,
  page: number,
): { text: string; xMin: number; yMin: number; xMax: number; yMax: number }[] {
  const html = run('pdftotext', ['-bbox', '-enc', 'UTF-8', '-f', String(page), '-l', String(page), path, '-']);
  return [
    ...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g),
  ].map((m) => ({
    text: m[5] as string,
    xMin: Number(m[1]),
    yMin: Number(m[2]),
    xMax: Number(m[3]),
    yMax: Number(m[4]),
  }));
}

const fontsOf = (path: string) =>
  run('pdffonts', [path])
    .trim()
    .split('\n')
    .slice(2)
    .map((l) => {
      const m = /^(\S+)\s+(.+?)\s{2,}(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$/.exec(l);
      if (!m) throw new Error(`unexpected pdffonts line: ${l}`);
      return { name: m[1] as string, type: m[2] as string, emb: m[4] as string };
    });

describe(
  PRINTS
    ? 'PDF report of a PCI DSS v4.0.1 assessment'
    : 'PDF report of a PCI DSS v4.0.1 assessment — SKIPPED: no Chromium',
  () => {
    it.skipIf(!INSPECTS)('embeds every font (no Type 3), in both languages', () => {
      for (const lang of ['ja', 'en'] as const) {
        const fonts = fontsOf(file[lang] as string);
        expect(fonts.length, lang).toBeGreaterThan(0);
        expect(
          fonts.filter((f) => f.emb !== 'yes'),
          lang,
        ).toEqual([]);
        expect(
          fonts.filter((f) => /Type 3/.test(f.type)),
          lang,
        ).toEqual([]);
        expect(
          fonts.some((f) => /NotoSansJP/.test(f.name)),
          lang,
        ).toBe(true);
      }
    });

    it.skipIf(!INSPECTS)(
      'gives back PCI DSS titles, the Japanese comment, the justifications and the evidence hashes as text',
      () => {
        const text = run('pdftotext', ['-enc', 'UTF-8', file.ja as string, '-']);
        const flat = squash(text);
        const raw = squash(run('pdftotext', ['-raw', '-enc', 'UTF-8', file.ja as string, '-']));
        expect(text).not.toContain('\ufffd');
        expect(flat).toContain('PCIDSSv4.0.1（ペイメントカード業界データセキュリティ基準）');
        expect(flat).toContain('目標1：ネットワークとシステムの安全');
        expect(flat).toContain('付録A：特定の事業者だけに求められる要件');
        const first = answered[0] as (typeof answered)[number];
        expect(first.titleJa).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
        expect(raw).toContain(squash(first.titleJa));
        expect(raw).toContain(squash(COMMENT));
        expect(raw).toContain(squash(NA_JUSTIFICATION));
        expect(raw).toContain(squash(CCW_JUSTIFICATION));
        expect(raw).toContain(squash(REMEDIATION));
        for (const label of [
          '適合（InPlace）',
          '該当なし（NotApplicable）',
          '未テスト（NotTested）',
          '不適合（NotinPlace）',
        ])
          expect(raw).toContain(label);
        for (const ev of EVIDENCE) {
          expect(text).toContain(sha256(ev.content));
          expect(flat).toContain(squash(ev.fileName));
        }
        const en = squash(run('pdftotext', ['-raw', '-enc', 'UTF-8', file.en as string, '-']));
        expect(en).toContain(squash(first.titleEn));
        expect(en).toContain(squash(NA_JUSTIFICATION)); // user text stays as entered
        expect(en).toContain('NotApplicable');
      },
    );

    it.skipIf(!INSPECTS)('is tagged and A4, with the title and page numbers', () => {
      for (const lang of ['ja', 'en'] as const) {
        const info = run('pdfinfo', [file[lang] as string]);
        expect(info, lang).toMatch(/^Tagged:\s+yes/m);
        expect(info, lang).toMatch(/^Page size:\s+595\.\d+ x 84[12]\.\d+ pts \(A4\)/m);
        expect(info, lang).toMatch(/^Title:\s+.*PCI DSS v4\.0\.1 自己評価（決済基盤）/m);
        const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
        expect(pages, lang).toBeGreaterThan(10);
        expect(run('pdftotext', ['-f', '3', '-l', '3', file[lang] as string, '-']), lang).toContain(`3 / ${pages}`);
      }
    });

    it.skipIf(!PRINTS)('has an outline with the report sections and the PCI DSS goals, and a language', async () => {
      const ja = outlineTitles(await PDFDocument.load(pdf.ja as Buffer)).map((t) => t.trim());
      expect(ja.length).toBeGreaterThan(10);
      expect(ja).toEqual(
        expect.arrayContaining([
          'セキュリティ自己点検 報告書',
          '概要',
          '指摘事項と改善計画',
          '適用除外・対象外の理由',
          '証跡一覧',
        ]),
      );
      // The answers are grouped by the catalog's top level: the six PCI DSS goals and Appendix A.
      for (const goal of [
        '目標1：ネットワークとシステムの安全',
        '目標6：方針と組織的な取組み',
        '付録A：特定の事業者だけに求められる要件',
      ])
        expect(
          ja.some((t) => t.includes(goal)),
          goal,
        ).toBe(true);
      const en = outlineTitles(await PDFDocument.load(pdf.en as Buffer)).map((t) => t.trim());
      expect(en.some((t) => t.includes('Goal 1: Network and system security'))).toBe(true);
      const doc = await PDFDocument.load(pdf.ja as Buffer);
      expect(doc.catalog.lookup(PDFName.of('Lang'))?.toString()).toContain('ja');
      expect(doc.getKeywords()).toContain('pci-dss@4.0.1');
    });

    it.skipIf(!INSPECTS)(
      'lists each section once in the outline, at the page that shows it, and no synthetic goal IDs',
      async () => {
        for (const lang of ['ja', 'en'] as const) {
          const L = REPORT_LABELS[lang];
          const entries = outlineEntries(await PDFDocument.load(pdf[lang] as Buffer));
          const titles = entries.map((e) => e.title.trim());
          // Chromium titles a bookmark with the text painted for its heading; a heading that also reached into the
          // previous page was titled twice ("Executive summaryExecutive summary") and pointed at that page.
          for (const section of [L.summary, L.results, L.findings, L.exclusions, L.evidence, L.audit, L.source]) {
            expect(
              titles.filter((t) => t.includes(section)),
              `${lang}: ${section}`,
            ).toEqual([section]);
          }
          expect(
            titles.filter((t) => t.length % 2 === 0 && t.slice(0, t.length / 2) === t.slice(t.length / 2)),
            lang,
          ).toEqual([]);
          expect(
            titles.filter((t) => /goal-\d/.test(t)),
            lang,
          ).toEqual([]);
          for (const e of entries) {
            expect(e.page, `${lang}: ${e.title}`).not.toBeNull();
            expect(
              squash(
                run('pdftotext', [
                  '-enc',
                  'UTF-8',
                  '-f',
                  String(e.page),
                  '-l',
                  String(e.page),
                  file[lang] as string,
                  '-',
                ]),
              ),
              `${lang}: ${e.title} on page ${e.page}`,
            ).toContain(squash(e.title));
          }
        }
      },
    );

    it.skipIf(!INSPECTS)(
      'keeps answer labels inside the answer column, clear of the comment, owner and justification columns',
      () => {
        for (const lang of ['ja', 'en'] as const) {
          const L = REPORT_LABELS[lang];
          const pages = Number(/^Pages:\s+(\d+)/m.exec(run('pdfinfo', [file[lang] as string]))?.[1]);
          const checked = new Set<string>();
          for (let p = 2; p <= pages; p++) {
            const words = wordsOf(file[lang] as string, p);
            for (const head of words.filter((w) => w.text === L.answer)) {
              // The header to the right of "Answer" in the same row starts the next column.
              const next = words
                .filter((w) => Math.abs(w.yMin - head.yMin) < 1 && w.xMin > head.xMax)
                .sort((a, b) => a.xMin - b.xMin)[0];
              if (!next || ![L.comment, L.owner, L.justification].includes(next.text)) continue;
              // Words of the table's size (not a group heading below) that start in the answer column (the chip's
              // lines) end before the next column's padding.
              const size = head.yMax - head.yMin;
              const cell = words.filter(
                (w) =>
                  w.yMin > head.yMax && w.yMax - w.yMin < size + 1 && w.xMin >= head.xMin - 1 && w.xMin < next.xMin - 2,
              );
              for (const w of cell) {
                expect(w.xMax, `${lang} page ${p}: "${w.text}" runs into ${next.text}`).toBeLessThan(next.xMin - 2);
                checked.add(`${next.text}:${w.text}`);
              }
            }
          }
          // Every table that shows answers was looked at, with the long labels of the PCI scale among the words.
          const seen = [...checked].join(' ');
          for (const column of [L.comment, L.owner, L.justification])
            expect(seen, `${lang}: ${column}`).toContain(`${column}:`);
          expect(seen, lang).toMatch(lang === 'ja' ? /CCW）/ : /CCW/);
        }
      },
    );

    it.skipIf(!PRINTS)(
      'verifies, and no longer verifies once one byte inside the attachment\u2019s stream is flipped',
      async () => {
        for (const lang of ['ja', 'en'] as const) {
          const v = await verifyReportPdf(pdf[lang] as Buffer);
          expect(v.ok, lang).toBe(true);
          const raw = Buffer.from(pdf[lang] as Buffer);
          const dict = raw.indexOf('/Type /EmbeddedFile');
          expect(dict).toBeGreaterThan(0);
          const length = Number(/\/Length (\d+)/.exec(raw.subarray(dict, dict + 500).toString('latin1'))?.[1]);
          expect(length).toBeGreaterThan(100);
          const start = raw.indexOf('stream', dict) + 'stream\n'.length;
          const at = start + Math.floor(length / 2);
          raw[at] = (raw[at] as number) ^ 0x01;
          const broken = await verifyReportPdf(raw);
          expect(broken.ok, lang).toBe(false);
          expect(broken.attachmentSha256).not.toBe(v.printedSha256);
        }
      },
    );

    it.skipIf(!INSPECTS)('renders the cover and a table page to PNG', () => {
      const out = join(dir, 'png');
      mkdirSync(out, { recursive: true });
      const pages = Number(/^Pages:\s+(\d+)/m.exec(run('pdfinfo', [file.ja as string]))?.[1]);
      // The first page after the one where the answers table starts.
      let table = 0;
      for (let p = 2; p <= pages && !table; p++)
        if (run('pdftotext', ['-f', String(p), '-l', String(p), file.ja as string, '-']).includes('管理策ごとの回答'))
          table = Math.min(p + 1, pages);
      expect(table).toBeGreaterThan(1);
      for (const page of [1, table]) {
        const base = join(out, `pci-ja-page-${page}`);
        run('pdftoppm', [
          '-png',
          '-r',
          '60',
          '-f',
          String(page),
          '-l',
          String(page),
          '-singlefile',
          file.ja as string,
          base,
        ]);
        expect(statSync(`${base}.png`).size).toBeGreaterThan(5_000);
      }
    });
  },
);
