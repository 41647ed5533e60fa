import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it, vi } from 'vitest';
import {
  createElectronPrinter,
  htmlSource,
  MAX_URL_CHARS,
  PRINT_PARTITION,
  printWindowOptions,
} from '../../src/main/electron/print-pdf';
import { extractAttachment, printPageFor, renderPdf, verifyReportPdf } from '../../src/main/report/render/pdf';
import { REPORT_MARGINS_MM } from '../../src/main/report/render/printer';
import { tempDir } from '../support/workspace';

// With a printer given, renderPdf must not start a browser: any launch fails this file.
const launch = vi.hoisted(() => vi.fn(() => Promise.reject(new Error('a browser was launched'))));
vi.mock('playwright-core', () => ({ chromium: { launch } }));

/**
 * The Electron report printer against a fake electron module (the Electron binary is not available on our machines):
 * the hidden window's preferences, the locked-down session, the printToPDF options, the window's cleanup, and the
 * PDF it prints finished by renderPdf with the attached results.
 */

async function tinyPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage([595.44, 842.4]).drawText('printed by the fake printToPDF');
  return doc.save();
}

type Listener = (...args: never[]) => unknown;
type BeforeRequest = (details: { url: string }, callback: (r: { cancel: boolean }) => void) => void;

function fakeElectron(behaviour: { load?: (url: string) => Promise<void>; print?: () => Promise<Uint8Array> } = {}) {
  const events: string[] = [];
  const session = {
    permissionRequest: undefined as ((wc: unknown, permission: string, cb: (ok: boolean) => void) => void) | undefined,
    permissionCheck: undefined as (() => boolean) | undefined,
    beforeRequest: undefined as BeforeRequest | undefined,
    listeners: new Map<string, Listener>(),
    setPermissionRequestHandler: vi.fn((fn: never) => {
      session.permissionRequest = fn;
    }),
    setPermissionCheckHandler: vi.fn((fn: never) => {
      session.permissionCheck = fn;
    }),
    setSpellCheckerEnabled: vi.fn(),
    on: vi.fn((name: string, fn: Listener) => {
      session.listeners.set(name, fn);
    }),
    webRequest: {
      onBeforeRequest: vi.fn((fn: BeforeRequest) => {
        session.beforeRequest = fn;
      }),
    },
  };
  /** Asks the session's request filter, as Electron would, whether `url` may load. */
  const allowed = (url: string): boolean => {
    let cancel: boolean | undefined;
    session.beforeRequest?.({ url }, (r) => {
      cancel = r.cancel;
    });
    if (cancel === undefined) throw new Error('the request filter did not answer');
    return !cancel;
  };
  const windows: FakeWindow[] = [];
  class FakeWindow {
    options: { show?: boolean; webPreferences?: Record<string, unknown> };
    destroyed = false;
    loadedUrl = '';
    openHandler: (() => unknown) | undefined;
    contentsListeners = new Map<string, Listener>();
    printOptions: Record<string, unknown> | undefined;
    webContents = {
      setWindowOpenHandler: (fn: () => unknown) => {
        this.openHandler = fn;
      },
      on: (name: string, fn: Listener) => {
        this.contentsListeners.set(name, fn);
      },
      loadURL: async (url: string) => {
        events.push('load');
        this.loadedUrl = url;
        await (behaviour.load ?? (async () => undefined))(url);
      },
      printToPDF: async (options: Record<string, unknown>) => {
        events.push('print');
        this.printOptions = options;
        return Buffer.from(await (behaviour.print ?? tinyPdf)());
      },
    };
    constructor(options: FakeWindow['options']) {
      this.options = options;
      windows.push(this);
      events.push('window');
    }
    isDestroyed() {
      return this.destroyed;
    }
    destroy() {
      this.destroyed = true;
      events.push('destroy');
    }
  }
  const fromPartition = vi.fn(() => session);
  return {
    electron: { BrowserWindow: FakeWindow, session: { fromPartition } } as never,
    session,
    allowed,
    windows,
    events,
    fromPartition,
  };
}

const HTML =
  '<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8"><title>報告書</title></head><body><h1>セキュリティ自己点検 報告書</h1></body></html>';
const PAGE = printPageFor({ headerMarking: 'CONFIDENTIAL', lang: 'ja' });

