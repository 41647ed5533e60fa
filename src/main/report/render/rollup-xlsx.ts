import ExcelJS from 'exceljs';
import type { RollupCell } from '../../../core/assessment/rollup';
import { ROLLUP_WORDING } from '../../../core/wording/rollup';
import { ja as jaWords } from '../../../core/wording/ja';
import { en as enWords } from '../../../core/wording/en';
import { zonedTime, zoneSuffix } from '../../../core/util/zoned-time';
import type { ExportedFile, RollupView } from '../../../shared/api/types';
import { rollupOf } from '../../assessments/rollup';
import type { ServiceContext } from '../../context';
import { timeZoneOf } from '../../settings/settings';
import { cellText, sheetName, XLSX_MEDIA_TYPE } from './xlsx';

/**
 * The roll-up as a workbook: scores by group (one column per assessment, the overall row first), pooled per
 * organization, and the controls weak everywhere. Scores are numbers (rounded to one decimal) so a reader can sort
 * and chart them; an empty cell means the group is not in that assessment's scope or nothing in it is scored yet.
 * Text cells go through the report's cellText (never a formula).
 */
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF5' } };
const round1 = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);

function header(ws: ExcelJS.Worksheet, cells: string[]): void {
  const row = ws.addRow(cells.map(cellText));
  row.font = { bold: true };
  row.eachCell((c) => {
    c.fill = HEADER_FILL;
    c.alignment = { vertical: 'top', wrapText: true };
  });
}

const scoreOf = (c: RollupCell | null) => (c ? round1(c.score) : null);

export function rollupWorkbook(view: RollupView, lang: 'ja' | 'en', generatedAt: string, timeZone: string) {
  const W = ROLLUP_WORDING[lang];
  const words = lang === 'ja' ? jaWords : enWords;
  const meaning = words.meanings;
  const statusWords: Record<string, string> = {
    draft: words.report.statusDraft,
    in_review: words.report.statusInReview,
    final: words.report.statusFinal,
  };
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Tenken';
  wb.title = `${W.title} ${view.catalog.title[lang]}`;
  const z = zonedTime(generatedAt, timeZone);
  const stamp = z ? `${z.date} ${z.time} ${zoneSuffix(z)}` : generatedAt;
  const memberLabel = (m: RollupView['members'][number]) =>
    [m.organization ?? W.noOrganization, m.name, m.periodEnd ?? m.periodStart ?? ''].filter(Boolean).join(' / ');

  const scores = wb.addWorksheet(sheetName(W.sheetScores));
  scores.addRow([cellText(`${W.title}: ${view.catalog.title[lang]}`)]).font = { bold: true, size: 14 };
  scores.addRow([cellText(W.generatedAt), cellText(stamp)]);
  scores.addRow([]);
  header(scores, [W.group, ...view.members.map(memberLabel)]);
  const headerRow = scores.rowCount;
  scores.addRow([cellText(W.overall), ...view.members.map((m) => round1(m.overall.score))]).font = { bold: true };
  for (const g of view.groups)
    scores.addRow([cellText(`${g.controlId} ${g.title[lang]}`.trim()), ...g.cells.map(scoreOf)]);
  scores.addRow([]);
  scores.addRow([cellText(W.answered), ...view.members.map((m) => `${m.overall.answered} / ${m.overall.total}`)]);
  scores.addRow([cellText(W.version), ...view.members.map((m) => cellText(m.version))]);
  scores.addRow([cellText(W.status), ...view.members.map((m) => cellText(statusWords[m.status] ?? m.status))]);
  scores.addRow([]);
  scores.addRow([cellText(W.scoreRule)]);
  scores.columns = [{ width: 44 }, ...view.members.map(() => ({ width: 22 }))];
  scores.views = [{ state: 'frozen', ySplit: headerRow, xSplit: 1 }];

  const orgs = wb.addWorksheet(sheetName(W.sheetOrganizations));
  header(orgs, [W.organization, W.members, W.overall, ...view.groups.map((g) => g.controlId || g.title[lang])]);
  for (const o of view.organizations)
    orgs.addRow([cellText(o.name ?? W.noOrganization), o.members, round1(o.overall.score), ...o.groups.map(scoreOf)]);
  orgs.columns = [{ width: 30 }, { width: 10 }, { width: 10 }, ...view.groups.map(() => ({ width: 12 }))];
  orgs.views = [{ state: 'frozen', ySplit: 1, xSplit: 1 }];

  const weak = wb.addWorksheet(sheetName(W.sheetWeak));
  header(weak, [W.controlId, W.controlTitle, W.weakIn, W.answeredIn, ...view.members.map(memberLabel)]);
  for (const c of view.weakEverywhere)
    weak.addRow([
      cellText(c.controlId),
      cellText(c.title[lang]),
      c.weak,
      c.answered,
      ...c.meanings.map((m) => (m ? cellText(meaning[m]) : '')),
    ]);
  weak.addRow([]);
  weak.addRow([cellText(W.weakRule)]);
  weak.columns = [
    { width: 14 },
    { width: 48 },
    { width: 12 },
    { width: 12 },
    ...view.members.map(() => ({ width: 18 })),
  ];
  weak.views = [{ state: 'frozen', ySplit: 1, xSplit: 2 }];
  return wb;
}

export async function exportRollup(
  ctx: ServiceContext,
  input: { catalogId: string; assessmentIds?: string[] | undefined; lang: 'ja' | 'en' },
): Promise<ExportedFile> {
  const view = rollupOf(ctx, input);
  const generatedAt = ctx.now().toISOString();
  const timeZone = timeZoneOf(ctx);
  const wb = rollupWorkbook(view, input.lang, generatedAt, timeZone);
  const bytes = Buffer.from(await wb.xlsx.writeBuffer());
  const day = (zonedTime(generatedAt, timeZone)?.date ?? generatedAt.slice(0, 10)).replace(/-/g, '');
  return {
    fileName: `tenken-rollup-${input.catalogId}-${day}.xlsx`,
    mediaType: XLSX_MEDIA_TYPE,
    content: bytes.toString('base64'),
  };
}
