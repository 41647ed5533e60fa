import { existsSync, mkdirSync, statSync } from 'node:fs';
import { AppError } from '../../shared/api/errors';
import { openWorkspaceDb, type Db } from '../db/connection';
import { migrate, schemaVersion } from '../db/migrate';
import { LATEST_SCHEMA_VERSION } from '../db/migrations';
import { backupWorkspaceFile, listBackups, newestGoodBackup } from './backup';
import { checkHistoryHead, headRecorder } from './history-head';
import {
  inspectOpenDatabase,
  inspectWorkspaceFile,
  inspectWorkspaceHeader,
  openFault,
  openForReading,
  sqliteCode,
  type Integrity,
  type WorkspaceFileState,
} from './inspect';
import { acquireSharedLock } from './lock';
import { workspacePaths, type WorkspacePaths } from './paths';
import { readOnlyReason, type ReadOnlyReason } from './read-only';

export type { ReadOnlyReason } from './read-only';
export type Workspace = {
  db: Db;
  paths: WorkspacePaths;
  portable: boolean;
  migrated: { from: number; to: number };
  /** Why the workspace is open read-only (nothing can be saved), or null when it is writable. */
  readOnly: ReadOnlyReason | null;
  /** Called after every save: keeps the record of the last history entry (./history-head.ts) up to date. */
  recordWrite(): void;
  close(): void;
};

/**
 * A workspace that cannot be written is read as an image in memory, so SQLite makes no -wal/-shm files beside it
 * (they would inherit the file's read-only mode); only a WAL left with content by a crash is read in place.
 */
const readAsImage = (paths: WorkspacePaths) =>
  !(existsSync(`${paths.dbFile}-wal`) && statSync(`${paths.dbFile}-wal`).size > 0);

/**
 * The fast open of a current workspace with nothing pending beside it (the CLI's read commands): the schema is read
 * once, on the connection that is kept, instead of once to inspect and again to use — SQLite parses the whole schema
 * on a connection's first statement, the largest part of a warm start. Safe only where opening for writing cannot
 * write: the file is in WAL mode already (so `journal_mode = WAL` changes nothing), no `-wal` content a close would
 * fold into the file, no rollback journal. Anything else (null) goes through the read-only inspection first.
 */
function openCurrentInPlace(paths: WorkspacePaths): { db: Db; state: WorkspaceFileState } | null {
  const head = inspectWorkspaceHeader(paths.dbFile);
  if (head.kind !== 'sqlite' || head.header.writeVersion !== 2 || head.header.userVersion !== LATEST_SCHEMA_VERSION)
    return null;
  const pending = (f: string) => existsSync(f) && statSync(f).size > 0;
  if (pending(`${paths.dbFile}-wal`) || existsSync(`${paths.dbFile}-journal`)) return null;
  let db: Db | null = null;
  try {
    db = openWorkspaceDb(paths.dbFile);
    return { db, state: inspectOpenDatabase(db, paths.dbFile, head.header, 'fast') };
  } catch (e) {
    db?.close();
    throw openFault(e, paths.dbFile);
  }
}

/** A damaged or missing workspace names the newest backup that passes its check, and the command that restores it. */
function withBackupAdvice(e: AppError, paths: WorkspacePaths): AppError {
  if (e.key !== 'workspaceDamaged' && e.key !== 'notADatabase') return e;
  const good = newestGoodBackup(paths);
  if (!good) return e;
  return new AppError(e.code, e.key === 'workspaceDamaged' ? 'workspaceDamagedRestore' : 'notADatabaseRestore', {
    ...e.params,
    backup: good.name,
  });
}

/** A missing or 0-byte workspace beside backups is never silently replaced by an empty one. */
function refuseEmptyBesideBackups(kind: 'missing' | 'empty', paths: WorkspacePaths): void {
  if (listBackups(paths).length === 0) return;
  const good = newestGoodBackup(paths);
  const prefix = kind === 'missing' ? 'workspaceMissing' : 'workspaceEmpty';
  if (good) throw new AppError('conflict', prefix, { file: paths.dbFile, backup: good.name });
  throw new AppError('conflict', `${prefix}NoGoodBackup`, { file: paths.dbFile, dir: paths.backupDir });
}