describe('Electron report printer: the hidden window', () => {
  it('is hidden, sandboxed, isolated, without Node, scripts, preload or DevTools, in its own in-memory session', async () => {
    const f = fakeElectron();
    await createElectronPrinter(f.electron)(HTML, PAGE);
    expect(f.windows).toHaveLength(1);
    const options = f.windows[0]?.options;
    expect(options?.show).toBe(false);
    expect(options?.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      javascript: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: false,
      partition: PRINT_PARTITION,
    });
    expect(options?.webPreferences).not.toHaveProperty('preload');
    expect(PRINT_PARTITION).not.toMatch(/^persist:/);
    expect(printWindowOptions()).toEqual(options);
    // Opening windows and navigating away are refused by the window itself too.
    expect(f.windows[0]?.openHandler?.()).toEqual({ action: 'deny' });
    const nav = { preventDefault: vi.fn() };
    (f.windows[0]?.contentsListeners.get('will-navigate') as (e: typeof nav) => void)(nav);
    expect(nav.preventDefault).toHaveBeenCalled();
  });

  it('loads the HTML as a base64 data: URL and cancels every other request; permissions and downloads are refused', async () => {
    const f = fakeElectron();
    const printer = createElectronPrinter(f.electron);
    await printer(HTML, PAGE);
    expect(f.fromPartition).toHaveBeenCalledWith(PRINT_PARTITION);
    const url = f.windows[0]?.loadedUrl as string;
    expect(url.startsWith('data:text/html;base64,')).toBe(true);
    expect(Buffer.from(url.slice('data:text/html;base64,'.length), 'base64').toString('utf8')).toBe(HTML);
    expect(f.allowed(url)).toBe(true);
    expect(f.allowed('data:font/woff2;base64,AAAA')).toBe(true); // the inlined font chunks
    for (const other of [
      'https://example.com/',
      'http://127.0.0.1:8080/',
      'file:///etc/passwd',
      'app://tenken/index.html',
      'blob:null/1',
      'ws://localhost/',
      'devtools://devtools/',
    ]) {
      expect(f.allowed(other), other).toBe(false);
    }
    const permission = vi.fn();
    f.session.permissionRequest?.({}, 'media', permission);
    expect(permission).toHaveBeenCalledWith(false);
    expect(f.session.permissionCheck?.()).toBe(false);
    expect(f.session.setSpellCheckerEnabled).toHaveBeenCalledWith(false);
    const download = { preventDefault: vi.fn() };
    (f.session.listeners.get('will-download') as (e: typeof download) => void)(download);
    expect(download.preventDefault).toHaveBeenCalled();
    // The session is set up once per printer, not once per report.
    await printer(HTML, PAGE);
    expect(f.session.webRequest.onBeforeRequest).toHaveBeenCalledTimes(1);
    expect(f.windows).toHaveLength(2);
  });

  it('prints A4 with backgrounds, the footer template, tagged and with an outline, margins in inches from the same millimetres', async () => {
    const f = fakeElectron();
    await createElectronPrinter(f.electron)(HTML, PAGE);
    expect(f.events).toEqual(['window', 'load', 'print', 'destroy']);
    const o = f.windows[0]?.printOptions as { margins: Record<string, number> } & Record<string, unknown>;
    expect(o).toMatchObject({
      pageSize: 'A4',
      landscape: false,
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: PAGE.footerTemplate,
      generateTaggedPDF: true,
      generateDocumentOutline: true,
      preferCSSPageSize: false,
    });
    expect(PAGE.footerTemplate).toContain('<span class="pageNumber"></span> / <span class="totalPages"></span>');
    // The marking is printed by the page itself in a footer margin box (page-chrome.tsx), in both languages.
    expect(PAGE.footerTemplate).not.toContain('CONFIDENTIAL');
    for (const side of ['top', 'bottom', 'left', 'right'] as const) {
      expect((o.margins[side] as number) * 25.4, side).toBeCloseTo(REPORT_MARGINS_MM[side], 2);
    }
    expect(o.margins.top).toBeCloseTo(0.7087, 4);
  });

  it('destroys the window when printing throws, when loading fails and when it takes too long', async () => {
    const failing = fakeElectron({ print: () => Promise.reject(new Error('printing failed')) });
    await expect(createElectronPrinter(failing.electron)(HTML, PAGE)).rejects.toThrow('printing failed');
    expect(failing.windows[0]?.destroyed).toBe(true);

    const unloadable = fakeElectron({ load: () => Promise.reject(new Error('ERR_BLOCKED_BY_CLIENT (-20)')) });
    await expect(createElectronPrinter(unloadable.electron)(HTML, PAGE)).rejects.toThrow('ERR_BLOCKED_BY_CLIENT');
    expect(unloadable.windows[0]?.destroyed).toBe(true);
    expect(unloadable.events).not.toContain('print');

    const hanging = fakeElectron({ load: () => new Promise<void>(() => undefined) });
    await expect(createElectronPrinter(hanging.electron, { timeoutMs: 50 })(HTML, PAGE)).rejects.toThrow(
      /^printTimeout/,
    );
    expect(hanging.windows[0]?.destroyed).toBe(true);
  });

  it('loads HTML over Chromium\u2019s URL limit from a private temporary file that only this print may load, removed afterwards', async () => {
    const big = `${HTML}<!--${'あ'.repeat(800_000)}-->`; // 2.4 MB of UTF-8 → 3.2 MB as base64
    const tmp = tempDir();
    let seen:
      { url: string; file: string; content: string; mode: number; allowed: boolean; sibling: boolean } | undefined;
    const f = fakeElectron({
      load: async (url) => {
        const file = fileURLToPath(url);
        seen = {
          url,
          file,
          content: readFileSync(file, 'utf8'),
          mode: statSync(file).mode & 0o777,
          allowed: f.allowed(url),
          sibling: f.allowed(`file://${join(dirname(file), 'other.html')}`),
        };
      },
    });
    await createElectronPrinter(f.electron, { tempDir: tmp })(big, PAGE);
    expect(seen?.url).toMatch(/^file:\/\//);
    expect(seen?.content).toBe(big);
    expect(seen?.mode).toBe(0o600);
    expect(seen?.allowed).toBe(true);
    expect(seen?.sibling).toBe(false);
    expect(existsSync(seen?.file as string)).toBe(false);
    expect(readdirSync(tmp)).toEqual([]);
    expect(f.allowed(seen?.url as string)).toBe(false);
    expect(f.windows[0]?.destroyed).toBe(true);
    // The switch point: a data: URL up to Chromium's limit, a file above it.
    const fits = Math.floor((MAX_URL_CHARS - 'data:text/html;base64,'.length) / 4) * 3; // bytes whose data: URL just fits
    expect(htmlSource('x'.repeat(fits)).kind).toBe('data');
    const over = htmlSource('x'.repeat(fits + 3), tmp);
    expect(over.kind).toBe('file');
    over.cleanup();
    expect(readdirSync(tmp)).toEqual([]);
  });
});

