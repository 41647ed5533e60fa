import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../../src/main/api/dispatch';
import { loadCatalogFile } from '../../src/main/catalogs/loader';
import { canonicalJson } from '../../src/core/util/canonical-json';
import { sha256Hex } from '../../src/core/util/sha256';
import { takeSnapshot, type ReportSnapshot } from '../../src/core/report/snapshot';
import { buildReportFromSnapshots, takeReportSnapshot, type ReportFormat } from '../../src/main/report/build';
import { extractAttachment, launchReportBrowser, resolveChromium } from '../../src/main/report/render/pdf';
import { parseCsv } from '../support/csv';
import { freshRuntime } from '../support/workspace';

/**
 * One snapshot behind every format: PDF, XLSX, CSV, results JSON and OSCAL assessment results are built from one
 * frozen snapshot of a small assessment (the mini fixture catalog), each output is PARSED back (the PDF through its
 * attached results JSON and pdftotext, the XLSX with exceljs, the CSV, the JSON, the OSCAL props), and the formats
 * must agree control by control: value, justification, evidence SHA-256s, counts, score, and the snapshot's id and
 * hash. The second test feeds one format a snapshot with one answer changed and checks the agreement check names it.
 */

let CHROMIUM: string | null = null;
try {
  CHROMIUM = resolveChromium();
} catch {
  console.warn('[skip] test/report/snapshot-agreement: no Chromium, the PDF leg is SKIPPED');
}
const PDFTOTEXT = existsSync('/usr/bin/pdftotext');

type Control = { value: string | null; justification: string; evidence: string[] };
type Extract = {
  snapshotId: string;
  snapshotSha: string;
  controls: Map<string, Control>;
  counts: Record<string, number>;
  score: number | null | undefined;
};
type Built = Partial<Record<ReportFormat, Buffer>>;

let browser: Browser | undefined;
let dir = '';
let snapshot: ReportSnapshot;
let ctx: Awaited<ReturnType<typeof freshRuntime>>['ctx'];

const FORMATS: ReportFormat[] = ['json', 'csv', 'xlsx', 'oscal-ar', 'pdf'];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tenken-agree-'));
  if (CHROMIUM) browser = await launchReportBrowser(CHROMIUM);
  const rt = await freshRuntime();
  loadCatalogFile(rt.ctx.db, join(__dirname, '../fixtures/catalogs/mini.yaml'), 'imported', new Date().toISOString());
  ctx = rt.ctx;
  const a = await call(ctx, 'assessments.create', {
    name: '一致の確認',
    catalog: 'mini@1.0',
    organization: 'テスト社',
  });
  await call(ctx, 'answers.set', { assessmentId: a.id, controlKey: '1.1', value: 'yes', comment: '確認済み' });
  await call(ctx, 'answers.set', { assessmentId: a.id, controlKey: '1.2', value: 'no', remediation: '直す' });
  await call(ctx, 'answers.set', {
    assessmentId: a.id,
    controlKey: '2.1',
    value: 'na',
    justification: '暗号を使うシステムがない, "引用" を含む',
  });
  await call(ctx, 'evidence.add', {
    assessmentId: a.id,
    controlKeys: ['1.1'],
    fileName: 'policy.pdf',
    content: Buffer.from('policy v1').toString('base64'),
  });
  snapshot = takeReportSnapshot(ctx, { assessmentId: a.id, lang: 'ja' });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function buildAll(pick: (f: ReportFormat) => ReportSnapshot): Promise<Built> {
  const out: Built = {};
  for (const f of FORMATS) {
    if (f === 'pdf' && !browser) continue;
    out[f] = (await buildReportFromSnapshots(ctx, [pick(f)], { format: f, lang: 'ja', browser })).bytes;
  }
  return out;
}

// ---- parsing each format back ----------------------------------------------------------------------------

type ResultsDoc = {
  snapshot: { id: string; sha256: string };
  score: { score: number | null; byValue: Record<string, number> };
  answers: { controlId: string; value: string | null; justification: string; evidenceSha256: string[] }[];
};

function fromResults(doc: ResultsDoc): Extract {
  return {
    snapshotId: doc.snapshot.id,
    snapshotSha: doc.snapshot.sha256,
    controls: new Map(
      doc.answers.map((a) => [
        a.controlId,
        { value: a.value, justification: a.justification, evidence: a.evidenceSha256 },
      ]),
    ),
    counts: doc.score.byValue,
    score: doc.score.score,
  };
}