/**
 * Opens (or creates) the workspace in dataDir, under the shared workspace lock (src/main/workspace/lock.ts). The file is
 * inspected before any byte is written: a damaged file, a file that is not a database or not Tenken's, one from a newer
 * Tenken, or a missing/empty one beside backups is refused with its own message and left as it is. A workspace that
 * cannot be written (read-only file or folder, or a full disk) opens read-only: no backup, no migration, every save
 * refused. An older one is backed up, then migrated in one transaction.
 */
export async function openWorkspace(
  dataDir: string,
  opts: { portable?: boolean; integrity?: Integrity } = {},
): Promise<Workspace> {
  const paths = workspacePaths(dataDir);
  try {
    mkdirSync(dataDir, { recursive: true });
  } catch (e) {
    throw new AppError('internal', 'dataDirUnusable', { dir: dataDir, detail: (e as Error).message });
  }
  let readOnly = readOnlyReason(paths);
  const lock = acquireSharedLock(paths, { readOnly: readOnly !== null });
  try {
    let state;
    let db: Db | null = null;
    try {
      const fast = readOnly === null && opts.integrity === 'fast' ? openCurrentInPlace(paths) : null;
      if (fast) ({ db, state } = fast);
      else
        state = inspectWorkspaceFile(paths.dbFile, {
          integrity: opts.integrity ?? 'full',
          image: readOnly !== null && readAsImage(paths),
        });
    } catch (e) {
      throw e instanceof AppError ? withBackupAdvice(e, paths) : e;
    }
    if (state.kind === 'missing' || state.kind === 'empty') refuseEmptyBesideBackups(state.kind, paths);
    let migrated = { from: LATEST_SCHEMA_VERSION, to: LATEST_SCHEMA_VERSION };
    if (readOnly === null) {
      if (state.kind === 'workspace' && state.version < LATEST_SCHEMA_VERSION) {
        const before = await backupWorkspaceFile(paths, 'pre-migration');
        if (before?.check === 'damaged')
          throw withBackupAdvice(
            new AppError('conflict', 'workspaceDamaged', { file: paths.dbFile, detail: before.checkDetail ?? '' }),
            paths,
          );
      }
      try {
        db ??= openWorkspaceDb(paths.dbFile);
        // A lost or damaged -wal file (saves gone without a trace in the file itself) is named before anything is written.
        if (state.kind === 'workspace') checkHistoryHead(db, paths);
        migrated = migrate(db);
      } catch (e) {
        db?.close();
        db = null;
        // A full disk can stop SQLite from making its WAL files; what is stored can still be read.
        if (!(
          state.kind === 'workspace' &&
          state.version === LATEST_SCHEMA_VERSION &&
          /^SQLITE_(FULL|IOERR)/.test(sqliteCode(e))
        ))
          throw e;
        readOnly = 'diskFull';
      }
    }
    if (db === null) {
      if (state.kind !== 'workspace') throw new AppError('conflict', 'workspaceReadOnlyNew', { dir: dataDir });
      if (state.version < LATEST_SCHEMA_VERSION)
        throw new AppError('conflict', 'workspaceReadOnlyOutdated', {
          file: paths.dbFile,
          found: state.version,
          supported: LATEST_SCHEMA_VERSION,
        });
      db = openForReading(paths.dbFile, { image: readAsImage(paths) }).db;
      db.pragma('foreign_keys = ON');
      migrated = { from: schemaVersion(db), to: schemaVersion(db) };
    }
    const open = db;
    const recorder = readOnly === null ? headRecorder(open, paths) : null;
    // A migration may rewrite what the history's last entry looks like: the record follows it.
    if (migrated.from !== migrated.to) recorder?.touched();
    const close = () => {
      try {
        recorder?.flush();
        open.close();
      } finally {
        lock.release();
      }
    };
    return {
      db: open,
      paths,
      portable: opts.portable ?? false,
      migrated,
      readOnly,
      recordWrite: () => recorder?.touched(),
      close,
    };
  } catch (e) {
    lock.release();
    throw e;
  }
}
