import { join } from 'node:path';
import type { AppInfo } from '../../shared/api/types';
import { loadShippedCatalogs, type LoadOutcome } from '../catalogs/loader';
import { loadMappings } from '../catalogs/mapping-loader';
import type { ServiceContext } from '../context';
import { createBackup, listBackups } from '../workspace/backup';
import { openWorkspace, type Workspace } from '../workspace/open';
import { chooseDataDir, type DataDirChoice } from '../workspace/paths';
import { appVersion, findAppRoot } from './app-root';

export type RuntimeOptions = {
  dataDir?: string | undefined;
  shell: AppInfo['shell'];
  /** Where shipped catalogs are (packaged Electron: resources/catalogs). */
  catalogsDir?: string;
  /** App shells back up at start; the CLI does not (it runs once per command). */
  backupAtStart?: boolean;
  now?: () => Date;
  platform?: ServiceContext['platform'];
};

export type Runtime = { ctx: ServiceContext; workspace: Workspace; dataDir: DataDirChoice; catalogs: LoadOutcome[]; close(): void };

const START_BACKUP_MIN_INTERVAL_MS = 60_000;

export async function startRuntime(opts: RuntimeOptions): Promise<Runtime> {
  const root = findAppRoot();
  const choice = chooseDataDir({ flag: opts.dataDir });
  const workspace = await openWorkspace(choice.dir, { portable: choice.portable });
  const now = opts.now ?? (() => new Date());
  const ctx: ServiceContext = { db: workspace.db, paths: workspace.paths, portable: choice.portable, appVersion: appVersion(root), shell: opts.shell, now, ...(opts.platform ? { platform: opts.platform } : {}) };
  const catalogs = loadShippedCatalogs(workspace.db, opts.catalogsDir ?? join(root, 'catalogs'), now().toISOString());
  for (const c of catalogs) if (c.status === 'invalid') console.warn(`[tenken] shipped catalog ${c.file} is invalid and was skipped: ${c.errors.map((e) => `${e.path} ${e.key}`).join('; ')}`);
  const mappings = loadMappings(workspace.db, opts.catalogsDir ?? join(root, 'catalogs'), now().toISOString());
  for (const m of mappings) if (m.status === 'invalid') console.warn(`[tenken] mapping ${m.file} is invalid and was skipped: ${m.errors.map((e) => `${e.path} ${e.key}`).join('; ')}`);
  if (opts.backupAtStart) {
    const newest = listBackups(workspace.paths)[0];
    if (!newest || now().getTime() - Date.parse(newest.createdAt) > START_BACKUP_MIN_INTERVAL_MS) await createBackup(workspace.db, workspace.paths, 'start', now());
  }
  return { ctx, workspace, dataDir: choice, catalogs, close: () => workspace.close() };
}