const countOf = (controls: Map<string, Control>) => {
  const c: Record<string, number> = {};
  for (const x of controls.values()) if (x.value !== null) c[x.value] = (c[x.value] ?? 0) + 1;
  return c;
};
const valueOfLabel = (label: string) =>
  snapshot.input.detail.answerScale.find((s) => s.label.ja === label)?.value ?? (label === '未回答' ? null : label);

function fromCsv(bytes: Buffer, shaByName: Map<string, string>): Extract {
  const rows = parseCsv(bytes.subarray(3).toString('utf8'));
  const body = rows.slice(1);
  const controls = new Map(
    body.map((r) => [
      r[0] as string,
      {
        value: valueOfLabel(r[2] as string),
        justification: r[4] as string,
        evidence: (r[8] as string) ? (r[8] as string).split('\n').map((n) => shaByName.get(n) ?? `?${n}`) : [],
      },
    ]),
  );
  return {
    snapshotId: body[0]?.at(-2) ?? '',
    snapshotSha: body[0]?.at(-1) ?? '',
    controls,
    counts: countOf(controls),
    score: undefined,
  };
}

async function fromXlsx(bytes: Buffer): Promise<Extract> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const text = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  // The evidence manifest is the last sheet (a PCI DSS report has its compensating-control sheet before it).
  const [summary, answers] = wb.worksheets;
  const evidence = wb.worksheets.at(-1);
  const kv = new Map<string, string>();
  summary?.eachRow((row) => kv.set(text(row.getCell(1).value), text(row.getCell(2).value)));
  const shaByName = new Map<string, string>();
  evidence?.eachRow((row, n) => {
    if (n > 1) shaByName.set(text(row.getCell(1).value), text(row.getCell(3).value));
  });
  const controls = new Map<string, Control>();
  answers?.eachRow((row, n) => {
    if (n === 1) return;
    const files = text(row.getCell(9).value);
    controls.set(text(row.getCell(1).value), {
      value: valueOfLabel(text(row.getCell(3).value)),
      justification: text(row.getCell(5).value),
      evidence: files ? files.split('\n').map((f) => shaByName.get(f) ?? `?${f}`) : [],
    });
  });
  const score = /([\d.]+)/.exec(kv.get('総合スコア') ?? '')?.[1];
  return {
    snapshotId: kv.get('スナップショット ID') ?? '',
    snapshotSha: kv.get('スナップショットの SHA-256') ?? '',
    controls,
    counts: countOf(controls),
    score: score === undefined ? null : Number(score),
  };
}

type Prop = { name: string; value: string; group?: string };
function fromOscal(bytes: Buffer): Extract {
  const doc = JSON.parse(bytes.toString('utf8')) as {
    'assessment-results': { results: { props?: Prop[]; observations?: { props?: Prop[]; remarks?: string }[] }[] };
  };
  const result = doc['assessment-results'].results[0];
  const p = (list: Prop[] | undefined, name: string) => (list ?? []).filter((x) => x.name === name).map((x) => x.value);
  const controls = new Map<string, Control>();
  for (const o of result?.observations ?? []) {
    const id = p(o.props, 'control-id')[0] as string;
    const value = p(o.props, 'answer-value')[0] ?? null;
    // The justification is free text in the remarks (markup): found there verbatim, or not.
    const j = snapshot.input.results.find((r) => r.controlId === id)?.justification ?? '';
    controls.set(id, {
      value,
      justification: j && o.remarks?.includes(j) ? j : '',
      evidence: p(o.props, 'evidence-sha256'),
    });
  }
  // Unanswered controls have no observation: they count as unanswered.
  for (const r of snapshot.input.results)
    if (!controls.has(r.controlId)) controls.set(r.controlId, { value: null, justification: '', evidence: [] });
  return {
    snapshotId: p(result?.props, 'snapshot-id')[0] ?? '',
    snapshotSha: p(result?.props, 'snapshot-sha256')[0] ?? '',
    controls,
    counts: countOf(controls),
    score: undefined,
  };
}

