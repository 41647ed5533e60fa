import { join } from 'node:path';
import { AppError } from '../../shared/api/errors';
import { openRaw, type Db } from '../db/connection';
import type { WorkspacePaths } from './paths';

/**
 * The workspace lock. Every shell that opens a workspace holds a shared lock for as long as it has it open; a restore
 * takes the exclusive lock, so it is refused while any shell (the browser shell, the desktop app, a CLI command) has
 * the workspace open, and a shell starting during a restore waits for it to finish.
 *
 * The lock is SQLite's own file lock on a small, empty file beside the workspace (`tenken.lock`): a read transaction
 * held open is a shared lock, `BEGIN EXCLUSIVE` is the exclusive one. These are operating-system locks (fcntl on
 * POSIX, LockFileEx on Windows) that the system releases when a process ends in any way, kill -9 and power loss
 * included, so a lock can never be left behind by a process that died: there is no pid to trust or clean up.
 * Nothing is ever written into the lock file.
 */
export const LOCK_FILE_NAME = 'tenken.lock';
export type WorkspaceLock = { readonly kind: 'shared' | 'exclusive' | 'none'; release(): void };

const NO_LOCK: WorkspaceLock = { kind: 'none', release: () => undefined };
/** How long a starting shell waits for a restore in progress. */
const SHARED_WAIT_MS = 15_000;

export const lockFilePath = (paths: WorkspacePaths) => join(paths.dataDir, LOCK_FILE_NAME);

function openLock(paths: WorkspacePaths, readonly: boolean, waitMs: number): Db {
  const db = openRaw(lockFilePath(paths), readonly ? { readonly: true, fileMustExist: true } : {});
  db.pragma(`busy_timeout = ${waitMs}`);
  return db;
}

const isBusy = (e: unknown) =>
  typeof (e as { code?: unknown }).code === 'string' && /^SQLITE_(BUSY|LOCKED)/.test((e as { code: string }).code);

function holding(db: Db, kind: 'shared' | 'exclusive'): WorkspaceLock {
  let held = true;
  return {
    kind,
    release: () => {
      if (!held) return;
      held = false;
      try {
        if (db.inTransaction) db.exec('ROLLBACK');
      } finally {
        db.close();
      }
    },
  };
}

/**
 * Taken by every shell before it opens the workspace. In a read-only folder where the lock file cannot be made there
 * is nothing to protect (no restore can write there either), so no lock is taken.
 */
export function acquireSharedLock(
  paths: WorkspacePaths,
  opts: { readOnly?: boolean; waitMs?: number } = {},
): WorkspaceLock {
  let db: Db;
  try {
    db = openLock(paths, false, opts.waitMs ?? SHARED_WAIT_MS);
  } catch (e) {
    if (!opts.readOnly) throw e;
    try {
      db = openLock(paths, true, opts.waitMs ?? SHARED_WAIT_MS);
    } catch {
      return NO_LOCK;
    }
  }
  try {
    db.exec('BEGIN');
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    return holding(db, 'shared');
  } catch (e) {
    db.close();
    if (isBusy(e)) throw new AppError('locked', 'workspaceRestoring', { dir: paths.dataDir });
    if (opts.readOnly) return NO_LOCK;
    throw e;
  }
}

/** Taken by a restore: refused at once, with a clear message, while any other process or connection holds the workspace. */
export function acquireExclusiveLock(paths: WorkspacePaths): WorkspaceLock {
  const db = openLock(paths, false, 0);
  try {
    db.exec('BEGIN EXCLUSIVE');
    return holding(db, 'exclusive');
  } catch (e) {
    db.close();
    if (isBusy(e)) throw new AppError('locked', 'workspaceInUse', { dir: paths.dataDir });
    throw e;
  }
}
