import type { BrowserWindowConstructorOptions } from 'electron';

export const APP_SCHEME = 'app';
export const APP_HOST = 'tenken';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

/**
 * The one place window settings are decided (a test asserts them): isolated, sandboxed renderer without
 * Node, no webview, no insecure content, our preload only. DevTools only in development (`app.isPackaged` false):
 * in a packaged app anyone at the keyboard could otherwise call any channel from the console.
 */
export function mainWindowOptions(
  preloadPath: string,
  title: string,
  opts: { packaged: boolean } = { packaged: true },
): BrowserWindowConstructorOptions {
  return {
    width: 1360,
    height: 880,
    minWidth: 960,
    minHeight: 600,
    title,
    show: false,
    backgroundColor: '#f7f7f5',
    autoHideMenuBar: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: !opts.packaged,
    },
  };
}