async function fromPdf(bytes: Buffer): Promise<Extract> {
  const attached = await extractAttachment(bytes, 'tenken-results.json');
  if (!attached) throw new Error('no results attached to the PDF');
  const e = fromResults(JSON.parse(Buffer.from(attached).toString('utf8')) as ResultsDoc);
  if (!PDFTOTEXT) return e;
  // What the cover prints must be the attachment's snapshot.
  const file = join(dir, `r-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, bytes);
  const text = execFileSync('/usr/bin/pdftotext', ['-enc', 'UTF-8', '-f', '1', '-l', '1', file, '-'], {
    encoding: 'utf8',
  }).replace(/\s+/g, '');
  return {
    ...e,
    snapshotId: text.includes(e.snapshotId) ? e.snapshotId : `not printed: ${e.snapshotId}`,
    snapshotSha: text.includes(e.snapshotSha) ? e.snapshotSha : `not printed: ${e.snapshotSha}`,
  };
}

async function extracts(built: Built): Promise<Partial<Record<ReportFormat, Extract>>> {
  const json = fromResults(JSON.parse((built.json as Buffer).toString('utf8')) as ResultsDoc);
  const shaByName = new Map(
    (
      JSON.parse((built.json as Buffer).toString('utf8')) as { evidence: { fileName: string; sha256: string }[] }
    ).evidence.map((e) => [e.fileName, e.sha256]),
  );
  return {
    json,
    csv: fromCsv(built.csv as Buffer, shaByName),
    xlsx: await fromXlsx(built.xlsx as Buffer),
    'oscal-ar': fromOscal(built['oscal-ar'] as Buffer),
    ...(built.pdf ? { pdf: await fromPdf(built.pdf) } : {}),
  };
}

/** Every disagreement with the results JSON, as `format control field`. */
function disagreements(all: Partial<Record<ReportFormat, Extract>>): string[] {
  const ref = all.json as Extract;
  const out: string[] = [];
  for (const [format, e] of Object.entries(all) as [ReportFormat, Extract][]) {
    if (format === 'json') continue;
    if (e.snapshotId !== ref.snapshotId) out.push(`${format} - snapshot-id`);
    if (e.snapshotSha !== ref.snapshotSha) out.push(`${format} - snapshot-sha256`);
    if (canonicalJson(e.counts) !== canonicalJson(ref.counts)) out.push(`${format} - counts`);
    if (e.score !== undefined && e.score !== ref.score) out.push(`${format} - score`);
    for (const id of new Set([...ref.controls.keys(), ...e.controls.keys()])) {
      const a = ref.controls.get(id);
      const b = e.controls.get(id);
      if (!a || !b) out.push(`${format} ${id} missing`);
      else {
        if (a.value !== b.value) out.push(`${format} ${id} value`);
        // OSCAL: only a justification found verbatim in the remarks counts.
        if (a.justification !== b.justification) out.push(`${format} ${id} justification`);
        if (a.evidence.join() !== b.evidence.join()) out.push(`${format} ${id} evidence`);
      }
    }
  }
  return out;
}

describe('one snapshot behind every format', () => {
  it('PDF, XLSX, CSV, results JSON and OSCAL agree control by control, and name the same snapshot', async () => {
    const all = await extracts(await buildAll(() => snapshot));
    expect(Object.keys(all).sort()).toEqual((browser ? FORMATS : FORMATS.filter((f) => f !== 'pdf')).slice().sort());
    expect(disagreements(all)).toEqual([]);
    const json = all.json as Extract;
    expect(json.controls.get('2.1')).toMatchObject({ value: 'na', justification: expect.stringContaining('暗号') });
    expect(json.controls.get('1.1')?.evidence).toEqual([sha256Hex('policy v1')]);
    expect(json.counts).toEqual({ yes: 1, no: 1, na: 1 });
    expect(json.score).toBe(50);
    // The snapshot hash is recomputable from the results JSON alone: drop `snapshot`, canonical JSON, SHA-256.
    const doc = JSON.parse(
      (await buildReportFromSnapshots(ctx, [snapshot], { format: 'json', lang: 'ja' })).bytes.toString(),
    ) as Record<string, unknown>;
    delete doc.snapshot;
    expect(sha256Hex(canonicalJson(doc))).toBe(snapshot.sha256);
    // Frozen: a renderer cannot change what the next format sees.
    expect(() => (snapshot.input.results as unknown as unknown[]).push(1)).toThrow();
  }, 120_000);

  it('reports the control when one format is fed a different snapshot (one answer changed)', async () => {
    const d = snapshot.input.detail;
    const changed = takeSnapshot({
      ...snapshot.input,
      snapshot: undefined,
      results: undefined,
      score: undefined,
      detail: { ...d, answers: d.answers.map((x) => (x.controlId === '1.2' ? { ...x, value: 'yes' } : x)) },
    });
    expect(changed.id).not.toBe(snapshot.id);
    for (const odd of ['csv', 'xlsx', 'oscal-ar', ...(browser ? ['pdf'] : [])] as ReportFormat[]) {
      const all = await extracts(await buildAll((f) => (f === odd ? changed : snapshot)));
      const found = disagreements(all);
      expect(found, odd).toContain(`${odd} 1.2 value`);
      expect(found, odd).toContain(`${odd} - snapshot-sha256`);
      expect(
        found.every((d) => d.startsWith(`${odd} `)),
        odd,
      ).toBe(true);
    }
  }, 240_000);
});
