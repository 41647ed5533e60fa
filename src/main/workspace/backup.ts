import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { AppError } from '../../shared/api/errors';
import { openReadonly, type Db } from '../db/connection';
import type { WorkspacePaths } from './paths';

export const BACKUPS_KEPT = 10;
export type BackupReason = 'start' | 'pre-migration' | 'pre-restore' | 'manual';
export type BackupEntry = { name: string; file: string; createdAt: string; reason: string; size: number };

const NAME = /^tenken-(\d{8}T\d{6}\d{3}Z)-([a-z-]+)\.sqlite$/;

function stamp(d: Date): string {
  return d.toISOString().replace(/[-:.]/g, '').replace(/(\d{6})(\d{3})Z$/, '$1$2Z');
}

export function listBackups(paths: WorkspacePaths): BackupEntry[] {
  if (!existsSync(paths.backupDir)) return [];
  return readdirSync(paths.backupDir)
    .map((name) => ({ name, m: NAME.exec(name) }))
    .filter((x): x is { name: string; m: RegExpExecArray } => x.m !== null)
    .map(({ name, m }) => {
      const s = m[1] as string;
      const createdAt = `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}.${s.slice(15, 18)}Z`;
      const file = join(paths.backupDir, name);
      return { name, file, createdAt, reason: m[2] as string, size: statSync(file).size };
    })
    .sort((a, b) => (a.name < b.name ? 1 : -1));
}

function prune(paths: WorkspacePaths, keep: number): void {
  for (const old of listBackups(paths).slice(keep)) rmSync(old.file, { force: true });
}

/**
 * A consistent copy through SQLite's online backup API (safe while the app writes), kept beside the
 * workspace; only the newest BACKUPS_KEPT are kept.
 */
export async function createBackup(db: Db, paths: WorkspacePaths, reason: BackupReason, now = new Date()): Promise<BackupEntry> {
  mkdirSync(paths.backupDir, { recursive: true });
  const name = `tenken-${stamp(now)}-${reason}.sqlite`;
  const tmp = join(paths.backupDir, `.${name}.partial`);
  await db.backup(tmp);
  renameSync(tmp, join(paths.backupDir, name));
  prune(paths, BACKUPS_KEPT);
  const entry = listBackups(paths).find((b) => b.name === name);
  if (!entry) throw new AppError('internal', 'backupFailed', { name });
  return entry;
}

/**
 * Backs up a workspace that is not open (before migrating or restoring it). It goes through a read-only
 * connection and the backup API rather than a file copy, so changes still in the WAL file are included.
 */
export async function backupWorkspaceFile(paths: WorkspacePaths, reason: BackupReason, now = new Date()): Promise<BackupEntry | null> {
  if (!existsSync(paths.dbFile)) return null;
  const db = openReadonly(paths.dbFile);
  try {
    return await createBackup(db, paths, reason, now);
  } finally {
    db.close();
  }
}

/**
 * Replaces the workspace with a backup. The current state is backed up first (`pre-restore`), so a restore
 * can itself be undone. The workspace must be closed by the caller.
 */
export async function restoreBackup(paths: WorkspacePaths, name: string): Promise<{ restored: BackupEntry; safetyCopy: BackupEntry | null }> {
  const entry = listBackups(paths).find((b) => b.name === basename(name));
  if (!entry) throw new AppError('not_found', 'backupNotFound', { name });
  const safetyCopy = await backupWorkspaceFile(paths, 'pre-restore');
  const tmp = `${paths.dbFile}.restoring`;
  copyFileSync(entry.file, tmp);
  for (const suffix of ['-wal', '-shm']) rmSync(`${paths.dbFile}${suffix}`, { force: true });
  renameSync(tmp, paths.dbFile);
  return { restored: entry, safetyCopy };
}
