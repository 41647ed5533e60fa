import type { Browser } from 'playwright-core';
import {
  buildReportModel,
  scoreOf,
  type ReportInput,
  type ReportModel,
  type ReportSection,
} from '../../core/report/model';
import { controlResults } from '../../core/report/control-results';
import type { DateStyle } from '../../core/report/dates';
import { REPORT_LABELS } from '../../core/report/labels';
import { controlKeys } from '../../core/assessment/control-key';
import { buildOscalAssessmentResults, buildOscalPoam } from '../../core/oscal/results/results';
import { getAssessment, getAssessmentCatalogDetails } from '../assessments/assessments';
import { oscalInputOf } from '../../core/oscal/results/input';
import { auditVerify } from '../assessments/status';
import { catalogMeta } from '../catalogs/catalogs';
import { isoNow, type ServiceContext } from '../context';
import type { EvidenceView } from '../../shared/api/types';
import { listEvidence } from '../assessments/evidence';
import { timeZoneOf } from '../settings/settings';
import { zonedTime } from '../../core/util/zoned-time';
import { buildCsv } from './render/csv';
import { reportFontCss } from './render/fonts';
import { renderReportHtml } from './render/html';
import { renderPdf, resolveChromium } from './render/pdf';
import type { HtmlPrinter } from './render/printer';
import { RESULTS_FILE_NAME, RESULTS_SCHEMA } from '../../core/report/results-json';
import { buildResultsJson } from './results-file';
import { buildXlsx, XLSX_MEDIA_TYPE } from './render/xlsx';
import { AppError } from '../../shared/api/errors';
import type { ReportSignatureView } from '../../shared/api/contract';
import type { SigningKey, SigningRequest } from './sign-pdf';
import { signoffRows } from '../assessments/signoff';
import { issueReportNumber } from './report-number';
import { takeSnapshot, type ReportSnapshot } from '../../core/report/snapshot';

/**
 * One report of one assessment in one format, from the existing services: the assessment, its evidence, the
 * history chain (verified now) and the catalog's source. The same report model feeds PDF, XLSX and CSV; the JSON is
 * the machine-readable results that the PDF also carries as an attachment (its SHA-256 printed on the cover).
 *
 * Chromium (PDF only): `chromiumPath`, else TENKEN_CHROMIUM, else /usr/bin/chromium, chromium-browser, google-chrome;
 * none found → Error('chromiumMissing: …').
 */

export type ReportFormat = 'pdf' | 'xlsx' | 'csv' | 'json' | 'oscal-ar' | 'oscal-poam';
export type ReportRequest = {
  assessmentId: string;
  /**
   * Which catalog of the assessment the report covers (default the first). An assessment over several catalogs
   * gets one report per catalog: each standard is audited and submitted on its own (ISMAP, PCI DSS…).
   */
  catalog?: string | undefined;
  format: ReportFormat;
  lang: 'ja' | 'en';
  /** Classification printed on every page; default 社外秘 / Confidential. */
  marking?: string | undefined;
  /** How dates are written in the report (ISO, 2026年6月10日, 令和8年6月10日). */
  dateStyle?: DateStyle | undefined;
  /** PDF sections to print (default all; the cover and the catalog source always). */
  sections?: readonly ReportSection[] | undefined;
  chromiumPath?: string | undefined;
  /** A running browser to print with (tests); otherwise one is launched for this report. */
  browser?: Browser | undefined;
  /** Prints the HTML to PDF instead of Chromium through playwright-core (the desktop app passes Electron's). */
  printer?: HtmlPrinter | undefined;
  /** PDF only: sign with the organization's PKCS#12 certificate (PAdES B-B; see sign-pdf.ts). */
  sign?: SigningRequest | undefined;
};
export type BuiltReport = {
  fileName: string;
  mediaType: string;
  bytes: Buffer;
  signature?: ReportSignatureView | undefined;
};

const MEDIA_TYPES: Record<ReportFormat, string> = {
  pdf: 'application/pdf',
  xlsx: XLSX_MEDIA_TYPE,
  csv: 'text/csv; charset=utf-8',
  json: 'application/json',
  'oscal-ar': 'application/json',
  'oscal-poam': 'application/json',
};
const EXTENSIONS: Record<ReportFormat, string> = {
  pdf: 'pdf',
  xlsx: 'xlsx',
  csv: 'csv',
  json: 'json',
  'oscal-ar': 'oscal-ar.json',
  'oscal-poam': 'oscal-poam.json',
};

