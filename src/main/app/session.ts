import type { RecoveryStatus, RestoreOutcome } from '../../shared/api/backups-types';
import { AppError } from '../../shared/api/errors';
import { toAppError } from '../api/error-map';
import type { ServiceContext, WorkspaceSession } from '../context';
import { openRaw, type Db } from '../db/connection';
import { checkBackupFile, listBackups, newestGoodBackup, restoreBackup } from '../workspace/backup';
import { acquireSharedLock, type WorkspaceLock } from '../workspace/lock';
import { chooseDataDir, workspacePaths } from '../workspace/paths';
import { readOnlyReason } from '../workspace/read-only';
import { appVersion, findAppRoot } from './app-root';
import { backupCanCure, isRecoveryFault } from './recovery-faults';
import { startRuntime, type Runtime, type RuntimeOptions } from './runtime';

/**
 * The app shells' hold on the workspace (the browser shell and the desktop app; the CLI opens a runtime per
 * command). It owns the one ServiceContext every call goes through and keeps it pointing at what is open:
 *
 * - normal mode: the open workspace;
 * - recovery mode: the workspace could not be opened because of a fault of its file (recovery-faults.ts). The shell
 *   still starts, on the start screen; only RECOVERY_CHANNELS answer, every other call is refused with
 *   `workspaceNotOpen`. The session holds the shared workspace lock meanwhile, as an open workspace would.
 *
 * A restore (from the start screen or from Settings) is done by this process, which is why it works while the app
 * runs: new calls are refused with `workspaceRestoringNow` from the moment it begins, calls already in flight finish
 * first (so a save that was answered is in the workspace before it is closed, and so in the backup made of it), then
 * the workspace is closed, replaced by backup.ts under the exclusive lock, and opened again; the context is pointed
 * at it, so the renderer only has to load its data again. If the restored workspace cannot be opened either, the app
 * is in recovery mode with that fault.
 */
export type AppSession = {
  ctx: ServiceContext;
  mode(): 'normal' | 'recovery';
  /** The open workspace's runtime (null in recovery mode). */
  runtime(): Runtime | null;
  close(): void;
};

/** Channels that need no open workspace: the start screen's. */
export const RECOVERY_CHANNELS: ReadonlySet<string> = new Set([
  'app.info',
  'recovery.status',
  'backups.list',
  'backups.restore',
]);
/** Channels that read no workspace and so answer while a restore runs. */
const ANSWERS_WHILE_RESTORING: ReadonlySet<string> = new Set(['app.info', 'recovery.status']);

/**
 * A connection that is already closed stands in for the workspace in recovery mode: the session refuses every
 * channel that would use it, and if one ever did, it would fail at once instead of reading or writing anything.
 */
function closedDb(): Db {
  const db = openRaw(':memory:', {});
  db.close();
  return db;
}

export async function startSession(opts: RuntimeOptions): Promise<AppSession> {
  const choice = chooseDataDir({ flag: opts.dataDir });
  const paths = workspacePaths(choice.dir);
  const now = opts.now ?? (() => new Date());
  let rt: Runtime | null = null;
  let fault: AppError | null = null;
  let recoveryLock: WorkspaceLock | null = null;
  let restoring = false;
  let inFlight = 0;
  let drainedWaiters: (() => void)[] = [];

  const enterRecovery = (e: AppError) => {
    fault = e;
    rt = null;
    Object.assign(ctx, { db: closedDb(), readOnly: null, afterWrite: undefined });
    // Held like an open workspace's lock: another Tenken's restore is refused while this one shows the start screen.
    recoveryLock = acquireSharedLock(paths, { readOnly: readOnlyReason(paths) !== null });
  };
  const adopt = (next: Runtime) => {
    rt = next;
    fault = null;
    Object.assign(ctx, { db: next.ctx.db, readOnly: next.ctx.readOnly, afterWrite: next.ctx.afterWrite });
  };

  const ctx: ServiceContext = {
    db: closedDb(),
    paths,
    portable: choice.portable,
    appVersion: appVersion(findAppRoot()),
    shell: opts.shell,
    now,
    readOnly: null,
    ...(opts.platform ? { platform: opts.platform } : {}),
  };
  try {
    adopt(await startRuntime(opts));
  } catch (e) {
    const err = toAppError(e);
    if (!isRecoveryFault(err)) throw err;
    enterRecovery(err);
  }

  /** After a restore (or a refused one), the workspace as it now is: open, or the start screen with its fault. */
  const reopen = async () => {
    try {
      adopt(await startRuntime({ ...opts, backupAtStart: false }));
    } catch (e) {
      // Whatever keeps it from opening now is shown on the start screen: the process stays up to say it.
      enterRecovery(toAppError(e));
    }
  };

  const status = (): RecoveryStatus => {
    if (!fault) return { mode: 'normal' };
    return {
      mode: 'recovery',
      fault: fault.toData(),
      dataDir: paths.dataDir,
      dbFile: paths.dbFile,
      restorable: backupCanCure(fault) && newestGoodBackup(paths) !== null,
    };
  };

  const drained = () =>
    inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => drainedWaiters.push(resolve));

  const restore = async (name: string): Promise<RestoreOutcome> => {
    if (restoring) throw new AppError('locked', 'workspaceRestoringNow');
    if (fault && !backupCanCure(fault)) throw new AppError('conflict', 'recoveryNoRestore', { key: fault.key });
    // Checked before anything is closed: a restore refused here leaves the app exactly as it was.
    const entry = listBackups(paths).find((b) => b.name === name);
    if (!entry) throw new AppError('not_found', 'backupNotFound', { name });
    const check = checkBackupFile(entry);
    if (!check.ok) throw new AppError('conflict', 'backupDamaged', { name, detail: check.detail });
    restoring = true;
    try {
      await drained();
      const current = rt as Runtime | null;
      if (current) current.close();
      recoveryLock?.release();
      recoveryLock = null;
      try {
        const r = await restoreBackup(paths, name, now());
        await reopen();
        return {
          restored: r.restored.name,
          safetyCopy: r.safetyCopy?.name ?? null,
          keptAside: r.keptAside,
          status: status(),
        };
      } catch (e) {
        // Refused (another Tenken has the workspace open, a read-only folder…): the workspace is as it was; open it again.
        await reopen();
        throw e;
      }
    } finally {
      restoring = false;
    }
  };

  const session: WorkspaceSession = {
    admit(channel) {
      if (ANSWERS_WHILE_RESTORING.has(channel)) return { done: () => undefined };
      if (restoring) return { refused: new AppError('locked', 'workspaceRestoringNow') };
      if (fault && !RECOVERY_CHANNELS.has(channel))
        return { refused: new AppError('conflict', 'workspaceNotOpen', { key: fault.key }) };
      // The restore itself is not waited for by the restore.
      if (channel === 'backups.restore') return { done: () => undefined };
      inFlight++;
      let once = false;
      return {
        done: () => {
          if (once) return;
          once = true;
          inFlight--;
          if (inFlight === 0) {
            const waiting = drainedWaiters;
            drainedWaiters = [];
            for (const w of waiting) w();
          }
        },
      };
    },
    mode: () => (fault ? 'recovery' : 'normal'),
    status,
    restore,
  };
  ctx.session = session;

  return {
    ctx,
    mode: session.mode,
    runtime: () => rt,
    close: () => {
      rt?.close();
      recoveryLock?.release();
    },
  };
}
