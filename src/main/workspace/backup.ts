import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, join } from 'node:path';
import { AppError } from '../../shared/api/errors';
import { openRaw, type Db } from '../db/connection';
import { durableRename, fsyncDir, fsyncFile } from './durable';
import { clearRecordedHead } from './history-head';
import { inspectWorkspaceFile, openForReading, quickCheck, type WorkspaceFileState } from './inspect';
import { acquireExclusiveLock } from './lock';
import type { WorkspacePaths } from './paths';
import { readOnlyReason } from './read-only';

export const BACKUPS_KEPT = 10;
export type BackupReason = 'start' | 'pre-migration' | 'pre-restore' | 'manual';
/** `unchecked`: a backup made before backups were checked (no manifest beside it). */
export type BackupCheck = 'ok' | 'damaged' | 'unchecked';
export type BackupEntry = {
  name: string;
  file: string;
  createdAt: string;
  reason: string;
  size: number;
  check: BackupCheck;
  checkDetail?: string;
  schemaVersion?: number;
  sha256?: string;
  /** The backup's last history entry (its sequence number: how many entries its history holds), null when unreadable. */
  historyHead: number | null;
};

/** Written beside each backup (`<name>.json`) when it is made: what quick_check found in the copy. */
type Manifest = {
  format: 'tenken-backup/1';
  name: string;
  createdAt: string;
  reason: string;
  size: number;
  sha256: string;
  schemaVersion: number;
  check: 'ok' | 'damaged';
  checkDetail?: string;
  /** Added later: absent in older manifests (then read from the backup itself, read-only). */
  historyHead?: number | null;
};

const NAME = /^tenken-(\d{8}T\d{6}\d{3}Z)-([a-z-]+)\.sqlite$/;
const manifestPath = (file: string) => file.replace(/\.sqlite$/, '.json');

function stamp(d: Date): string {
  return d
    .toISOString()
    .replace(/[-:.]/g, '')
    .replace(/(\d{6})(\d{3})Z$/, '$1$2Z');
}

function readManifest(file: string): Manifest | null {
  try {
    const m = JSON.parse(readFileSync(manifestPath(file), 'utf8')) as Partial<Manifest>;
    return m.format === 'tenken-backup/1' && (m.check === 'ok' || m.check === 'damaged') ? (m as Manifest) : null;
  } catch {
    return null;
  }
}

/** The last history entry's sequence number in a database file, or null when it cannot be read. */
function historyHeadOf(db: Db): number | null {
  try {
    const row = db.prepare('SELECT max(seq) AS seq FROM audit_log').get() as { seq: number | null } | undefined;
    return row?.seq ?? 0;
  } catch {
    return null;
  }
}

/** Read-only, from a backup that has no record of it (a backup is self-contained: nothing is made beside it). */
function readHistoryHead(file: string): number | null {
  try {
    const db = openRaw(file, { readonly: true, fileMustExist: true });
    try {
      return historyHeadOf(db);
    } finally {
      db.close();
    }
  } catch {
    return null;
  }
}

/** Newest first, each with the check recorded when it was made. Reads only the backups folder. */
export function listBackups(paths: WorkspacePaths): BackupEntry[] {
  if (!existsSync(paths.backupDir)) return [];
  return readdirSync(paths.backupDir)
    .map((name) => ({ name, m: NAME.exec(name) }))
    .filter((x): x is { name: string; m: RegExpExecArray } => x.m !== null)
    .map(({ name, m }) => {
      const s = m[1] as string;
      const createdAt = `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}.${s.slice(15, 18)}Z`;
      const file = join(paths.backupDir, name);
      const manifest = readManifest(file);
      const entry: BackupEntry = {
        name,
        file,
        createdAt,
        reason: m[2] as string,
        size: statSync(file).size,
        check: manifest?.check ?? 'unchecked',
        historyHead: manifest && manifest.historyHead !== undefined ? manifest.historyHead : readHistoryHead(file),
      };
      if (manifest?.checkDetail) entry.checkDetail = manifest.checkDetail;
      if (manifest) Object.assign(entry, { schemaVersion: manifest.schemaVersion, sha256: manifest.sha256 });
      return entry;
    })
    .sort((a, b) => (a.name < b.name ? 1 : -1));
}

