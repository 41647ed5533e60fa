import { statSync } from 'node:fs';
import type { Db } from '../db/connection';
import { stmt } from '../db/statements';

/**
 * What a shipped catalog or mapping file looked like when it was last loaded (`file_stamps`, migration 0100): its
 * size and modification time (nanoseconds) beside its content hash. A warm start stats each file; only a file whose
 * stamp differs is read and hashed again. The stat is taken before the read, so a file that changes while it is
 * being read keeps a stale stamp and is read again at the next start.
 */
export type Stamp = { file: string; size: number; mtimeNs: string };

export function stampOf(path: string, label: string): Stamp {
  const st = statSync(path, { bigint: true });
  return { file: label, size: Number(st.size), mtimeNs: st.mtimeNs.toString() };
}

/** The content hash recorded for a file whose stamp is unchanged, else null. */
export function stampedHash(db: Db, s: Stamp): string | null {
  const r = stmt(db, 'SELECT content_hash FROM file_stamps WHERE file = ? AND size = ? AND mtime_ns = ?').get(
    s.file,
    s.size,
    s.mtimeNs,
  ) as { content_hash: string } | undefined;
  return r?.content_hash ?? null;
}

export function recordStamp(db: Db, s: Stamp, hash: string): void {
  if (stampedHash(db, s) === hash) return;
  stmt(db, 'INSERT OR REPLACE INTO file_stamps (file, size, mtime_ns, content_hash) VALUES (?, ?, ?, ?)').run(
    s.file,
    s.size,
    s.mtimeNs,
    hash,
  );
}

/** Every stamp whose content is still loaded (`loadedSql` selects file, size, mtime_ns and what the caller needs), by file: one query per start. */
export function loadedStamps<R extends { file: string; size: number; mtime_ns: string }>(db: Db, loadedSql: string): Map<string, R> {
  return new Map((stmt(db, loadedSql).all() as R[]).map((r) => [r.file, r]));
}

export const sameStamp = (r: { size: number; mtime_ns: string } | undefined, s: Stamp) =>
  r !== undefined && r.size === s.size && r.mtime_ns === s.mtimeNs;
