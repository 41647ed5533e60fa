import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import {
  AFRelationship,
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFRawStream,
  PDFStream,
  PDFString,
} from 'pdf-lib';
import { chromium, type Browser } from 'playwright-core';
import { AppError } from '../../../shared/api/errors';
import { appendPdfUpdate } from './pdf-append';
import { REPORT_MARGINS_MM, type HtmlPrinter, type PrintPage } from './printer';
import type { PdfSignatureCheck } from '../verify-signature';

/**
 * Printing the report HTML to PDF with the system Chromium (playwright-core never downloads a browser), then
 * finishing it with pdf-lib: document metadata, and the machine-readable results attached as
 * `tenken-results.json` whose SHA-256 is printed on the cover and also kept in the Keywords metadata
 * (`tenken-results-sha256=<hex>`), so `verifyReportPdf` can compare the two without extracting text.
 *
 * Printing is pluggable (`HtmlPrinter`): the default prints with playwright-core and a system Chromium; the desktop app
 * passes Electron's own `webContents.printToPDF` (src/main/electron/print-pdf.ts), so it needs no system Chromium.
 * Both print the same page: A4, backgrounds, `REPORT_MARGINS_MM`, the footer template below, tagged, with an outline.
 *
 * The page is offline: every request is refused (fonts come inlined as data: URLs) and page scripts are disabled.
 * The footer template shows `page / pages` only: header/footer templates cannot use web fonts, so the running
 * header and the marking (Japanese too) are printed by the page itself in @page margin boxes (page-chrome.tsx).
 */

/** Offline, headless, no background traffic. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const CHROMIUM_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

/** The Chromium to print with: the given path, else TENKEN_CHROMIUM, else a system Chromium/Chrome. */
export function resolveChromium(
  given?: string | undefined,
  systemPaths: readonly string[] = CHROMIUM_CANDIDATES,
): string {
  const candidates = [given, process.env.TENKEN_CHROMIUM, ...systemPaths].filter((p): p is string => !!p);
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new AppError('internal', 'chromiumMissing', { detail: `tried ${candidates.join(', ')}` });
  return found;
}

export function launchReportBrowser(chromiumPath: string): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });
}

export const RESULTS_KEYWORD = 'tenken-results-sha256=';

export type PdfMetadata = {
  title: string;
  author: string;
  subject: string;
  keywords: string[];
  creator: string;
  producer: string;
  creationDate: Date;
};
export type PdfAttachment = { bytes: Buffer; fileName: string; description: string; mediaType: string };

export type RenderPdfOptions = {
  /** Prints the HTML (the desktop app passes Electron's); default: playwright-core with `browser` or a system Chromium. */
  printer?: HtmlPrinter | undefined;
  /** Ignored when `printer` or `browser` is given. */
  chromiumPath?: string | undefined;
  /** A browser to reuse (tests, batches); otherwise one is launched and closed. Ignored when `printer` is given. */
  browser?: Browser | undefined;
  /** The marking. The page prints it in its own footer margin box in both languages (page-chrome.tsx). */
  headerMarking: string;
  lang: 'ja' | 'en';
  metadata?: PdfMetadata | undefined;
  /** Attached to the PDF; its SHA-256 goes into Keywords so it can be compared with the printed one. */
  attachment?: (PdfAttachment & { printedSha256: string }) | undefined;
};

/** `page / pages` on the right; the marking is printed left by the page itself (page-chrome.tsx), in both languages. */
export function footerTemplate(): string {
  return (
    `<div style="width:100%;font-size:7pt;color:#555;padding:0 ${REPORT_MARGINS_MM.left}mm;display:flex;justify-content:flex-end;font-family:sans-serif">` +
    `<span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`
  );
}

