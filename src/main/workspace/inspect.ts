import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { AppError } from '../../shared/api/errors';
import { openImage, openRaw, type Db } from '../db/connection';
import { parseSqliteHeader, SQLITE_HEADER_BYTES, type SqliteHeader } from '../db/header';
import { LATEST_SCHEMA_VERSION } from '../db/migrations';

/**
 * What a workspace file is, found without writing a byte to it. Each fault is its own error, so the user is told
 * what to do: not a database at all, a database that is not Tenken's, a Tenken workspace that is damaged, one from a
 * newer Tenken. `missing`, `empty` and `new` are for the caller to judge (with or without backups beside them).
 *
 * `full` runs SQLite's quick_check over every page (tens of milliseconds for a typical workspace, growing with its
 * size); `fast` checks the header against the file's length and reads the schema, which catches a truncated file
 * and a broken first page but not damage in the middle. The app shells check fully once per start; a CLI command
 * that only reads checks fast.
 */
export type Integrity = 'full' | 'fast';
export type WorkspaceFileState =
  { kind: 'missing' } | { kind: 'empty' } | { kind: 'new' } | { kind: 'workspace'; version: number };

/** Tables every Tenken workspace has had since its first schema version. */
const TENKEN_TABLES = ['settings', 'catalogs', 'audit_log'];

export const sqliteCode = (e: unknown): string => {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
};
const isCorruption = (e: unknown) => /^SQLITE_(CORRUPT|NOTADB)/.test(sqliteCode(e));

function readHead(file: string): Buffer {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(SQLITE_HEADER_BYTES);
    const n = readSync(fd, buf, 0, SQLITE_HEADER_BYTES, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

const damaged = (file: string, detail: string) => new AppError('conflict', 'workspaceDamaged', { file, detail });

/** SQLite's quick_check: 'ok', or the first problem it names. A check that cannot even run is damage too. */
export function quickCheck(db: Db): { ok: true } | { ok: false; detail: string } {
  try {
    const rows = db.pragma('quick_check(5)', { simple: false }) as { quick_check: string }[];
    const first = rows[0]?.quick_check ?? '';
    return rows.length === 1 && first === 'ok'
      ? { ok: true }
      : {
          ok: false,
          detail: rows
            .map((r) => r.quick_check)
            .join('; ')
            .slice(0, 300),
        };
  } catch (e) {
    return { ok: false, detail: (e as Error).message.slice(0, 300) };
  }
}

/**
 * Opens a file read-only for inspection. Where the folder cannot be written (SQLite could not make the -shm file a
 * WAL-mode file needs) the file's bytes are opened as an image instead.
 */
export function openForReading(file: string, opts: { image?: boolean } = {}): { db: Db; image: boolean } {
  if (opts.image) return { db: openImage(file), image: true };
  try {
    const db = openRaw(file, { readonly: true, fileMustExist: true });
    try {
      db.prepare('SELECT count(*) FROM sqlite_schema').get();
    } catch (e) {
      db.close();
      throw e;
    }
    return { db, image: false };
  } catch (e) {
    if (/^SQLITE_(READONLY|CANTOPEN|IOERR|FULL)/.test(sqliteCode(e))) return { db: openImage(file), image: true };
    throw e;
  }
}

/** What the file's first bytes say, read without SQLite; throws the fault they show (see inspectWorkspaceFile). */
export type HeaderState = { kind: 'missing' } | { kind: 'empty' } | { kind: 'sqlite'; header: SqliteHeader };

export function inspectWorkspaceHeader(file: string): HeaderState {
  if (!existsSync(file)) return { kind: 'missing' };
  const size = statSync(file).size;
  if (size === 0) return { kind: 'empty' };
  const header = parseSqliteHeader(readHead(file));
  if (header === 'notSqlite') throw new AppError('conflict', 'notADatabase', { file });
  if (header === 'short') throw damaged(file, `${size} bytes`);
  // A WAL file beside it may legitimately hold pages the main file does not have yet; without one the header's page
  // count must fit in the file.
  const walBytes = existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0;
  if (
    size % header.pageSize !== 0 ||
    (walBytes === 0 && header.pageCount !== null && size < header.pageCount * header.pageSize)
  ) {
    throw damaged(file, `${size} bytes, ${header.pageCount ?? '?'} × ${header.pageSize}`);
  }
  if (header.userVersion > LATEST_SCHEMA_VERSION)
    throw new AppError('conflict', 'dbFromFuture', { found: header.userVersion, supported: LATEST_SCHEMA_VERSION });
  return { kind: 'sqlite', header };
}

/**
 * What an open connection shows the file to be: new, a Tenken workspace (its schema version), or a fault. Reads only.
 * `header` is the file's own header, to tell a workspace whose schema pages are lost from a foreign database.
 */
export function inspectOpenDatabase(
  db: Db,
  file: string,
  header: SqliteHeader,
  integrity: Integrity,
): WorkspaceFileState {
  try {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > LATEST_SCHEMA_VERSION)
      throw new AppError('conflict', 'dbFromFuture', { found: version, supported: LATEST_SCHEMA_VERSION });
    const tables = new Set(
      (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all() as { name: string }[]).map(
        (r) => r.name,
      ),
    );
    if (tables.size === 0 && version === 0) return { kind: 'new' };
    if (!TENKEN_TABLES.every((t) => tables.has(t))) {
      // A Tenken version stamp without Tenken's tables is a workspace whose schema pages are lost.
      if (version > 0 && header.userVersion === version && tables.size === 0) throw damaged(file, 'schema');
      throw new AppError('bad_input', 'notAWorkspace', { file });
    }
    if (integrity === 'full') {
      const check = quickCheck(db);
      if (!check.ok) throw damaged(file, check.detail);
    }
    return { kind: 'workspace', version };
  } catch (e) {
    throw openFault(e, file);
  }
}

/** An error met while opening or reading a file, as the fault the user is told about. */
export function openFault(e: unknown, file: string): AppError {
  if (e instanceof AppError) return e;
  if (isCorruption(e)) return damaged(file, (e as Error).message);
  return new AppError('internal', 'dbOpenFailed', { file, detail: (e as Error).message });
}

export function inspectWorkspaceFile(
  file: string,
  opts: { integrity?: Integrity; image?: boolean } = {},
): WorkspaceFileState {
  const head = inspectWorkspaceHeader(file);
  if (head.kind !== 'sqlite') return head;
  let db: Db;
  try {
    db = openForReading(file, opts).db;
  } catch (e) {
    throw openFault(e, file);
  }
  try {
    return inspectOpenDatabase(db, file, head.header, opts.integrity ?? 'full');
  } finally {
    db.close();
  }
}
