// The Electron shell: lifecycle and wiring only. Everything it serves comes from the same services as the
// browser shell and the CLI.
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, shell } from 'electron';
import { join } from 'node:path';
import { createI18n } from '../../shared/i18n';
import { findAppRoot } from '../app/app-root';
import { startRuntime, type Runtime } from '../app/runtime';
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

let runtime: Runtime | null = null;
let mainWindow: BrowserWindow | null = null;

function applyMenu(rt: Runtime): void {
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate(createI18n(getSettings(rt.ctx).language).t, process.platform, { packaged: app.isPackaged }),
    ),
  );
}

async function start(): Promise<void> {
  const root = findAppRoot();
  const rendererDir = join(root, 'dist', 'renderer');
  const catalogsDir = app.isPackaged ? join(process.resourcesPath, 'catalogs') : join(root, 'catalogs');
  hardenApp(app);
  hardenSession(session.defaultSession);
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(request, rendererDir));
  try {
    runtime = await startRuntime({
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
  const rt = runtime;
  registerIpc(ipcMain, rt.ctx, (channel, result) => {
    if (channel === 'settings.update' && result.ok) applyMenu(rt);
  });
  applyMenu(rt);
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
  app.on('will-quit', () => runtime?.close());
  void app.whenReady().then(start);
}
