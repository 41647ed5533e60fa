// What a PDF printer is: the contract between the report service and whichever shell prints (system Chromium
// through playwright-core, or Electron's own printToPDF). Types and constants only, so any layer may import it.

/** Page margins of the report, in millimetres (the footer sits in the bottom one). */
export const REPORT_MARGINS_MM = { top: 18, bottom: 16, left: 14, right: 14 } as const;

/** What a printer gets besides the HTML: the footer template (page x / y, ASCII marking) and the report language. */
export type PrintPage = { footerTemplate: string; lang: 'ja' | 'en' };

/**
 * Prints the report HTML to PDF bytes: A4, backgrounds printed, `REPORT_MARGINS_MM`, an empty header and
 * `page.footerTemplate` as footer, tagged, with an outline from h1–h3; offline, page scripts off.
 */
export type HtmlPrinter = (html: string, page: PrintPage) => Promise<Uint8Array>;
