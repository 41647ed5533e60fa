import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type {
  BrowserWindow,
  BrowserWindowConstructorOptions,
  PrintToPDFOptions,
  Session,
  session as electronSession,
} from 'electron';
import { REPORT_MARGINS_MM, type HtmlPrinter } from '../report/render/printer';
import { mainWindowOptions } from './window-options';

/**
 * The desktop app prints reports with Electron's own Chromium (`webContents.printToPDF`), so a user's machine needs
 * no system Chromium. Each report is printed in a hidden, throw-away window:
 *
 * - the main window's hardened preferences (sandbox, context isolation, no Node, web security, no webview), without
 *   the preload, and with page scripts and DevTools off;
 * - its own in-memory session (`PRINT_PARTITION`, no `persist:`): every permission denied, downloads cancelled, no
 *   spellchecker dictionaries fetched, and every request cancelled except the report page itself and its inlined
 *   (data:) fonts;
 * - the HTML as a `data:text/html;base64,…` URL when it fits Chromium's URL limit (2 MiB), else as a file in a private
 *   temporary folder that only this print may load and that is removed afterwards;
 * - printed as the Playwright printer does (A4, backgrounds, REPORT_MARGINS_MM, tagged, outline, the footer template);
 * - the window destroyed afterwards, also when loading or printing fails or takes longer than `timeoutMs`.
 *
 * The app-wide hardening (security.ts: no navigation, no new windows, no webviews) applies to this window too.
 */

/** An in-memory session (no `persist:` prefix) used by report printing only. */
export const PRINT_PARTITION = 'tenken-report-print';

/** Chromium refuses to navigate to a URL longer than this (url::kMaxURLChars). */
export const MAX_URL_CHARS = 2 * 1024 * 1024;

const MM_PER_INCH = 25.4;

/** The parts of the electron module the printer uses (a fake in tests). */
export type ElectronPrintApi = {
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => BrowserWindow;
  session: Pick<typeof electronSession, 'fromPartition'>;
};

export type ElectronPrinterOptions = {
  /** Load and print must finish within this time; default two minutes. */
  timeoutMs?: number;
  /** Where oversized HTML is written (a private folder is made inside); default the OS temporary folder. */
  tempDir?: string;
};

/** The hidden print window: the main window's hardening, no preload, no scripts, its own in-memory session. */
export function printWindowOptions(): BrowserWindowConstructorOptions {
  // The main window factory decides the hardening; the print window takes it over and only tightens it.
  const { preload: _preload, ...hardened } = mainWindowOptions('', 'Tenken').webPreferences ?? {};
  return {
    show: false,
    // Rendered (and its web fonts loaded) although never shown, so `load` means "ready to print".
    paintWhenInitiallyHidden: true,
    focusable: false,
    skipTaskbar: true,
    width: 794, // A4 at 96 dpi
    height: 1123,
    webPreferences: {
      ...hardened,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      javascript: false,
      devTools: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      backgroundThrottling: false,
      partition: PRINT_PARTITION,
    },
  };
}

/** printToPDF's options for the report page (margins in inches, from the same millimetres as the Playwright printer). */
export function printToPdfOptions(footerTemplate: string): PrintToPDFOptions {
  const inches = (mm: number) => Math.round((mm / MM_PER_INCH) * 10_000) / 10_000;
  return {
    pageSize: 'A4',
    landscape: false,
    printBackground: true,
    displayHeaderFooter: true,
    headerTemplate: '<span></span>',
    footerTemplate,
    margins: {
      marginType: 'custom',
      top: inches(REPORT_MARGINS_MM.top),
      bottom: inches(REPORT_MARGINS_MM.bottom),
      left: inches(REPORT_MARGINS_MM.left),
      right: inches(REPORT_MARGINS_MM.right),
    },
    preferCSSPageSize: false,
    generateTaggedPDF: true,
    generateDocumentOutline: true,
  };
}

export type HtmlSource = { url: string; kind: 'data' | 'file'; cleanup: () => void };

/** The URL to load the HTML from: a data: URL when it fits, else a file (0600) in a private folder (0700). */
export function htmlSource(html: string, tempDir = tmpdir()): HtmlSource {
  const url = `data:text/html;base64,${Buffer.from(html, 'utf8').toString('base64')}`;
  if (url.length <= MAX_URL_CHARS) return { url, kind: 'data', cleanup: () => undefined };
  const dir = mkdtempSync(join(tempDir, 'tenken-print-'));
  try {
    const file = join(dir, 'report.html');
    writeFileSync(file, html, { encoding: 'utf8', mode: 0o600 });
    return {
      url: pathToFileURL(file).href,
      kind: 'file',
      cleanup: () => rmSync(dir, { recursive: true, force: true }),
    };
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

/** Denies every permission, cancels downloads and every request but `data:` and the file URLs in `allowed`. */
export function lockDownPrintSession(ses: Session, allowed: ReadonlySet<string>): void {
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setSpellCheckerEnabled(false);
  ses.on('will-download', (event) => event.preventDefault());
  ses.webRequest.onBeforeRequest((details, callback) =>
    callback({ cancel: !(details.url.startsWith('data:') || allowed.has(details.url)) }),
  );
}

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`printTimeout: ${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** An HtmlPrinter on Electron's printToPDF (call after `app.whenReady()`; see the module comment). */
export function createElectronPrinter(electron: ElectronPrintApi, opts: ElectronPrinterOptions = {}): HtmlPrinter {
  const timeoutMs = opts.timeoutMs ?? 120_000;
  const allowed = new Set<string>();
  let sessionReady = false;

  return async (html, page) => {
    if (!sessionReady) {
      lockDownPrintSession(electron.session.fromPartition(PRINT_PARTITION), allowed);
      sessionReady = true;
    }
    const source = htmlSource(html, opts.tempDir);
    if (source.kind === 'file') allowed.add(source.url);
    let win: BrowserWindow | undefined;
    try {
      win = new electron.BrowserWindow(printWindowOptions());
      const contents = win.webContents;
      contents.setWindowOpenHandler(() => ({ action: 'deny' }));
      contents.on('will-navigate', (event) => event.preventDefault());
      const printed = await withTimeout(
        (async () => {
          await contents.loadURL(source.url);
          return contents.printToPDF(printToPdfOptions(page.footerTemplate));
        })(),
        timeoutMs,
        'printing the report',
      );
      return Buffer.from(printed);
    } finally {
      if (win && !win.isDestroyed()) win.destroy();
      allowed.delete(source.url);
      source.cleanup();
    }
  };
}
