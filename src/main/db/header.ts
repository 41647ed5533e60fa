/**
 * The first 100 bytes of a SQLite file, read without SQLite: enough to tell a database from any other file, to
 * read its schema version when the rest is unreadable, and to notice a file cut short (https://sqlite.org/fileformat.html).
 */
export type SqliteHeader = {
  pageSize: number;
  /** The page count recorded in the header, or null where the header does not vouch for it (older writers). */
  pageCount: number | null;
  userVersion: number;
  /** 2 when the file is in WAL mode. */
  writeVersion: number;
};

const MAGIC = 'SQLite format 3\u0000';
export const SQLITE_HEADER_BYTES = 100;

/** 'short' when the bytes begin like a database but stop before its header ends. */
export function parseSqliteHeader(bytes: Uint8Array): SqliteHeader | 'notSqlite' | 'short' {
  const magic = String.fromCharCode(...bytes.subarray(0, Math.min(16, bytes.length)));
  if (!MAGIC.startsWith(magic) || magic.length === 0) return 'notSqlite';
  if (magic !== MAGIC) return bytes.length < 16 ? 'short' : 'notSqlite';
  if (bytes.length < SQLITE_HEADER_BYTES) return 'short';
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const rawPageSize = view.getUint16(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) return 'notSqlite';
  const changeCounter = view.getUint32(24);
  const inHeaderCount = view.getUint32(28);
  const validFor = view.getUint32(92);
  return {
    pageSize,
    pageCount: inHeaderCount > 0 && validFor === changeCounter ? inHeaderCount : null,
    userVersion: view.getInt32(60),
    writeVersion: bytes[18] ?? 0,
  };
}
