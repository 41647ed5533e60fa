import ExcelJS from 'exceljs';
import type { ReportModel } from '../../../core/report/model';
import { answerRows } from './csv';
import { PCI_WORDING } from '../../../core/report/pci-attestation';
import { CCW_FIELDS } from '../../../core/assessment/answer-rules';

/**
 * The report as an Excel workbook: Summary (with the overall comment 総評), Answers (one row per assessable control in
 * scope, with severity and, for PCI DSS, the compensating-control worksheet's fields), Actions (open findings:
 * partial and noncompliant answers with severity, owner, due date and remediation, highest severity first, then
 * earliest due), the compensating-control worksheets (PCI DSS, when any item has one) and Evidence (the manifest with
 * SHA-256). Sheet names and headers in the report language (概要・回答・指摘事項・証跡 in
 * Japanese), frozen header row, autofilter, wrapped text.
 *
 * User text can never become a formula: every cell gets a plain string value (exceljs writes it as a shared
 * string, `t="s"`; a formula needs an explicit `{ formula }` value, which this module never writes). The text is
 * kept exactly as entered (`=HYPERLINK(…)` stays `=HYPERLINK(…)`, as text), so the workbook holds the same data as
 * the JSON; the CSV export, which spreadsheets re-parse, is the one that prefixes a quote (see csv.ts). Two changes
 * only, both forced by the format: characters XML cannot hold (C0 controls other than TAB, LF, CR) are dropped,
 * and text over Excel's 32,767-character cell limit is cut with a visible "…[truncated]".
 */

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const EXCEL_CELL_MAX = 32_767;
const TRUNCATED = '\u2026[truncated]';

/** A cell-safe copy of user text (see above). */
export function cellText(s: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');
  return clean.length > EXCEL_CELL_MAX ? clean.slice(0, EXCEL_CELL_MAX - TRUNCATED.length) + TRUNCATED : clean;
}

/** A sheet name Excel accepts: at most 31 characters, none of : \ / ? * [ ] (the wording tables keep to this). */
export function sheetName(name: string): string {
  return [...name.replace(/[:\\/?*[\]]/g, '_')].slice(0, 31).join('') || 'Sheet';
}

type Cell = string | number;
type ColumnSpec = { header: string; width: number; wrap?: boolean };

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF5' } };

function addTable(ws: ExcelJS.Worksheet, cols: ColumnSpec[], rows: Cell[][]): void {
  ws.columns = cols.map((c) => ({ width: c.width }));
  const header = ws.addRow(cols.map((c) => cellText(c.header)));
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = HEADER_FILL;
    cell.alignment = { vertical: 'top', wrapText: true };
  });
  for (const r of rows) {
    const row = ws.addRow(r.map((v) => (typeof v === 'number' ? v : cellText(v))));
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cell.alignment = { vertical: 'top', wrapText: cols[col - 1]?.wrap ?? false };
    });
  }
  ws.views = [{ state: 'frozen', ySplit: 1, xSplit: 0, topLeftCell: 'A2', activeCell: 'A2' }];
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, rows.length + 1), column: cols.length } };
}

function summarySheet(wb: ExcelJS.Workbook, model: ReportModel): void {
  const L = model.labels;
  const ws = wb.addWorksheet(sheetName(L.sheetSummary), { properties: { tabColor: { argb: 'FF1F4E79' } } });
  ws.columns = [{ width: 34 }, { width: 70 }, { width: 12 }, { width: 12 }];
  const kv = (label: string, value: Cell) => {
    const row = ws.addRow([cellText(label), typeof value === 'number' ? value : cellText(value)]);
    row.getCell(1).font = { bold: true };
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
  };
  const title = ws.addRow([cellText(L.reportTitle)]);
  title.font = { bold: true, size: 14 };
  kv(L.marking, model.marking);
  for (const f of model.cover.fields) kv(f.label, f.value);
  if (model.cover.resultsSha256) kv(L.resultsSha256, model.cover.resultsSha256);
  ws.addRow([]);
  kv(L.overallComment, model.summary.overallComment.trim() ? model.summary.overallComment : L.noOverallComment);
  ws.addRow([]);
  kv(L.overallScore, model.summary.score);
  if (model.summary.band) kv(L.band, model.summary.band);
  kv(L.progress, model.summary.progress);
  ws.addRow([]);
  const countsHead = ws.addRow([cellText(L.answerCounts), cellText(L.count)]);
  countsHead.font = { bold: true };
  for (const c of model.summary.counts) ws.addRow([cellText(c.label), c.count]);
  ws.addRow([]);
  const groupHead = ws.addRow([cellText(L.group), cellText(L.score), cellText(L.controls), cellText(L.answered)]);
  groupHead.font = { bold: true };
  for (const g of model.summary.groups) ws.addRow([cellText(g.heading), cellText(g.score), g.total, g.answered]);
  ws.addRow([]);
  for (const f of model.audit.fields) kv(f.label, f.value);
  ws.addRow([]);
  for (const f of model.source.fields) kv(f.label, f.value);
  ws.views = [{ state: 'frozen', ySplit: 1, xSplit: 0, topLeftCell: 'A2', activeCell: 'A2' }];
}