/**
 * OSCAL assessment results or POA&M of the whole assessment (every catalog), as pretty JSON. The same data gives the
 * same bytes: UUIDs are name-based and the timestamps come from the data, except `published` (the export time).
 */
export function buildOscalReport(
  ctx: ServiceContext,
  req: Pick<ReportRequest, 'assessmentId' | 'lang'> & {
    format: 'oscal-ar' | 'oscal-poam';
    generatedAt?: string | undefined;
  },
): Buffer {
  const at = req.generatedAt;
  const snapshots = snapshotsOfAssessment(ctx, req).map((s) =>
    at === undefined || s.input.generatedAt === at
      ? s
      : takeSnapshot({ ...s.input, snapshot: undefined, generatedAt: at }),
  );
  return oscalFromSnapshots(snapshots, req.lang, req.format);
}

/** OSCAL from the snapshots (one per catalog): the same results, evidence and history check as every other format. */
export function oscalFromSnapshots(
  snapshots: readonly ReportSnapshot[],
  lang: 'ja' | 'en',
  format: 'oscal-ar' | 'oscal-poam',
): Buffer {
  const first = snapshots[0];
  if (!first) throw new Error('OSCAL needs a snapshot');
  const evidence = new Map<string, EvidenceView>();
  for (const s of snapshots) for (const e of s.input.evidence) evidence.set(e.id, e as EvidenceView);
  const input = oscalInputOf({
    parts: snapshots.map((s) => s.input.detail),
    results: snapshots.map((s) => s.input.results),
    snapshots: snapshots.map((s) => ({ catalogId: s.input.detail.catalog.catalogId, id: s.id, sha256: s.sha256 })),
    sourceUrls: new Map(snapshots.map((s) => [s.input.detail.catalog.catalogId, s.input.catalog.sourceUrl])),
    evidence: [...evidence.values()],
    audit: { head: first.input.audit.head, ok: first.input.audit.ok, entries: first.input.audit.entries },
    generatedAt: first.input.generatedAt,
    appVersion: first.input.appVersion,
    lang,
  });
  const doc = format === 'oscal-ar' ? buildOscalAssessmentResults(input) : buildOscalPoam(input);
  return Buffer.from(`${JSON.stringify(doc, null, 2)}\n`, 'utf8');
}

/** A file name any OS accepts: no path separators, reserved or control characters; Japanese kept. */
export function safeFileName(name: string): string {
  const cleaned = name
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f<>:"/\\|?*]+/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '');
  return [...cleaned].slice(0, 80).join('') || 'assessment';
}

/** Everything the report needs, read from the services. */
export function collectReportInput(
  ctx: ServiceContext,
  req: Pick<ReportRequest, 'assessmentId' | 'lang' | 'marking' | 'dateStyle' | 'catalog' | 'sections'>,
): ReportInput {
  const detail = getAssessment(ctx, req.assessmentId, req.catalog);
  const evidence = evidenceOfCatalog(listEvidence(ctx, req.assessmentId), detail.keyPrefix);
  // The same check as `audit verify` (chain, replay against the data, backup heads): a report never calls a history intact that is not.
  const chain = auditVerify(ctx, req.assessmentId);
  const assessmentEntries = chain.assessmentEntries;
  const meta = catalogMeta(ctx, detail.catalog.ref);
  return {
    detail,
    evidence,
    audit: { entries: chain.entries, head: chain.ok ? chain.head : null, ok: chain.ok, assessmentEntries },
    catalog: {
      title: meta.title,
      version: detail.catalog.version,
      publisher: meta.publisher,
      published: meta.published,
      sourceUrl: meta.source_url ?? null,
      licenceNote: meta.licence_note,
      textKind: meta.text_kind,
      unverified: meta.unverified ?? [],
    },
    lang: req.lang,
    marking: req.marking ?? REPORT_LABELS[req.lang].defaultMarking,
    generatedAt: isoNow(ctx),
    appVersion: ctx.appVersion,
    dateStyle: req.dateStyle ?? 'iso',
    timeZone: timeZoneOf(ctx),
    sections: req.sections,
    signoff: signoffRows(ctx, req.assessmentId),
  };
}

/**
 * The evidence that backs controls of one catalog (the report is about that catalog only); files linked to nothing
 * are kept, so the manifest never hides an attached file.
 */
