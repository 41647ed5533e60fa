import type { Browser } from 'playwright-core';
import { buildRollupReportModel } from '../../core/report/rollup-report';
import { zonedTime } from '../../core/util/zoned-time';
import type { ExportedFile } from '../../shared/api/types';
import { rollupOf } from '../assessments/rollup';
import { auditVerifyOf } from '../assessments/status';
import { GENESIS_HASH } from '../audit/audit-log';
import { isoNow, type ServiceContext } from '../context';
import { timeZoneOf } from '../settings/settings';
import { renderPdf, resolveChromium } from './render/pdf';
import type { HtmlPrinter } from './render/printer';
import { rollupReportHtml } from './render/rollup-html';

/**
 * The roll-up as a PDF, through the report's machinery: the same figures as the screen and the workbook
 * (rollupOf), each member's own history head, the history check of the chain and of those members, then HTML →
 * the shell's printer (Electron's printToPDF) or Chromium → metadata and language (finishPdf). No results file
 * is attached: the roll-up is a summary of assessments whose own reports carry theirs.
 */
export type RollupPdfRequest = {
  catalogId: string;
  assessmentIds?: string[] | undefined;
  lang: 'ja' | 'en';
  marking?: string | undefined;
  chromiumPath?: string | undefined;
  browser?: Browser | undefined;
  printer?: HtmlPrinter | undefined;
};

/** An assessment's own chain head: its last history entry (number and hash). */
function headOf(ctx: ServiceContext, assessmentId: string): { seq: number; hash: string } {
  const r = ctx.db
    .prepare('SELECT seq, hash FROM audit_log WHERE assessment_id = ? ORDER BY seq DESC LIMIT 1')
    .get(assessmentId) as { seq: number; hash: string } | undefined;
  return r ?? { seq: 0, hash: GENESIS_HASH };
}

export async function exportRollupPdf(ctx: ServiceContext, req: RollupPdfRequest): Promise<ExportedFile> {
  const view = rollupOf(ctx, req);
  const ids = view.members.map((m) => m.id);
  const audit = auditVerifyOf(ctx, ids);
  const generatedAt = isoNow(ctx);
  const timeZone = timeZoneOf(ctx);
  const model = buildRollupReportModel({
    rollup: view,
    catalog: view.catalog,
    heads: ids.map((id) => headOf(ctx, id)),
    audit: { ok: audit.ok, entries: audit.entries, head: audit.head, brokenAt: audit.brokenAt },
    lang: req.lang,
    marking: req.marking,
    generatedAt,
    timeZone,
    appVersion: ctx.appVersion,
  });
  const printer = req.printer ?? ctx.platform?.printPdf;
  const pdf = await renderPdf(rollupReportHtml(model), {
    printer,
    browser: req.browser,
    chromiumPath: req.browser || printer ? undefined : resolveChromium(req.chromiumPath),
    headerMarking: model.marking,
    lang: req.lang,
    metadata: {
      title: model.title,
      author: 'Tenken',
      subject: `${model.cover.subtitle} \u2014 ${model.marking}`,
      keywords: ['Tenken', 'rollup', `catalog=${view.catalog.catalogId}`, ...ids.map((id) => `assessment=${id}`)],
      creator: `Tenken ${ctx.appVersion}`,
      producer: `Tenken ${ctx.appVersion} (Chromium print)`,
      creationDate: new Date(generatedAt),
    },
  });
  const day = (zonedTime(generatedAt, timeZone)?.date ?? generatedAt.slice(0, 10)).replace(/-/g, '');
  return {
    fileName: `tenken-rollup-${view.catalog.catalogId}-${day}.pdf`,
    mediaType: 'application/pdf',
    content: pdf.toString('base64'),
  };
}
