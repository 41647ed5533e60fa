import { AppError } from '../../shared/api/errors';

/**
 * The one place where a database or disk error becomes a message a user can act on (errors.<key> in ja and en):
 * SQLite's result codes (better-sqlite3's SqliteError.code) and Node's file-system codes. Anything else stays an
 * `internal` error. No stack trace is part of the result; the shells show only the message.
 */
const SQLITE: [RegExp, () => AppError][] = [
  [/^SQLITE_FULL/, () => new AppError('internal', 'diskFull')],
  [/^SQLITE_READONLY/, () => new AppError('forbidden', 'workspaceReadOnly')],
  [/^SQLITE_(CORRUPT|NOTADB)/, () => new AppError('conflict', 'workspaceDamagedAtRuntime')],
  [/^SQLITE_(BUSY|LOCKED)/, () => new AppError('locked', 'workspaceBusy')],
  [/^SQLITE_IOERR/, () => new AppError('internal', 'diskError')],
  [/^SQLITE_CANTOPEN/, () => new AppError('internal', 'diskError')],
  [/^SQLITE_PERM/, () => new AppError('forbidden', 'workspaceReadOnly')],
];

const fileOf = (e: unknown) => {
  const path = (e as { path?: unknown } | null)?.path;
  return { file: typeof path === 'string' ? path : '' };
};
const NODE_FS: Record<string, (e: unknown) => AppError> = {
  ENOSPC: () => new AppError('internal', 'diskFull'),
  EDQUOT: () => new AppError('internal', 'diskFull'),
  EROFS: (e) => new AppError('forbidden', 'fileReadOnly', fileOf(e)),
  EACCES: (e) => new AppError('forbidden', 'filePermission', fileOf(e)),
  EPERM: (e) => new AppError('forbidden', 'filePermission', fileOf(e)),
  EIO: () => new AppError('internal', 'diskError'),
};

function codeOf(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

/** A known database or disk fault as its AppError, or null when the error is something else. */
export function mapStorageError(e: unknown): AppError | null {
  const code = codeOf(e);
  if (!code) return null;
  const sqlite = SQLITE.find(([re]) => re.test(code));
  if (sqlite) return sqlite[1]();
  const fs = NODE_FS[code];
  return fs ? fs(e) : null;
}

/** Every error as an AppError: an AppError as it is, a storage fault by its key, anything else as `internal`. */
export function toAppError(e: unknown): AppError {
  if (e instanceof AppError) return e;
  return (
    mapStorageError(e) ?? new AppError('internal', 'internal', { detail: e instanceof Error ? e.message : String(e) })
  );
}