export function evidenceOfCatalog(evidence: readonly EvidenceView[], keyPrefix: string): EvidenceView[] {
  const { idOf } = controlKeys(keyPrefix);
  return evidence.filter((e) => e.controlKeys.length === 0 || e.controlKeys.some((key) => idOf(key) !== null));
}

/** The PDF's HTML: rendered once to learn which characters it uses, then with just the font chunks they need. */
/** Where the embedded fonts go: the page is rendered once, then the faces its text needs are put in this slot. */
const FONT_CSS_SLOT = '/*tenken:font-css*/';

export function reportHtml(model: ReportModel): string {
  // One render (React's markup of a 1,200-control report is most of the app's time before printing); the slot is
  // ASCII inside <style>, so the text whose code points choose the faces is the page's own.
  const page = renderReportHtml(model, { fontCss: FONT_CSS_SLOT });
  const at = page.indexOf(FONT_CSS_SLOT);
  if (at < 0) throw new Error('the report page has no font slot');
  return page.slice(0, at) + reportFontCss({ text: page }) + page.slice(at + FONT_CSS_SLOT.length);
}

/**
 * The report as the PDF would print it (same HTML, same embedded fonts), for the in-app preview; the results hash is
 * left out because the JSON is only attached when the PDF is made.
 */
export function buildReportPreview(
  ctx: ServiceContext,
  req: Pick<ReportRequest, 'assessmentId' | 'lang' | 'marking' | 'dateStyle' | 'catalog' | 'sections'>,
): string {
  return reportHtml(buildReportModel({ ...collectReportInput(ctx, req), resultsSha256: null }));
}

/**
 * The one frozen snapshot a report's formats are made from (core/report/snapshot.ts): the services are read once,
 * the per-control results and the score made once, and the whole is deep-frozen.
 */
export function takeReportSnapshot(
  ctx: ServiceContext,
  req: Pick<ReportRequest, 'assessmentId' | 'lang' | 'marking' | 'dateStyle' | 'catalog' | 'sections'>,
  /** The number issued for this export (report-number.ts); null for none (a preview, a test). */
  reportNumber: number | null = null,
): ReportSnapshot {
  const collected = collectReportInput(ctx, req);
  return takeSnapshot({
    ...collected,
    reportNumber,
    results: controlResults(collected.detail, collected.evidence),
    score: scoreOf(collected.detail),
  });
}

export async function buildReport(ctx: ServiceContext, req: ReportRequest): Promise<BuiltReport> {
  if (req.sign && req.format !== 'pdf') throw new AppError('bad_input', 'signingPdfOnly');
  // OSCAL carries every catalog of the assessment: one snapshot per catalog, all from the same moment.
  // The signing key is opened first, so a refused password or certificate spends no report number.
  // Opened once, here, and handed down (a PKCS#12 with a strong KDF takes a noticeable time to open).
  const key = req.sign ? await (await import('./sign-pdf')).openSigningKey(req.sign, ctx.now()) : undefined;
  const reportNumber = issueReportNumber(ctx, req.assessmentId);
  if (req.format === 'oscal-ar' || req.format === 'oscal-poam')
    return buildReportFromSnapshots(ctx, snapshotsOfAssessment(ctx, req, reportNumber), req);
  return buildReportFromSnapshots(ctx, [takeReportSnapshot(ctx, req, reportNumber)], req, key);
}

/** One snapshot per catalog of the assessment (the OSCAL documents cover them all), at one generation time. */
export function snapshotsOfAssessment(
  ctx: ServiceContext,
  req: Pick<ReportRequest, 'assessmentId' | 'lang' | 'marking' | 'dateStyle'>,
  reportNumber: number | null = null,
): ReportSnapshot[] {
  const parts = getAssessmentCatalogDetails(ctx, req.assessmentId);
  const first = takeReportSnapshot(ctx, { ...req, catalog: parts[0]?.catalog.catalogId }, reportNumber);
  const rest = parts.slice(1).map((p) => {
    const s = takeReportSnapshot(ctx, { ...req, catalog: p.catalog.catalogId }, reportNumber);
    return s.input.generatedAt === first.input.generatedAt
      ? s
      : takeSnapshot({ ...s.input, snapshot: undefined, generatedAt: first.input.generatedAt });
  });
  return [first, ...rest];
}

