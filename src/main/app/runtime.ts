import { restoreAuditProtection } from '../audit/audit-triggers';
import { join } from 'node:path';
import type { AppInfo } from '../../shared/api/types';
import { loadShippedCatalogs, type LoadOutcome } from '../catalogs/loader';
import { loadMappings } from '../catalogs/mapping-loader';
import type { ServiceContext } from '../context';
import { createBackup, listBackups } from '../workspace/backup';
import { AppError } from '../../shared/api/errors';
import type { Integrity } from '../workspace/inspect';
import { openWorkspace, type Workspace } from '../workspace/open';
import { toAppError } from '../api/error-map';
import { chooseDataDir, type DataDirChoice } from '../workspace/paths';
import { appVersion, findAppRoot } from './app-root';

export type RuntimeOptions = {
  dataDir?: string | undefined;
  shell: AppInfo['shell'];
  /** Where shipped catalogs are (packaged Electron: resources/catalogs). */
  catalogsDir?: string;
  /** App shells back up at start; the CLI does not (it runs once per command). */
  backupAtStart?: boolean;
  /**
   * How thoroughly the workspace is checked on open (src/main/workspace/inspect.ts). The app shells check every page
   * once per start (full); the CLI passes full for a command that writes, fast for one that only reads (the default
   * for the CLI: a read needs no page-by-page check, and SQLite still reports a damaged page it comes across).
   */
  integrity?: Integrity;
  /** Where a warning goes that does not stop the start (a backup at start that failed). */
  warn?: (e: AppError) => void;
  now?: () => Date;
  platform?: ServiceContext['platform'];
};

export type Runtime = {
  ctx: ServiceContext;
  workspace: Workspace;
  dataDir: DataDirChoice;
  catalogs: LoadOutcome[];
  close(): void;
};

const START_BACKUP_MIN_INTERVAL_MS = 60_000;

const warn = (opts: RuntimeOptions, e: AppError) =>
  (opts.warn ?? ((w) => console.warn(`[tenken] ${w.key} ${JSON.stringify(w.params)}`)))(e);

export async function startRuntime(opts: RuntimeOptions): Promise<Runtime> {
  const root = findAppRoot();
  const choice = chooseDataDir({ flag: opts.dataDir });
  const integrity = opts.integrity ?? (opts.shell === 'cli' ? 'fast' : 'full');
  const workspace = await openWorkspace(choice.dir, { portable: choice.portable, integrity });
  const now = opts.now ?? (() => new Date());
  const ctx: ServiceContext = {
    db: workspace.db,
    paths: workspace.paths,
    portable: choice.portable,
    appVersion: appVersion(root),
    shell: opts.shell,
    now,
    readOnly: workspace.readOnly,
    afterWrite: workspace.recordWrite,
    ...(opts.platform ? { platform: opts.platform } : {}),
  };
  const runtime: Runtime = { ctx, workspace, dataDir: choice, catalogs: [], close: () => workspace.close() };
  // A read-only workspace is served as it is: no catalog refresh, no backup (both would write).
  if (workspace.readOnly) return runtime;
  // History triggers someone dropped are put back, and the repair is recorded in the history (audit-triggers.ts).
  const restored = restoreAuditProtection(ctx);
  if (restored.length > 0) {
    workspace.recordWrite();
    warn(opts, new AppError('internal', 'auditProtectionRestored', { triggers: restored.join(', ') }));
  }
  try {
    runtime.catalogs = loadShippedCatalogs(
      workspace.db,
      opts.catalogsDir ?? join(root, 'catalogs'),
      now().toISOString(),
    );
    for (const c of runtime.catalogs)
      if (c.status === 'invalid')
        console.warn(
          `[tenken] shipped catalog ${c.file} is invalid and was skipped: ${c.errors.map((e) => `${e.path} ${e.key}`).join('; ')}`,
        );
    const mappings = loadMappings(workspace.db, opts.catalogsDir ?? join(root, 'catalogs'), now().toISOString());
    for (const m of mappings)
      if (m.status === 'invalid')
        console.warn(
          `[tenken] mapping ${m.file} is invalid and was skipped: ${m.errors.map((e) => `${e.path} ${e.key}`).join('; ')}`,
        );
  } catch (e) {
    const err = toAppError(e);
    // A full disk stops the refresh of changed catalogs (each is loaded whole or not at all); what is stored still serves.
    if (err.key === 'diskFull') warn(opts, err);
    else {
      workspace.close();
      throw err;
    }
  }
  if (opts.backupAtStart) {
    // A backup that cannot be made (full disk, read-only backups folder) is said, and does not keep the app from starting.
    try {
      const newest = listBackups(workspace.paths)[0];
      if (!newest || now().getTime() - Date.parse(newest.createdAt) > START_BACKUP_MIN_INTERVAL_MS) {
        const made = await createBackup(workspace.db, workspace.paths, 'start', now());
        if (made.check === 'damaged') {
          // The live file passed its check at open and its copy did not: stop before anything more is written to it.
          workspace.close();
          throw new AppError('conflict', 'workspaceDamaged', {
            file: workspace.paths.dbFile,
            detail: made.checkDetail ?? '',
          });
        }
      }
    } catch (e) {
      if (e instanceof AppError && e.key === 'workspaceDamaged') throw e;
      const cause = toAppError(e);
      warn(opts, new AppError('internal', 'backupAtStartFailed', { ...cause.params, reason: cause.key }));
    }
  }
  return runtime;
}
