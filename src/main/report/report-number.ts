import type { ServiceContext } from '../context';

/**
 * Issues the next report number of an assessment: one sequence per assessment, raised by every report export (PDF,
 * XLSX, CSV, results JSON, OSCAL alike) and printed on the cover beside the marking and recorded in the results JSON.
 * A number is spent when issued, so a failed print leaves a gap, never a repeat. A read-only workspace issues none
 * (null: the report prints a dash), and the preview never issues one.
 */
export function issueReportNumber(ctx: ServiceContext, assessmentId: string): number | null {
  if (ctx.readOnly) return null;
  const r = ctx.db
    .prepare('UPDATE assessments SET report_number = report_number + 1 WHERE id = ? RETURNING report_number')
    .get(assessmentId) as { report_number: number } | undefined;
  return r?.report_number ?? null;
}

/** The last number issued (0: none yet). */
export function lastReportNumber(ctx: ServiceContext, assessmentId: string): number {
  const r = ctx.db.prepare('SELECT report_number FROM assessments WHERE id = ?').get(assessmentId) as
    { report_number: number } | undefined;
  return r?.report_number ?? 0;
}