export async function buildXlsx(model: ReportModel): Promise<Buffer> {
  const L = model.labels;
  const W = PCI_WORDING[model.lang];
  const wb = new ExcelJS.Workbook();
  wb.creator = `Tenken ${model.appVersion}`;
  wb.title = model.title;
  wb.subject = model.marking;
  const created = new Date(Date.parse(model.generatedAtIso) || 0);
  wb.created = created;
  wb.modified = created;

  summarySheet(wb, model);

  const [, ...answers] = answerRows(model);
  addTable(
    wb.addWorksheet(sheetName(L.sheetAnswers)),
    [
      { header: L.controlId, width: 11 },
      { header: L.controlTitle, width: 40, wrap: true },
      { header: L.answer, width: 14, wrap: true },
      { header: L.comment, width: 50, wrap: true },
      { header: L.justification, width: 36, wrap: true },
      { header: L.owner, width: 20, wrap: true },
      { header: L.dueDate, width: 12 },
      { header: L.remediation, width: 40, wrap: true },
      { header: L.evidenceFiles, width: 32, wrap: true },
      { header: L.markedForReview, width: 10 },
      { header: L.severity, width: 10 },
      ...(model.hasWorksheet ? CCW_FIELDS.map((k) => ({ header: W[k], width: 36, wrap: true })) : []),
    ],
    answers,
  );

  addTable(
    wb.addWorksheet(sheetName(L.sheetActions)),
    [
      { header: L.severity, width: 10 },
      { header: L.dueDate, width: 12 },
      { header: L.controlId, width: 11 },
      { header: L.controlTitle, width: 40, wrap: true },
      { header: L.answer, width: 14, wrap: true },
      { header: L.owner, width: 20, wrap: true },
      { header: L.remediation, width: 44, wrap: true },
      { header: L.comment, width: 50, wrap: true },
    ],
    model.findings.map((f) => [
      f.severityLabel,
      f.dueDate ?? '',
      f.controlId,
      f.title,
      f.answer,
      f.owner,
      f.remediation,
      f.comment,
    ]),
  );

  // PCI DSS: one row per item met with a compensating control, its worksheet's six fields beside it.
  const pci = model.scheme?.kind === 'pci' ? model.scheme.pci : null;
  if (pci && pci.worksheets.length > 0)
    addTable(
      wb.addWorksheet(sheetName(L.sheetCcw)),
      [
        { header: W.controlId, width: 11 },
        { header: W.controlTitle, width: 36, wrap: true },
        { header: W.answer, width: 16, wrap: true },
        { header: W.justification, width: 40, wrap: true },
        ...CCW_FIELDS.map((k) => ({ header: W[k], width: 36, wrap: true })),
      ],
      pci.worksheets.map((w) => [
        w.controlId,
        w.title,
        w.answer,
        w.missing ? '' : w.justification,
        ...w.fields.map((f) => (f.empty ? '' : f.value)),
      ]),
    );

  addTable(
    wb.addWorksheet(sheetName(L.sheetEvidence)),
    [
      { header: L.fileName, width: 36, wrap: true },
      { header: L.size, width: 12 },
      { header: L.sha256, width: 68 },
      { header: L.addedBy, width: 18, wrap: true },
      { header: L.addedAt, width: 30 },
      { header: L.linkedControls, width: 30, wrap: true },
    ],
    model.evidence.map((e) => [e.fileName, e.size, e.sha256, e.addedBy, e.addedAt, e.controlIds.join(', ')]),
  );

  return Buffer.from(await wb.xlsx.writeBuffer());
}
