import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../../src/main/api/dispatch';
import { buildReportModel } from '../../src/core/report/model';
import { buildReport, collectReportInput } from '../../src/main/report/build';
import { launchReportBrowser, resolveChromium } from '../../src/main/report/render/pdf';
import { ismapWorkbook } from '../support/ismap-workbook';
import { startRuntime, type Runtime } from '../../src/main/app/runtime';

/**
 * The scheme-shaped pages: PCI DSS's attestation-style summary for an SAQ A assessment and ISMAP's statement of
 * applicability (the shipped catalog and the detailed one from the ISMAP XLSX preset), in ja and en. The model is
 * checked as data; the PDFs are printed with Chromium and read back with pdftotext. TENKEN_SCHEME_PNG=<folder> keeps
 * PNGs of the scheme pages (pdftoppm) for a look.
 */

let CHROMIUM: string | null = null;
try {
  CHROMIUM = resolveChromium();
} catch {
  console.warn('[skip] test/report/scheme-pages: no Chromium, the PDF checks are SKIPPED');
}
const POPPLER = existsSync('/usr/bin/pdftotext') && existsSync('/usr/bin/pdftoppm');
let browser: Browser | undefined;
let dir = '';
let rt: Runtime;
let pciId = '';
let ismapId = '';
let detailedId = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tenken-scheme-'));
  if (CHROMIUM) browser = await launchReportBrowser(CHROMIUM);
  // Its own workspace for the whole file (freshRuntime closes after each test).
  rt = await startRuntime({ dataDir: join(dir, 'ws'), shell: 'cli' });
  const pci = await call(rt.ctx, 'assessments.create', {
    name: 'SAQ A 自己評価',
    catalog: 'pci-dss@4.0.1',
    organization: '株式会社テスト通販',
    scope: 'EC サイト（決済はリダイレクト型で委託）',
    profile: 'saq-a',
  });
  pciId = pci.id;
  const pd = await call(rt.ctx, 'assessments.get', { id: pci.id });
  const inScope = pd.controls.filter((c) => c.assessable && c.applicable).map((c) => c.controlId);
  const pick = (prefix: string) => inScope.find((id) => id.startsWith(prefix)) as string;
  const set = (controlKey: string, value: string, extra: Record<string, unknown> = {}) =>
    call(rt.ctx, 'answers.set', { assessmentId: pci.id, controlKey, value, ...extra });
  for (const id of inScope.filter((x) => x.startsWith('2.') || x.startsWith('9.'))) await set(id, 'in_place');
  await set(pick('8.'), 'in_place_ccw', { justification: '旧システムのため、多要素認証と日次のログ確認で代替する。' });
  await set(pick('12.'), 'not_in_place', { owner: '総務部', dueDate: '2027-03-31' });
  await set(pick('11.'), 'not_applicable', { justification: '自社に該当する機器がない。' });
  const ca = inScope.find((x) => x.startsWith('3.')) as string;
  await set(ca, 'in_place', { customizedApproach: true });

  const ismap = await call(rt.ctx, 'assessments.create', { name: 'ISMAP 言明', catalog: 'ismap@2024-07' });
  ismapId = ismap.id;
  await call(rt.ctx, 'answers.set', { assessmentId: ismap.id, controlKey: '5.1.1', value: 'implemented' });
  await call(rt.ctx, 'answers.set', {
    assessmentId: ismap.id,
    controlKey: '11.1.1',
    value: 'excluded',
    justification: '物理的なデータセンターは IaaS 事業者が運用しており、当社は施設を持たない。',
  });

  await call(rt.ctx, 'catalogs.import', {
    fileName: 'ISMAP管理基準.xlsx',
    content: (await ismapWorkbook()).toString('base64'),
    encoding: 'base64',
    format: 'xlsx',
    preset: 'ismap',
  });
  const det = await call(rt.ctx, 'assessments.create', { name: 'ISMAP 詳細', catalog: 'ismap@2024-07-official' });
  detailedId = det.id;
  const dset = (controlKey: string, value: string, justification?: string) =>
    call(rt.ctx, 'answers.set', {
      assessmentId: det.id,
      controlKey,
      value,
      ...(justification ? { justification } : {}),
    });
  await dset('5.1.1', 'implemented');
  await dset('5.1.1.1', 'implemented');
  await dset('5.1.2', 'implemented');
  await dset('5.1.2.2', 'excluded', '該当する業務がない。');
  await dset('8.1.5.P', 'excluded', '利用者の資産を預からないサービスである。');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  rt?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const modelOf = (assessmentId: string, lang: 'ja' | 'en') =>
  buildReportModel(collectReportInput(rt.ctx, { assessmentId, lang }));