/** Checks a backup file as it is now (read-only, through an image in memory, so nothing is created beside it). */
export function checkBackupFile(entry: BackupEntry): { ok: true } | { ok: false; detail: string } {
  if (entry.sha256 && createHash('sha256').update(readFileSync(entry.file)).digest('hex') !== entry.sha256)
    return { ok: false, detail: 'sha256' };
  try {
    const state = inspectWorkspaceFile(entry.file, { integrity: 'full', image: true });
    return state.kind === 'workspace' ? { ok: true } : { ok: false, detail: state.kind };
  } catch (e) {
    return { ok: false, detail: e instanceof AppError ? e.key : (e as Error).message };
  }
}

/** The newest backup that passes its check now (a backup made before checks existed is checked here, read-only). */
export function newestGoodBackup(paths: WorkspacePaths): BackupEntry | null {
  for (const b of listBackups(paths)) {
    if (b.check === 'damaged') continue;
    if (checkBackupFile(b).ok) return b;
  }
  return null;
}

/** Keeps the newest `keep`, and always the newest good one, even when every newer backup is damaged. */
function prune(paths: WorkspacePaths, keep: number): void {
  const list = listBackups(paths);
  const protectedName = (list.find((b) => b.check === 'ok') ?? list.find((b) => b.check === 'unchecked'))?.name;
  for (const old of list.slice(keep)) {
    if (old.name === protectedName) continue;
    rmSync(old.file, { force: true });
    rmSync(manifestPath(old.file), { force: true });
  }
}

/** better-sqlite3 retries a busy step without end; a backup that makes no progress for this long is given up. */
const BACKUP_STALL_MS = 3_000;

async function copyThroughBackupApi(db: Db, target: string): Promise<void> {
  let last = -1;
  let since = Date.now();
  await db.backup(target, {
    progress: ({ remainingPages }) => {
      if (remainingPages !== last) {
        last = remainingPages;
        since = Date.now();
      } else if (Date.now() - since > BACKUP_STALL_MS) {
        throw new AppError('internal', 'backupStalled', {});
      }
      return 1000;
    },
  });
}

/**
 * A consistent copy through SQLite's online backup API (safe while the app writes), kept beside the workspace. The
 * copy is made self-contained (no WAL), checked with quick_check, flushed to the disk and renamed into place; the
 * check result goes into a manifest beside it. Only the newest BACKUPS_KEPT are kept, and always the newest good one.
 */
export async function createBackup(
  db: Db,
  paths: WorkspacePaths,
  reason: BackupReason,
  now = new Date(),
): Promise<BackupEntry> {
  mkdirSync(paths.backupDir, { recursive: true });
  const name = `tenken-${stamp(now)}-${reason}.sqlite`;
  const file = join(paths.backupDir, name);
  const tmp = join(paths.backupDir, `.${name}.partial`);
  try {
    await copyThroughBackupApi(db, tmp);
    const copy = openRaw(tmp, { fileMustExist: true });
    let check: ReturnType<typeof quickCheck>;
    let schemaVersion = 0;
    let historyHead: number | null = null;
    try {
      copy.pragma('journal_mode = DELETE');
      schemaVersion = copy.pragma('user_version', { simple: true }) as number;
      check = quickCheck(copy);
      historyHead = historyHeadOf(copy);
    } finally {
      copy.close();
    }
    rmSync(`${tmp}-journal`, { force: true });
    const bytes = readFileSync(tmp);
    const manifest: Manifest = {
      format: 'tenken-backup/1',
      name,
      createdAt: now.toISOString(),
      reason,
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      schemaVersion,
      check: check.ok ? 'ok' : 'damaged',
      ...(check.ok ? {} : { checkDetail: check.detail }),
      historyHead,
    };
    durableRename(tmp, file);
    const mtmp = join(paths.backupDir, `.${name}.json.partial`);
    writeFileSync(mtmp, `${JSON.stringify(manifest, null, 2)}\n`);
    durableRename(mtmp, manifestPath(file));
  } catch (e) {
    for (const leftover of [tmp, `${tmp}-journal`, `${tmp}-wal`, `${tmp}-shm`]) rmSync(leftover, { force: true });
    throw e;
  }
  prune(paths, BACKUPS_KEPT);
  const entry = listBackups(paths).find((b) => b.name === name);
  if (!entry) throw new AppError('internal', 'backupFailed', { name });
  return entry;
}