/** What the report asks Chromium for: A4, backgrounds, margins, the footer, a tagged PDF with an outline. */
export function reportPrintOptions(footer: string) {
  const mm = (n: number) => `${n}mm`;
  return {
    format: 'A4',
    printBackground: true,
    outline: true,
    tagged: true,
    displayHeaderFooter: true,
    headerTemplate: '<span></span>',
    footerTemplate: footer,
    margin: {
      top: mm(REPORT_MARGINS_MM.top),
      bottom: mm(REPORT_MARGINS_MM.bottom),
      left: mm(REPORT_MARGINS_MM.left),
      right: mm(REPORT_MARGINS_MM.right),
    },
  } as const;
}

/** The default printer: a fresh offline context of `browser` with page scripts off and every request refused. */
export function playwrightPrinter(browser: Browser): HtmlPrinter {
  return async (html, page) => {
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    try {
      const tab = await context.newPage();
      await tab.route('**/*', (route) => route.abort());
      await tab.setContent(html, { waitUntil: 'load' });
      // A string, so main needs no DOM types; evaluate runs in Playwright's own world even with page scripts off.
      await tab.evaluate('document.fonts.ready.then(() => document.fonts.size)');
      return await tab.pdf(reportPrintOptions(page.footerTemplate));
    } finally {
      await context.close();
    }
  };
}

/** Metadata and the attachment; saved without object streams so every PDF tool can read it. */
export async function finishPdf(
  pdf: Uint8Array,
  opts: Pick<RenderPdfOptions, 'lang' | 'metadata' | 'attachment'>,
): Promise<Buffer> {
  const m = opts.metadata;
  const a = opts.attachment;
  const keywords = [...(m?.keywords ?? []), ...(a ? [`${RESULTS_KEYWORD}${a.printedSha256}`] : [])];
  const appended = appendPdfUpdate(
    pdf,
    opts.lang === 'ja' ? 'ja-JP' : 'en',
    m && { ...m, keywords: keywords.join(' ') },
    a && { ...a, date: m?.creationDate ?? new Date(0) },
  );
  if (appended) return appended;
  // Not the shape Chromium prints (another printer): load and save the whole document.
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  if (m) {
    doc.setTitle(m.title, { showInWindowTitleBar: true });
    doc.setAuthor(m.author);
    doc.setSubject(m.subject);
    doc.setCreator(m.creator);
    doc.setProducer(m.producer);
    doc.setCreationDate(m.creationDate);
    doc.setModificationDate(m.creationDate);
  }
  doc.setLanguage(opts.lang === 'ja' ? 'ja-JP' : 'en');
  doc.setKeywords(keywords);
  if (a) {
    await doc.attach(a.bytes, a.fileName, {
      mimeType: a.mediaType,
      description: a.description,
      creationDate: m?.creationDate ?? new Date(0),
      modificationDate: m?.creationDate ?? new Date(0),
      afRelationship: AFRelationship.Data,
    });
  }
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

/** The page a printer gets for these options. */
export function printPageFor(opts: Pick<RenderPdfOptions, 'headerMarking' | 'lang'>): PrintPage {
  return { footerTemplate: footerTemplate(), lang: opts.lang };
}

export async function renderPdf(html: string, opts: RenderPdfOptions): Promise<Buffer> {
  const page = printPageFor(opts);
  if (opts.printer) return finishPdf(await opts.printer(html, page), opts);
  const browser = opts.browser ?? (await launchReportBrowser(resolveChromium(opts.chromiumPath)));
  try {
    const printed = await playwrightPrinter(browser)(html, page);
    return await finishPdf(printed, opts);
  } finally {
    if (!opts.browser) await browser.close();
  }
}

/* ---------- Verification ---------- */

const text = (o: unknown): string | null =>
  o instanceof PDFString || o instanceof PDFHexString ? o.decodeText() : null;

/** Every (name, file specification) pair of the catalog's /Names /EmbeddedFiles name tree. */
function embeddedFiles(doc: PDFDocument): { name: string; spec: PDFDict }[] {
  const out: { name: string; spec: PDFDict }[] = [];
  const names = doc.catalog.lookupMaybe(PDFName.of('Names'), PDFDict);
  const root = names?.lookupMaybe(PDFName.of('EmbeddedFiles'), PDFDict);
  const seen = new Set<PDFDict>();
  const walk = (node: PDFDict | undefined, depth: number) => {
    if (!node || seen.has(node) || depth > 32) return;
    seen.add(node);
    const pairs = node.lookupMaybe(PDFName.of('Names'), PDFArray);
    if (pairs) {
      for (let i = 0; i + 1 < pairs.size(); i += 2) {
        const spec = pairs.lookup(i + 1);
        if (spec instanceof PDFDict) out.push({ name: text(pairs.lookup(i)) ?? '', spec });
      }
    }
    const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray);
    if (kids)
      for (let i = 0; i < kids.size(); i++) {
        const kid = kids.lookup(i);
        if (kid instanceof PDFDict) walk(kid, depth + 1);
      }
  };
  walk(root, 0);
  return out;
}