async function pdfText(
  assessmentId: string,
  lang: 'ja' | 'en',
  name: string,
  pages: [number, number],
): Promise<string> {
  const r = await buildReport(rt.ctx, { assessmentId, format: 'pdf', lang, browser });
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, r.bytes);
  const keep = process.env.TENKEN_SCHEME_PNG;
  if (keep) {
    mkdirSync(keep, { recursive: true });
    execFileSync('/usr/bin/pdftoppm', [
      '-r',
      '60',
      '-png',
      '-f',
      String(pages[0]),
      '-l',
      String(pages[1]),
      file,
      join(keep, name),
    ]);
  }
  // The text of the whole document: a long statement of applicability runs over many pages.
  return execFileSync('/usr/bin/pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
}

describe('PCI DSS attestation-style summary (SAQ A)', () => {
  it('names the SAQ, gives the result per requirement 1–12 and lists CCW and customized approach', () => {
    const m = modelOf(pciId, 'ja');
    expect(m.scheme?.kind).toBe('pci');
    const pci = m.scheme?.kind === 'pci' ? m.scheme.pci : null;
    if (!pci) throw new Error('no PCI page');
    expect(pci.fields.find((f) => f.label === '評価の種類')?.value).toMatch(/^SAQ：SAQ A.*（saq-a）$/);
    expect(pci.fields.find((f) => f.label === '評価を受けた事業者')?.value).toBe('株式会社テスト通販');
    expect(pci.requirements.map((r) => r.controlId)).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
      '10',
      '11',
      '12',
    ]);
    const by = new Map(pci.requirements.map((r) => [r.controlId, r]));
    expect(by.get('2')?.result).toBe('inPlace');
    expect(by.get('9')?.result).toBe('inPlace');
    expect(by.get('12')?.result).toBe('notInPlace');
    expect(by.get('8')?.ccw).toBe(1);
    expect(by.get('1')?.result).toBe('outOfScope'); // SAQ A has no requirement 1 item
    expect(pci.overall).toBe('notInPlace');
    expect(pci.compensating.map((c) => c.justification)).toEqual([expect.stringContaining('多要素認証')]);
    expect(pci.customized?.length).toBe(1);
    expect(pci.signatory).toBeNull();
    // Counts agree with the snapshot the other sections use.
    const total = pci.requirements.reduce((n, r) => n + r.total, 0);
    expect(total).toBe(m.summary.total);
  });

  it.skipIf(!CHROMIUM || !POPPLER)(
    'prints the page in ja and en (pdftotext)',
    async () => {
      const ja = await pdfText(pciId, 'ja', 'pci-saq-a-ja', [2, 3]);
      expect(ja).toContain('PCIDSS評価結果の要約');
      expect(ja).toContain('SAQ：SAQA');
      expect(ja).toContain('満たしていない要件がある');
      expect(ja).toContain('代替コントロールを使った項目');
      expect(ja).toContain('確認と署名');
      expect(ja).not.toContain('AttestationofCompliance');
      const en = await pdfText(pciId, 'en', 'pci-saq-a-en', [2, 3]);
      expect(en).toContain('PCIDSSassessmentsummary');
      expect(en).toContain('Outsidethisassessment');
      expect(en).toContain('Itemsmetwiththecustomizedapproach');
    },
    120_000,
  );
});