/**
 * Backs up a workspace that is not open (before migrating or restoring it). It goes through a read-only
 * connection and the backup API rather than a file copy, so changes still in the WAL file are included.
 */
export async function backupWorkspaceFile(
  paths: WorkspacePaths,
  reason: BackupReason,
  now = new Date(),
): Promise<BackupEntry | null> {
  if (!existsSync(paths.dbFile)) return null;
  const { db } = openForReading(paths.dbFile);
  try {
    return await createBackup(db, paths, reason, now);
  } finally {
    db.close();
  }
}

export type RestoreResult = { restored: BackupEntry; safetyCopy: BackupEntry | null; keptAside: string | null };

/** Moves a damaged (or unreadable, or empty) workspace file aside under a timestamped name, with its -wal and -shm. */
function keepAside(paths: WorkspacePaths, now: Date): string {
  const aside = `${paths.dbFile}.damaged-${stamp(now)}`;
  for (const suffix of ['-wal', '-shm'])
    if (existsSync(`${paths.dbFile}${suffix}`)) renameSync(`${paths.dbFile}${suffix}`, `${aside}${suffix}`);
  renameSync(paths.dbFile, aside);
  fsyncDir(paths.dataDir);
  return aside;
}

function currentState(paths: WorkspacePaths): WorkspaceFileState | 'unusable' {
  try {
    return inspectWorkspaceFile(paths.dbFile, { integrity: 'full' });
  } catch {
    return 'unusable';
  }
}

/**
 * Replaces the workspace with a backup, under the exclusive workspace lock (refused while any shell has the
 * workspace open, so no acknowledged save can be lost). The backup is checked first. A healthy current workspace is
 * backed up (`pre-restore`), so a restore can itself be undone; a damaged, unreadable or empty one is never
 * deleted: it is moved aside under a timestamped name. Works without opening the damaged file for writing.
 */
export async function restoreBackup(paths: WorkspacePaths, name: string, now = new Date()): Promise<RestoreResult> {
  const entry = listBackups(paths).find((b) => b.name === basename(name));
  if (!entry) throw new AppError('not_found', 'backupNotFound', { name });
  const readOnly = readOnlyReason(paths);
  if (readOnly) throw new AppError('forbidden', 'restoreReadOnly', { dir: paths.dataDir });
  const lock = acquireExclusiveLock(paths);
  try {
    const check = checkBackupFile(entry);
    if (!check.ok) throw new AppError('conflict', 'backupDamaged', { name: entry.name, detail: check.detail });
    // Copied first: the pre-restore backup below may rotate the chosen backup out of the folder.
    const tmp = `${paths.dbFile}.restoring`;
    copyFileSync(entry.file, tmp);
    fsyncFile(tmp);
    const state = currentState(paths);
    let safetyCopy: BackupEntry | null = null;
    let keptAside: string | null = null;
    try {
      if (state === 'unusable' || state.kind === 'empty') keptAside = keepAside(paths, now);
      else if (state.kind !== 'missing') safetyCopy = await backupWorkspaceFile(paths, 'pre-restore', now);
    } catch (e) {
      rmSync(tmp, { force: true });
      throw e;
    }
    // The pre-restore copy holds what the WAL held; the WAL of the file being replaced must not be applied to the backup.
    for (const suffix of ['-wal', '-shm']) rmSync(`${paths.dbFile}${suffix}`, { force: true });
    durableRename(tmp, paths.dbFile);
    clearRecordedHead(paths);
    return { restored: entry, safetyCopy, keptAside };
  } finally {
    lock.release();
  }
}
