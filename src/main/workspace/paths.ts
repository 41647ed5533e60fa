import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export const APP_DIR_NAME = 'Tenken';
export const PORTABLE_DIR_NAME = 'tenken-data';
export const DB_FILE_NAME = 'tenken.sqlite';

/** The OS user-data folder, the same place Electron's app.getPath('userData') uses for our app name. */
export function defaultUserDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_DIR_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_DIR_NAME);
}

export type DataDirChoice = { dir: string; portable: boolean; source: 'flag' | 'env' | 'portable' | 'default' };

/**
 * Where the workspace lives, in order: --data-dir, TENKEN_DATA_DIR, a `tenken-data` folder next to the
 * executable (portable mode: a consultant's USB stick), else the OS user-data folder.
 */
export function chooseDataDir(opts: {
  flag?: string | undefined;
  env?: NodeJS.ProcessEnv;
  executableDirs?: string[];
}): DataDirChoice {
  const env = opts.env ?? process.env;
  if (opts.flag) return { dir: resolve(opts.flag), portable: false, source: 'flag' };
  if (env.TENKEN_DATA_DIR) return { dir: resolve(env.TENKEN_DATA_DIR), portable: false, source: 'env' };
  const exeDirs =
    opts.executableDirs ?? [env.PORTABLE_EXECUTABLE_DIR, dirname(process.execPath)].filter((d): d is string => !!d);
  for (const dir of exeDirs) {
    const candidate = join(dir, PORTABLE_DIR_NAME);
    if (existsSync(candidate)) return { dir: candidate, portable: true, source: 'portable' };
  }
  return { dir: defaultUserDataDir(env), portable: false, source: 'default' };
}

export type WorkspacePaths = { dataDir: string; dbFile: string; backupDir: string; evidenceDir: string };

export function workspacePaths(dataDir: string): WorkspacePaths {
  return {
    dataDir,
    dbFile: join(dataDir, DB_FILE_NAME),
    backupDir: join(dataDir, 'backups'),
    evidenceDir: join(dataDir, 'evidence'),
  };
}
