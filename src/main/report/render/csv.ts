import type { ReportModel } from '../../../core/report/model';
import { SNAPSHOT_WORDING } from '../../../core/report/snapshot-ref';
import { PCI_WORDING } from '../../../core/report/pci-attestation';
import { CCW_FIELDS } from '../../../core/assessment/answer-rules';

/**
 * The answers as CSV: one record per assessable control in scope (the XLSX "Answers" sheet), headers in the
 * report language.
 *
 * Encoding: UTF-8 with a BOM (so Excel on Japanese Windows reads it as UTF-8, not Shift_JIS), records end with
 * CRLF, fields are quoted the RFC 4180 way (a field holding `"`, `,`, CR or LF is wrapped in quotes and its quotes
 * doubled).
 *
 * CSV injection (OWASP "CSV Injection"): a field whose first character is `=`, `+`, `-`, `@`, TAB or CR, or the
 * full-width `＝ ＋ － ＠`, gets a single quote `'` put in front, so a spreadsheet shows it as text instead of running it
 * as a formula (`=HYPERLINK("http://x","y")` is written as `"'=HYPERLINK(""http://x"",""y"")"`). The quote is
 * visible in the cell; the data itself is unchanged in the XLSX and JSON exports.
 */

const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** OWASP: neutralise a leading formula character with a single quote. */
export function neutraliseFormula(field: string): string {
  return FORMULA_START.test(field) ? `'${field}` : field;
}

/** RFC 4180 quoting, after neutralising. */
export function csvField(value: string): string {
  const v = neutraliseFormula(value);
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function csvText(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/**
 * One record per control: the answer's fields, its finding's severity, and — for a catalog whose scale carries the
 * compensating-control worksheet (PCI DSS) — the worksheet's six fields.
 */
export function answerRows(model: ReportModel): string[][] {
  const L = model.labels;
  const W = PCI_WORDING[model.lang];
  const ccw = model.hasWorksheet ? CCW_FIELDS : [];
  const header = [
    L.controlId,
    L.controlTitle,
    L.answer,
    L.comment,
    L.justification,
    L.owner,
    L.dueDate,
    L.remediation,
    L.evidenceFiles,
    L.markedForReview,
    L.severity,
    ...ccw.map((k) => W[k]),
  ];
  const rows = model.groups
    .flatMap((g) => g.rows)
    .map((r) => [
      r.controlId,
      r.title,
      r.answer,
      r.comment,
      r.justification,
      r.owner,
      r.dueDate,
      r.remediation,
      r.evidence.join('\n'),
      r.markedForReview ? L.markedForReview : '',
      r.severityLabel,
      ...ccw.map((k) => r.ccw[k]),
    ]);
  return [header, ...rows];
}

/**
 * The bytes of the CSV file (BOM + CRLF). The snapshot the report is made from is recorded in two trailing columns
 * on every record (a comment line is not RFC 4180 and breaks readers; an extra column breaks none).
 */
export function buildCsv(model: ReportModel): Buffer {
  const rows = answerRows(model);
  const snap = model.snapshot;
  const W = SNAPSHOT_WORDING[model.lang];
  const withSnapshot = snap
    ? rows.map((r, i) => [...r, ...(i === 0 ? [W.id, W.sha256] : [snap.id, snap.sha256])])
    : rows;
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csvText(withSnapshot), 'utf8')]);
}
