import { AppError } from '../../shared/api/errors';
import { createI18n, type UiLanguage } from '../../shared/i18n';
import { appVersion, findAppRoot } from '../app/app-root';
import { startRuntime } from '../app/runtime';
import { getSettings } from '../settings/settings';
import { parseCli, type CliArgs } from './args';
import type { Out } from './command-types';
import { findCommand } from './commands';

function pickLanguage(args: CliArgs | null, fallback?: UiLanguage): UiLanguage {
  const env = process.env.TENKEN_LANG;
  return args?.global.lang ?? (env === 'en' || env === 'ja' ? env : undefined) ?? fallback ?? 'ja';
}

/** Runs one CLI invocation; returns the exit code. Errors become one line on stderr and a non-zero code. */
export type CliIo = { out: (s: string) => void; err: (s: string) => void };
const STDIO: CliIo = { out: (s) => { process.stdout.write(`${s}\n`); }, err: (s) => { process.stderr.write(`${s}\n`); } };

/**
 * Starts the browser shell for `tenken web`. The CLI does not import another shell: the process entry
 * (src/main/entry.ts) passes it in, and tests may leave it out.
 */
export type WebLauncher = (opts: { dataDir: string | undefined; port: number | undefined; open: boolean }, lang: UiLanguage, io: CliIo) => Promise<number>;

export async function runCli(argv: string[], io: CliIo = STDIO, launchWeb?: WebLauncher): Promise<number> {
  let args: CliArgs | null = null;
  let lang: UiLanguage = pickLanguage(null);
  try {
    args = parseCli(argv);
    lang = pickLanguage(args);
    const t = createI18n(lang).t;
    const [first] = args.command;
    if (args.global.help || !first || first === 'help') {
      io.out(t('cli.help'));
      return 0;
    }
    if (first === 'version') {
      const v = appVersion(findAppRoot());
      io.out(args.global.json ? JSON.stringify({ name: 'tenken', version: v }) : `Tenken ${v}`);
      return 0;
    }
    if (first === 'web') {
      const portText = args.options.port;
      const port = typeof portText === 'string' ? Number(portText) : undefined;
      if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) throw new AppError('bad_input', 'usage', { detail: '--port 0-65535' });
      if (!launchWeb) throw new AppError('bad_input', 'unknownCommand', { command: 'web' });
      return await launchWeb({ dataDir: args.global.dataDir, port, open: args.options.open === true }, lang, io);
    }
    const cmd = findCommand(args.command);
    if (!cmd) throw new AppError('bad_input', 'unknownCommand', { command: args.command.join(' ') });
    const rt = await startRuntime({ dataDir: args.global.dataDir, shell: 'cli' });
    try {
      lang = pickLanguage(args, getSettings(rt.ctx).language);
      const out: Out = { json: args.global.json, lang, t: createI18n(lang).t, print: io.out };
      await cmd.run(rt, args, out);
    } finally {
      rt.close();
    }
    return 0;
  } catch (e) {
    const t = createI18n(lang).t;
    if (e instanceof AppError) {
      const message = t(`errors.${e.key}`, e.params as Record<string, unknown>);
      if (args?.global.json) io.err(JSON.stringify({ ok: false, error: { code: e.code, key: e.key, params: e.params, message } }));
      else io.err(`tenken: ${message}`);
      return e.code === 'bad_input' ? 2 : 1;
    }
    io.err(`tenken: ${t('errors.internal', { detail: e instanceof Error ? e.message : String(e) })}`);
    return 1;
  }
}
