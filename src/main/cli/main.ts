import { AppError } from '../../shared/api/errors';
import { createI18n, type UiLanguage } from '../../shared/i18n';
import { appVersion, findAppRoot } from '../app/app-root';
import { startRuntime } from '../app/runtime';
import { toAppError } from '../api/error-map';
import { chooseDataDir, workspacePaths } from '../workspace/paths';
import { getSettings } from '../settings/settings';
import { parseCli, type CliArgs } from './args';
import type { Out } from './command-types';
import { findCommand } from './commands';
import { backupCommands } from './commands/backup';

/** Commands that only read the workspace: a fast check on open is enough (a write command checks every page). */
const READING_COMMANDS = new Set([
  'catalog list',
  'catalog validate',
  'catalog export',
  'catalog diff',
  'catalog search',
  'assessment list',
  'assessment export',
  'audit verify',
  'report',
  'report verify',
]);

function pickLanguage(args: CliArgs | null, fallback?: UiLanguage): UiLanguage {
  const env = process.env.TENKEN_LANG;
  return args?.global.lang ?? (env === 'en' || env === 'ja' ? env : undefined) ?? fallback ?? 'ja';
}

/** Runs one CLI invocation; returns the exit code. Errors become one line on stderr and a non-zero code. */
export type CliIo = { out: (s: string) => void; err: (s: string) => void };
const STDIO: CliIo = {
  out: (s) => {
    process.stdout.write(`${s}\n`);
  },
  err: (s) => {
    process.stderr.write(`${s}\n`);
  },
};

/**
 * Starts the browser shell for `tenken web`. The CLI does not import another shell: the process entry
 * (src/main/entry.ts) passes it in, and tests may leave it out.
 */
export type WebLauncher = (
  opts: { dataDir: string | undefined; port: number | undefined; open: boolean },
  lang: UiLanguage,
  io: CliIo,
) => Promise<number>;

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
      if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535))
        throw new AppError('bad_input', 'usage', { detail: '--port 0-65535' });
      if (!launchWeb) throw new AppError('bad_input', 'unknownCommand', { command: 'web' });
      return await launchWeb({ dataDir: args.global.dataDir, port, open: args.options.open === true }, lang, io);
    }
    const folderCommand = backupCommands[args.command.slice(0, 2).join(' ')];
    if (folderCommand) {
      await folderCommand(workspacePaths(chooseDataDir({ flag: args.global.dataDir }).dir), args, {
        json: args.global.json,
        lang,
        t,
        print: io.out,
      });
      return 0;
    }
    const cmd = findCommand(args.command);
    if (!cmd) throw new AppError('bad_input', 'unknownCommand', { command: args.command.join(' ') });
    const rt = await startRuntime({
      dataDir: args.global.dataDir,
      shell: 'cli',
      integrity: READING_COMMANDS.has(cmd.name) ? 'fast' : 'full',
    });
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
    // A database or disk fault has its own message (src/main/api/error-map.ts); never a stack trace.
    const err = toAppError(e);
    const message = t(`errors.${err.key}`, err.params as Record<string, unknown>);
    if (args?.global.json)
      io.err(JSON.stringify({ ok: false, error: { code: err.code, key: err.key, params: err.params, message } }));
    else io.err(`tenken: ${message}`);
    return err.code === 'bad_input' ? 2 : 1;
  }
}
