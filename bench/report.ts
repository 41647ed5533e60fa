// Reports for a 1,200-control assessment: the whole PDF (data, model, HTML, Chromium print, metadata and
// attachment) beside Chromium printing the same HTML with no app work (the floor), and the XLSX.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildReportModel } from '../src/core/report/model';
import { startRuntime } from '../src/main/app/runtime';
import { buildReport, collectReportInput, reportHtml } from '../src/main/report/build';
import {
  footerTemplate,
  launchReportBrowser,
  reportPrintOptions,
  resolveChromium,
} from '../src/main/report/render/pdf';
import { buildResultsJson } from '../src/main/report/results-file';
import type { UiFigure } from './answering-ui';
import { benchReportAssessment } from './report-assessment';
import { signingFigures } from './report-signing';

const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const since = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

export async function reportFigures(): Promise<UiFigure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'tenken-bench-report-'));
  const rt = await startRuntime({ dataDir: dir, shell: 'cli' });
  const browser = await launchReportBrowser(resolveChromium());
  try {
    const assessmentId = await benchReportAssessment(rt.ctx);

    const app: number[] = [];
    let pages = 0;
    for (let i = 0; i < 3; i++) {
      const t0 = process.hrtime.bigint();
      const r = await buildReport(rt.ctx, { assessmentId, format: 'pdf', lang: 'ja', browser });
      app.push(since(t0));
      pages = (r.bytes.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
    }
    const input = collectReportInput(rt.ctx, { assessmentId, lang: 'ja' });
    const html = reportHtml(buildReportModel({ ...input, resultsSha256: buildResultsJson(input).sha256 }));
    // Two floors: Chromium printing the same HTML as the app asks it to (tagged, with an outline and the footer: the
    // ratio's floor, since tagging is Chromium's work the report needs), and a plain A4 print (no tags, no outline).
    const printOnce = async (options: Parameters<Awaited<ReturnType<typeof browser.newPage>>['pdf']>[0]) => {
      const t0 = process.hrtime.bigint();
      const page = await browser.newPage();
      await page.setContent(html, { waitUntil: 'load' });
      await page.pdf(options);
      await page.close();
      return since(t0);
    };
    const floor: number[] = [];
    const plain: number[] = [];
    for (let i = 0; i < 3; i++) {
      floor.push(await printOnce(reportPrintOptions(footerTemplate())));
      plain.push(await printOnce({ format: 'A4', printBackground: true }));
    }
    const xlsx: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = process.hrtime.bigint();
      await buildReport(rt.ctx, { assessmentId, format: 'xlsx', lang: 'ja' });
      xlsx.push(since(t0));
    }
    const r3 = (x: number) => Math.round(x * 10) / 10;
    const signing = await signingFigures(rt.ctx, assessmentId, browser);
    return [
      {
        name: `report.pdf p50 (1,200 controls, ${pages} pages)`,
        unit: 'ms',
        value: r3(p50(app)),
        floor: r3(p50(floor)),
        ratio: r3(p50(app) / p50(floor)),
        note: `floor: Chromium printing the same HTML with the report's print options (setContent + page.pdf, tagged, outline, footer), no data, model, metadata or attachment; a plain A4 print of it (no tags, no outline) takes ${r3(p50(plain))} ms (ratio ${r3(p50(app) / p50(plain))}x)`,
      },
      {
        name: 'report.xlsx p50 (1,200 controls)',
        unit: 'ms',
        value: r3(p50(xlsx)),
        floor: null,
        ratio: null,
        note: 'data, model and exceljs workbook',
      },
      ...signing,
    ];
  } finally {
    await browser.close();
    rt.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