function fileBytes(spec: PDFDict): Uint8Array | null {
  const ef = spec.lookupMaybe(PDFName.of('EF'), PDFDict);
  const stream = ef?.lookup(PDFName.of('F'));
  if (stream instanceof PDFRawStream) return decodePDFRawStream(stream).decode();
  if (stream instanceof PDFStream) return stream.getContents();
  return null;
}

/** The attached results file, by name (`tenken-results.json`), or null. */
export async function extractAttachment(pdf: Uint8Array, fileName: string): Promise<Uint8Array | null> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const entry = embeddedFiles(doc).find(
    (e) =>
      e.name === fileName ||
      text(e.spec.lookup(PDFName.of('UF'))) === fileName ||
      text(e.spec.lookup(PDFName.of('F'))) === fileName,
  );
  return entry ? fileBytes(entry.spec) : null;
}

/**
 * `ok`: the attachment matches and every signature (if any) is valid, the last one covering the whole file.
 * `attachmentOk` alone is the attachment check; `signatures` is empty for an unsigned PDF.
 */
export type PdfVerification = {
  ok: boolean;
  attachmentOk: boolean;
  attachmentSha256: string | null;
  printedSha256: string | null;
  signatures: PdfSignatureCheck[];
};

/** Signed files: every signature valid and one of them covering the whole file. */
const signaturesOk = (s: readonly PdfSignatureCheck[]) =>
  s.every((x) => x.ok || (x.problems.length === 1 && x.problems[0] === 'notWholeFile')) &&
  (s.length === 0 || s.some((x) => x.ok));

/**
 * Whether the attached results are the ones the report printed: the SHA-256 of the embedded
 * `tenken-results.json` equals the hash recorded in Keywords (the same one printed on the cover). A damaged or
 * unreadable attachment counts as not ok.
 */
export async function verifyReportPdf(pdf: Uint8Array, fileName = 'tenken-results.json'): Promise<PdfVerification> {
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(pdf, { updateMetadata: false });
  } catch {
    const signatures = await (await import('../verify-signature')).verifyPdfSignatures(pdf, null);
    return { ok: false, attachmentOk: false, attachmentSha256: null, printedSha256: null, signatures };
  }
  const keywords = doc.getKeywords() ?? '';
  const printed = new RegExp(`${RESULTS_KEYWORD}([0-9a-f]{64})`).exec(keywords)?.[1] ?? null;
  let attachmentSha256: string | null = null;
  try {
    const entry = embeddedFiles(doc).find(
      (e) => e.name === fileName || text(e.spec.lookup(PDFName.of('UF'))) === fileName,
    );
    const bytes = entry ? fileBytes(entry.spec) : null;
    if (bytes) attachmentSha256 = createHash('sha256').update(bytes).digest('hex');
  } catch {
    attachmentSha256 = null;
  }
  const attachmentOk = printed !== null && attachmentSha256 === printed;
  // Loaded when verifying only (pkijs), so starting the app or the CLI does not pay for it.
  const signatures = await (await import('../verify-signature')).verifyPdfSignatures(pdf, doc);
  return {
    ok: attachmentOk && signaturesOk(signatures),
    attachmentOk,
    attachmentSha256,
    printedSha256: printed,
    signatures,
  };
}
