// The Electron shell: lifecycle and wiring only. Everything it serves comes from the same services as the
// browser shell and the CLI.
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, shell } from 'electron';
import { join } from 'node:path';
import { createI18n } from '../../shared/i18n';
import { findAppRoot } from '../app/app-root';
import { startSession, type AppSession } from '../app/session';
import { toAppError } from '../api/error-map';
import { setNativeBinding } from '../db/connection';
import { getSettings } from '../settings/settings';
import { registerIpc } from './ipc';
import { menuTemplate } from './menu';
import { createElectronPrinter } from './print-pdf';
import { serveAppRequest } from './protocol';
import { hardenApp, hardenSession } from './security';
import { APP_ENTRY, APP_SCHEME, mainWindowOptions } from './window-options';

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);
// In development the better-sqlite3 build for Electron lives apart from the Node build the tests use (scripts/start.mjs).
setNativeBinding(process.env.TENKEN_SQLITE_BINDING || undefined);

function argValue(flag: string): string | undefined {
  const i = process.argv.indexOf(flag);
  if (i >= 0) return process.argv[i + 1];
  return process.argv.find((a) => a.startsWith(`${flag}=`))?.slice(flag.length + 1);
}

let appSession: AppSession | null = null;
let mainWindow: BrowserWindow | null = null;

/** The menu in the workspace's language (Japanese on the recovery start screen, where there are no settings to read). */
function applyMenu(s: AppSession): void {
  const language = s.mode() === 'recovery' ? 'ja' : getSettings(s.ctx).language;
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(menuTemplate(createI18n(language).t, process.platform, { packaged: app.isPackaged })),
  );
}

async function start(): Promise<void> {
  const root = findAppRoot();
  const rendererDir = join(root, 'dist', 'renderer');
  const catalogsDir = app.isPackaged ? join(process.resourcesPath, 'catalogs') : join(root, 'catalogs');
  hardenApp(app);
  hardenSession(session.defaultSession);
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(request, rendererDir));
  // A fault of the workspace file opens the window on the recovery start screen (src/main/app/session.ts); only
  // what keeps the app from running at all is an error box.
  try {
    appSession = await startSession({
      dataDir: argValue('--data-dir'),
      shell: 'electron',
      catalogsDir,
      backupAtStart: true,
      platform: {
        revealFile: (path) => shell.showItemInFolder(path),
        printPdf: createElectronPrinter({ BrowserWindow, session }),
      },
    });
  } catch (e) {
    const t = createI18n('ja').t;
    const err = toAppError(e);
    const message = t(`errors.${err.key}`, err.params as Record<string, unknown>);
    dialog.showErrorBox('Tenken', message);
    app.exit(1);
    return;
  }
  const s = appSession;
  registerIpc(ipcMain, s.ctx, (channel, result) => {
    if ((channel === 'settings.update' || channel === 'backups.restore') && result.ok) applyMenu(s);
  });
  applyMenu(s);
  mainWindow = new BrowserWindow(
    mainWindowOptions(join(root, 'dist', 'preload.cjs'), '点検 Tenken', { packaged: app.isPackaged }),
  );
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  await mainWindow.loadURL(APP_ENTRY);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => appSession?.close());
  void app.whenReady().then(start);
}
