import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { AppError } from '../../shared/api/errors';
import { LATEST_SCHEMA_VERSION } from './migrations';
import { assertNotFromFuture, schemaVersion } from './migrate';

export type Db = Database.Database;

/** Where better-sqlite3's native module lives when it is not the default (Electron passes its own build). */
let nativeBinding: string | undefined;
export function setNativeBinding(path: string | undefined): void {
  nativeBinding = path;
}

export function openReadonly(file: string): Db {
  return open(file, { readonly: true, fileMustExist: true });
}

function open(file: string, options: Database.Options): Db {
  try {
    return new Database(file, { ...options, ...(nativeBinding ? { nativeBinding } : {}) });
  } catch (e) {
    throw new AppError('internal', 'dbOpenFailed', { file, detail: (e as Error).message });
  }
}

/**
 * Reads the schema version of an existing workspace without writing a byte to it, so a database from a newer
 * Tenken (or a file that is not a database at all) can be refused before anything touches it.
 */
export function inspectWorkspace(file: string): { exists: boolean; version: number } {
  if (!existsSync(file)) return { exists: false, version: 0 };
  const db = open(file, { readonly: true, fileMustExist: true });
  try {
    const version = schemaVersion(db);
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    return { exists: true, version };
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('bad_input', 'notAWorkspace', { file });
  } finally {
    db.close();
  }
}

/** Opens the workspace for use: WAL (readers never block the writer), foreign keys on, a busy timeout for a second process. */
export function openWorkspaceDb(file: string): Db {
  assertNotFromFuture(inspectWorkspace(file).version, LATEST_SCHEMA_VERSION);
  const db = open(file, {});
  db.pragma('journal_mode = WAL');
  // FULL: an acknowledged save survives a power cut, not only an app crash (NORMAL would not in WAL mode).
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  return db;
}
