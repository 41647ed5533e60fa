import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { AppError } from '../../shared/api/errors';

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
    return openRaw(file, options);
  } catch (e) {
    throw new AppError('internal', 'dbOpenFailed', { file, detail: (e as Error).message });
  }
}

/** better-sqlite3's own error (with its SQLite code), for callers that tell faults apart. */
export function openRaw(file: string | Buffer, options: Database.Options): Db {
  return new Database(file, { ...options, ...(nativeBinding ? { nativeBinding } : {}) });
}

/**
 * A read-only copy in memory of a WAL-mode file whose folder cannot be written: SQLite cannot open such a file in
 * place (it needs to create the -shm file beside it), so its bytes are read and opened as an image, marked as not in
 * WAL mode. Changes a crashed writer left in a -wal file are not seen; the caller says so.
 */
export function openImage(file: string): Db {
  const bytes = readFileSync(file);
  if (bytes.length >= 20) {
    bytes[18] = 1;
    bytes[19] = 1;
  }
  return openRaw(bytes, { readonly: true });
}

/**
 * Opens the workspace for use: WAL (readers never block the writer), foreign keys on, a busy timeout for a second
 * process. The caller has inspected the file first (src/main/workspace/inspect.ts).
 */
export function openWorkspaceDb(file: string): Db {
  const db = open(file, {});
  db.pragma('journal_mode = WAL');
  // FULL: an acknowledged save survives a power cut, not only an app crash (NORMAL would not in WAL mode).
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  return db;
}