describe('PCI DSS summary signatory', () => {
  it('is the recorded approval (name, role, the day in the report zone); blank without one', () => {
    const input = collectReportInput(rt.ctx, { assessmentId: pciId, lang: 'ja' });
    const approved = { name: '代表取締役 鈴木', role: 'CEO', at: '2026-12-03T16:30:00Z' };
    const signed = buildReportModel({
      ...input,
      timeZone: 'Asia/Tokyo',
      signoff: { prepared: null, reviewed: null, approved },
    });
    const pci = signed.scheme?.kind === 'pci' ? signed.scheme.pci : null;
    // 16:30 UTC is the next morning in Tokyo: the day printed is the signer's.
    expect(pci?.signatory).toEqual({ name: '代表取締役 鈴木', title: 'CEO', date: '2026-12-04' });
    const blank = buildReportModel({ ...input, signoff: { prepared: null, reviewed: null, approved: null } });
    expect(blank.scheme?.kind === 'pci' ? blank.scheme.pci.signatory : 'none').toBeNull();
  });
});

describe('ISMAP statement of applicability', () => {
  it('lists every control objective of the shipped catalog as selected or excluded with the reason', () => {
    const m = modelOf(ismapId, 'ja');
    const soa = m.scheme?.kind === 'ismap' ? m.scheme.ismap : null;
    if (!soa) throw new Error('no ISMAP section');
    expect(soa.objectives).toHaveLength(121);
    expect(soa.hasDetailed).toBe(false);
    expect(soa.excluded).toBe(1);
    const x = soa.objectives.find((o) => o.controlId === '11.1.1');
    expect(x).toMatchObject({ excluded: true, decision: '除外', reason: expect.stringContaining('IaaS') });
    expect(soa.objectives.find((o) => o.controlId === '5.1.1')).toMatchObject({ excluded: false, answer: '実施' });
    expect(soa.objectives.some((o) => o.controlId.startsWith('3') || o.controlId.startsWith('4.'))).toBe(false);
  });

  it('shows the 詳細管理策 chosen under each 統制目標 for the catalog built by the ISMAP preset', () => {
    const soa = (() => {
      const m = modelOf(detailedId, 'en');
      return m.scheme?.kind === 'ismap' ? m.scheme.ismap : null;
    })();
    if (!soa) throw new Error('no ISMAP section');
    expect(soa.hasDetailed).toBe(true);
    const o = new Map(soa.objectives.map((x) => [x.controlId, x]));
    // 5.1.1.2.B is a 基本言明要件: chosen while its objective is selected, even before it is answered.
    expect(o.get('5.1.1')?.detailed).toMatchObject({ chosen: ['5.1.1.1', '5.1.1.2.B'], notChosen: [], unanswered: [] });
    expect(o.get('5.1.2')?.detailed).toMatchObject({ chosen: ['5.1.2.1.PB'], notChosen: ['5.1.2.2'] });
    expect(o.get('8.1.5.P')).toMatchObject({ excluded: true, detailed: { withObjective: true } });
    expect(o.get('9.2.3')?.detailed?.chosen).toEqual(['9.2.3.11.PB']);
  });

  it.skipIf(!CHROMIUM || !POPPLER)(
    'prints the section in ja and en (pdftotext)',
    async () => {
      const ja = await pdfText(detailedId, 'ja', 'ismap-detailed-ja', [2, 3]);
      expect(ja).toContain('ISMAP適用宣言');
      expect(ja).toContain('選択した詳細管理策');
      expect(ja).toContain('5.1.1.1,5.1.1.2.B');
      expect(ja).toContain('利用者の資産を預からないサービスである。');
      const en = await pdfText(ismapId, 'en', 'ismap-shipped-en', [2, 3]);
      expect(en).toContain('ISMAPstatementofapplicability');
      expect(en).toContain('Thiscataloghasnodetailedcontrols');
    },
    120_000,
  );
});
