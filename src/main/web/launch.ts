import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { AppError } from '../../shared/api/errors';
import type { UiLanguage } from '../../shared/i18n';
import { createI18n } from '../../shared/i18n';
import { findAppRoot } from '../app/app-root';
import { startSession } from '../app/session';
import { startWebShell } from './server';

/** Opens the URL in the user's browser where one exists; a fixed program with the URL as one argument, no shell. */
function openBrowser(url: string): void {
  const [cmd, args] =
    process.platform === 'win32'
      ? ['explorer.exe', [url]]
      : process.platform === 'darwin'
        ? ['open', [url]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    /* no browser: the printed URL is enough */
  }
}

export type WebLaunch = { dataDir: string | undefined; port: number | undefined; open: boolean };

/** `tenken web`: serves the app on 127.0.0.1 until interrupted. */
export async function runWeb(
  opts: WebLaunch,
  lang: UiLanguage,
  io: { out: (s: string) => void; err: (s: string) => void },
): Promise<number> {
  const t = createI18n(lang).t;
  const { port } = opts;
  // A warning (a backup at start that could not be made) is said and does not stop the start.
  const warn = (w: AppError) =>
    io.err(
      `tenken: ${t(`errors.${w.key}`, { ...w.params, reason: t(`errors.${String(w.params.reason)}`, w.params) })}`,
    );
  // A fault of the workspace file does not stop the start: the app opens on its recovery start screen (session.ts).
  const session = await startSession({ dataDir: opts.dataDir, shell: 'web', backupAtStart: true, warn });
  const status = session.mode() === 'recovery' ? session.ctx.session?.status() : undefined;
  if (status?.mode === 'recovery')
    io.err(`tenken: ${t(`errors.${status.fault.key}`, status.fault.params)}\ntenken: ${t('cli.recoveryStarted')}`);
  const readOnly = session.runtime()?.workspace.readOnly;
  if (readOnly) io.err(`tenken: ${t('cli.readOnlyStarted', { reason: t(`cli.readOnlyReason.${readOnly}`) })}`);
  const shell = await startWebShell(session.ctx, {
    rendererDir: join(findAppRoot(), 'dist', 'renderer'),
    ...(port !== undefined ? { port } : {}),
  });
  io.out(t('cli.webStarted', { dir: session.ctx.paths.dataDir }));
  io.out(shell.url);
  if (opts.open) openBrowser(shell.url);
  await new Promise<void>((resolveStop) => {
    const stop = () => resolveStop();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await shell.close();
  session.close();
  return 0;
}