describe('renderPdf with the Electron printer', () => {
  it('finishes what printToPDF printed: metadata and the attached results JSON whose SHA-256 is recorded, without any browser', async () => {
    const f = fakeElectron();
    const results = Buffer.from(
      JSON.stringify({ schema: 'tenken-results/1', answers: [{ controlId: '1.1', value: 'implemented' }] }),
    );
    const sha256 = createHash('sha256').update(results).digest('hex');
    const pdf = await renderPdf(HTML, {
      printer: createElectronPrinter(f.electron),
      chromiumPath: '/nonexistent/chromium',
      headerMarking: 'CONFIDENTIAL',
      lang: 'ja',
      metadata: {
        title: 'セキュリティ自己点検 報告書',
        author: 'Tenken',
        subject: 'PCI DSS',
        keywords: ['Tenken'],
        creator: 'Tenken test',
        producer: 'Tenken test',
        creationDate: new Date('2026-06-10T00:00:00Z'),
      },
      attachment: {
        bytes: results,
        fileName: 'tenken-results.json',
        description: 'results',
        mediaType: 'application/json',
        printedSha256: sha256,
      },
    });
    expect(launch).not.toHaveBeenCalled();
    expect(f.events).toEqual(['window', 'load', 'print', 'destroy']);
    expect(f.windows[0]?.printOptions?.footerTemplate).toBe(PAGE.footerTemplate);
    const v = await verifyReportPdf(pdf);
    expect(v).toEqual({
      ok: true,
      attachmentOk: true,
      attachmentSha256: sha256,
      printedSha256: sha256,
      signatures: [],
    });
    expect(Buffer.from((await extractAttachment(pdf, 'tenken-results.json')) as Uint8Array).equals(results)).toBe(true);
    const doc = await PDFDocument.load(pdf);
    expect(doc.getTitle()).toBe('セキュリティ自己点検 報告書');
    expect(doc.getPageCount()).toBe(1);
    expect(doc.getKeywords()).toContain(`tenken-results-sha256=${sha256}`);
  });
});
