import type { App, Session } from 'electron';
import { APP_HOST, APP_SCHEME } from './window-options';

/**
 * The Electron security checklist, applied once for the whole app: no navigation away from our page, no
 * new windows, no webviews, every permission denied, and no request leaves the machine (we are offline by promise).
 */
export function hardenApp(app: Pick<App, 'on'>): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (e) => e.preventDefault());
    contents.on('will-redirect', (e) => e.preventDefault());
    // Any frame (the evidence preview too) may only go to the app's own pages or a PDF blob the page made itself.
    contents.on('will-frame-navigate', (e) => {
      if (!isAllowedFrameUrl(e.url)) e.preventDefault();
    });
    contents.on('will-attach-webview', (e) => e.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}

/** Chromium's (and Electron's) built-in PDF viewer, which shows a PDF evidence preview inside its frame. */
const PDF_VIEWER_HOST = 'mhjfbmdgcfjbbpaeojofohoefgiehjai';

// Node's URL gives non-special schemes (app:, chrome-extension:) the origin "null", so scheme and host are compared.
const isApp = (u: URL) => u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;

/** Where a frame may navigate: the app's own origin, a blob: URL the app page made, or the PDF viewer. */
export function isAllowedFrameUrl(url: string): boolean {
  try {
    const u = new URL(url);
    if (u.protocol === 'blob:') return isApp(new URL(u.pathname));
    return isApp(u) || (u.protocol === 'chrome-extension:' && u.host === PDF_VIEWER_HOST);
  } catch {
    return false;
  }
}

export function isAllowedRequestUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return (
      u.protocol === `${APP_SCHEME}:` || u.protocol === 'devtools:' || u.protocol === 'data:' || u.protocol === 'blob:'
    );
  } catch {
    return false;
  }
}

export function hardenSession(
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'webRequest'>,
): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedRequestUrl(details.url) }));
}
