import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { AppError } from '../../shared/api/errors';
import type { Db } from '../db/connection';
import type { WorkspacePaths } from './paths';

/**
 * The last history entry this machine saw saved, kept beside the workspace (`tenken.sqlite-head`). A save lives in
 * the `-wal` file until SQLite folds it into the workspace file; if that file is lost (deleted after a crash, left
 * behind by a copy) or damaged (SQLite drops frames after a bad checksum), the workspace opens cleanly but older, and
 * its own history cannot tell. Comparing its last entry with the one recorded here can: the workspace is refused,
 * naming both entries, before anything is written.
 *
 * The record is written at most every RECORD_DELAY_MS after a save and when the workspace closes (a small file,
 * replaced by rename, not flushed to the disk: a save costs no extra disk wait). A crash within that delay loses only
 * the record of the last saves, never a save.
 */
type Head = { format: 'tenken-head/1'; seq: number; hash: string; at: string };
const RECORD_DELAY_MS = 100;

export const headFile = (paths: WorkspacePaths) => `${paths.dbFile}-head`;

function storedHead(db: Db): { seq: number; hash: string } | null {
  return (
    (db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
      { seq: number; hash: string } | undefined) ?? null
  );
}

function readRecorded(paths: WorkspacePaths): Head | null {
  try {
    const h = JSON.parse(readFileSync(headFile(paths), 'utf8')) as Partial<Head>;
    return h.format === 'tenken-head/1' && Number.isInteger(h.seq) && typeof h.hash === 'string' ? (h as Head) : null;
  } catch {
    return null;
  }
}

/** Refuses a workspace whose history ends before (or differs from) the last entry recorded as saved. */
export function checkHistoryHead(db: Db, paths: WorkspacePaths): void {
  const recorded = readRecorded(paths);
  if (!recorded) return;
  const stored = storedHead(db);
  const params = {
    file: paths.dbFile,
    recorded: recorded.seq,
    stored: stored?.seq ?? 0,
    at: recorded.at,
    head: headFile(paths),
  };
  if (!stored || stored.seq < recorded.seq) throw new AppError('conflict', 'historyBehind', params);
  const same = db.prepare('SELECT hash FROM audit_log WHERE seq = ?').get(recorded.seq) as { hash: string } | undefined;
  if (same?.hash !== recorded.hash) throw new AppError('conflict', 'historyReplaced', params);
}

/** A restore replaces the history on purpose: the record of the replaced one goes with it. */
export function clearRecordedHead(paths: WorkspacePaths): void {
  rmSync(headFile(paths), { force: true });
}

export type HeadRecorder = { touched(): void; flush(): void };

export function headRecorder(db: Db, paths: WorkspacePaths, now: () => Date = () => new Date()): HeadRecorder {
  let timer: NodeJS.Timeout | null = null;
  let dirty = false;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (!dirty || !db.open) return;
    dirty = false;
    try {
      const head = storedHead(db);
      if (!head) return;
      const tmp = `${headFile(paths)}.partial`;
      writeFileSync(
        tmp,
        JSON.stringify({
          format: 'tenken-head/1',
          seq: head.seq,
          hash: head.hash,
          at: now().toISOString(),
        } satisfies Head),
      );
      renameSync(tmp, headFile(paths));
    } catch {
      // A record that cannot be written (a full disk) only weakens the check; the save itself is done.
    }
  };
  return {
    touched: () => {
      dirty = true;
      if (!timer) {
        timer = setTimeout(flush, RECORD_DELAY_MS);
        timer.unref();
      }
    },
    flush,
  };
}

export const hasRecordedHead = (paths: WorkspacePaths) => existsSync(headFile(paths));