/**
 * A report in one format from given snapshots (normally one; OSCAL takes one per catalog). Every format reads only
 * the snapshot: nothing is read from the workspace here except the catalogs' source URLs for OSCAL.
 */
export async function buildReportFromSnapshots(
  ctx: ServiceContext,
  snapshots: readonly ReportSnapshot[],
  req: Omit<ReportRequest, 'assessmentId'>,
  /** The signing key when the caller already opened it (buildReport); else opened here from req.sign. */
  openedKey?: SigningKey,
): Promise<BuiltReport> {
  if (req.sign && req.format !== 'pdf') throw new AppError('bad_input', 'signingPdfOnly');
  const snapshot = snapshots[0];
  if (!snapshot) throw new Error('a report needs a snapshot');
  const input: ReportInput = snapshot.input;
  // The key is opened (password, certificate validity, timestamp hook) before anything is printed.
  const signingAt = new Date(input.generatedAt);
  // Loaded only to sign: @libpdf/core takes ~0.4 s to load, which every other command would pay at start.
  const signing = req.sign ? await import('./sign-pdf') : null;
  const key = signing && req.sign ? (openedKey ?? (await signing.openSigningKey(req.sign, signingAt))) : null;
  const results = buildResultsJson(input);
  // The file is named by the day where the user is (the report's zone), like the date printed on its cover.
  const stamp = (zonedTime(input.generatedAt, input.timeZone ?? 'UTC')?.date ?? input.generatedAt.slice(0, 10)).replace(
    /-/g,
    '',
  );
  const d0 = input.detail;
  const suffix = d0.catalogs.length > 1 ? `-${d0.catalog.catalogId}` : '';
  const fileName = `${safeFileName(`tenken-${d0.name}`)}${req.format.startsWith('oscal') ? '' : suffix}-${stamp}.${EXTENSIONS[req.format]}`;
  const out = (bytes: Buffer): BuiltReport => ({ fileName, mediaType: MEDIA_TYPES[req.format], bytes });

  if (req.format === 'json') return out(results.bytes);
  if (req.format === 'oscal-ar' || req.format === 'oscal-poam')
    return out(oscalFromSnapshots(snapshots, req.lang, req.format));
  const model = buildReportModel({ ...input, resultsSha256: req.format === 'pdf' ? results.sha256 : null });
  if (req.format === 'csv') return out(buildCsv(model));
  if (req.format === 'xlsx') return out(await buildXlsx(model));

  // The desktop app prints with Electron (ctx.platform.printPdf); the CLI, the browser shell and tests with Chromium.
  const printer = req.printer ?? ctx.platform?.printPdf;
  const chromiumPath = req.browser || printer ? undefined : resolveChromium(req.chromiumPath);
  const d = input.detail;
  const pdf = await renderPdf(reportHtml(model), {
    chromiumPath,
    printer,
    browser: req.browser,
    headerMarking: model.marking,
    lang: req.lang,
    metadata: {
      title: model.title,
      author: d.assessors || d.organization?.name || 'Tenken',
      subject: `${model.cover.catalog} ${model.cover.catalogVersion} \u2014 ${model.marking}`,
      keywords: ['Tenken', RESULTS_SCHEMA, `${d.catalog.catalogId}@${d.catalog.version}`, `assessment=${d.id}`],
      creator: `Tenken ${ctx.appVersion}`,
      producer: `Tenken ${ctx.appVersion} (Chromium print)`,
      creationDate: new Date(input.generatedAt),
    },
    attachment: {
      bytes: results.bytes,
      fileName: RESULTS_FILE_NAME,
      mediaType: 'application/json',
      description: `${RESULTS_SCHEMA} SHA-256 ${results.sha256}`,
      printedSha256: results.sha256,
    },
  });
  if (!key || !signing) return out(pdf);
  const signed = await signing.signPdf(pdf, key, {
    signingTime: signingAt,
    reason: signingReason(model.title, results.sha256),
  });
  return { ...out(signed), signature: signing.summaryOf(key, signingAt) };
}

/**
 * The signature's /Reason: the report title and the results hash. No parentheses or backslashes: @libpdf/core 0.4
 * escapes them as for a literal string even when it writes the text as UTF-16 hex, so they would show as `\(`.
 */
function signingReason(title: string, sha256: string): string {
  return `${title} \u2014 ${RESULTS_SCHEMA} SHA-256 ${sha256}`.replace(/[()\\]/g, ' ');
}
