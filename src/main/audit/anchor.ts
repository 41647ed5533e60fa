import { openReadonly, type Db } from '../db/connection';
import { listBackups } from '../workspace/backup';
import type { WorkspacePaths } from '../workspace/paths';

/**
 * A chain head kept somewhere else: entry number `entries` had hash `head`. The chain only ever grows, so every
 * head it ever had stays in it at its number. A head that is no longer there means the history was cut (newest
 * entries deleted) or rewritten (an entry edited and every hash after it recomputed) since the head was taken.
 *
 * Heads are taken from every backup in `backups/` (each holds the chain as it was) and from any head a person
 * kept (printed by `audit verify`, in a report's results, in an assessment export). Backups sit beside the
 * workspace, so someone who can rewrite the workspace can rewrite them too; a head kept off the machine (a report
 * handed to an auditor) cannot be reached that way.
 */
export type ChainAnchor = { entries: number; head: string };

export type AnchorCheck =
  { ok: true } | { ok: false; seq: number; reason: 'missing' | 'differs'; found: string | null };

/** The last entry of a chain: its number and hash (entries 0 and the genesis hash for an empty chain). */
export function chainHead(db: Db): ChainAnchor {
  const r = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
    { seq: number; hash: string } | undefined;
  return r ? { entries: r.seq, head: r.hash } : { entries: 0, head: '0'.repeat(64) };
}

/** Whether the chain still holds the head an anchor recorded, at its number. */
export function checkAnchor(db: Db, anchor: ChainAnchor): AnchorCheck {
  if (anchor.entries === 0) return { ok: true };
  const r = db.prepare('SELECT hash FROM audit_log WHERE seq = ?').get(anchor.entries) as { hash: string } | undefined;
  if (!r) return { ok: false, seq: anchor.entries, reason: 'missing', found: null };
  return r.hash === anchor.head ? { ok: true } : { ok: false, seq: anchor.entries, reason: 'differs', found: r.hash };
}

/** A backup's chain head, or null when it cannot be read (damaged, or not a workspace). */
function readHead(file: string): ChainAnchor | null {
  try {
    const db = openReadonly(file);
    try {
      return chainHead(db);
    } finally {
      db.close();
    }
  } catch {
    return null;
  }
}

export type BackupAnchor = { name: string; createdAt: string; reason: string; anchor: ChainAnchor | null };

/** The chain head held by each backup (null for one that cannot be read), newest first. */
export function backupAnchors(paths: WorkspacePaths): BackupAnchor[] {
  return listBackups(paths).map((b) => {
    return { name: b.name, createdAt: b.createdAt, reason: b.reason, anchor: readHead(b.file) };
  });
}

export type BackupAnchorCheck =
  | { ok: true; checked: number }
  | { ok: false; checked: number; backup: string; seq: number; reason: 'missing' | 'differs' };

/**
 * Every backup's head must still be in the chain. A restore legitimately leaves the chain behind the backups made
 * after the one restored; `backup restore` keeps the state it replaced as a `pre-restore` backup, so a backup made
 * no later than the newest pre-restore backup is not held against the chain when its head is gone.
 */
export function checkBackupAnchors(db: Db, paths: WorkspacePaths): BackupAnchorCheck {
  const anchors = backupAnchors(paths);
  const lastRestore =
    anchors
      .filter((b) => b.reason === 'pre-restore')
      .map((b) => b.createdAt)
      .sort()
      .pop() ?? '';
  let checked = 0;
  for (const b of anchors) {
    if (!b.anchor) continue;
    const c = checkAnchor(db, b.anchor);
    if (!c.ok && b.createdAt <= lastRestore) continue;
    checked++;
    if (!c.ok) return { ok: false, checked, backup: b.name, seq: c.seq, reason: c.reason };
  }
  return { ok: true, checked };
}
