import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { UiLanguage } from '../../shared/i18n';
import { createI18n } from '../../shared/i18n';
import { AppError } from '../../shared/api/errors';
import { findAppRoot } from '../app/app-root';
import { startRuntime } from '../app/runtime';
import { startWebShell } from '../web/server';
import type { CliArgs } from './args';

/** Opens the URL in the user's browser where one exists; a fixed program with the URL as one argument, no shell. */
function openBrowser(url: string): void {
  const [cmd, args] = process.platform === 'win32' ? ['explorer.exe', [url]] : process.platform === 'darwin' ? ['open', [url]] : ['xdg-open', [url]];
  try {
    const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    /* no browser: the printed URL is enough */
  }
}

/** `tenken web`: serves the app on 127.0.0.1 until interrupted. */
export async function runWeb(args: CliArgs, lang: UiLanguage, io: { out: (s: string) => void; err: (s: string) => void }): Promise<number> {
  const t = createI18n(lang).t;
  const portText = args.options.port;
  const port = typeof portText === 'string' ? Number(portText) : undefined;
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) throw new AppError('bad_input', 'usage', { detail: '--port 0-65535' });
  const rt = await startRuntime({ dataDir: args.global.dataDir, shell: 'web', backupAtStart: true });
  const shell = await startWebShell(rt.ctx, { rendererDir: join(findAppRoot(), 'dist', 'renderer'), ...(port !== undefined ? { port } : {}) });
  io.out(t('cli.webStarted', { dir: rt.workspace.paths.dataDir }));
  io.out(shell.url);
  if (args.options.open) openBrowser(shell.url);
  await new Promise<void>((resolveStop) => {
    const stop = () => resolveStop();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await shell.close();
  rt.close();
  return 0;
}
