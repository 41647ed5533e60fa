import type { ApiErrorData } from './errors';

/** One backup in the workspace's backups folder, as its manifest recorded it when it was made. */
export type BackupView = {
  name: string;
  createdAt: string;
  /** Why it was made: start, pre-migration, pre-restore, manual. */
  reason: string;
  size: number;
  /** The quick_check result recorded when it was made (`unchecked`: made before backups were checked). */
  check: 'ok' | 'damaged' | 'unchecked';
  checkDetail?: string;
  schemaVersion?: number;
  /** Its history's last entry (how many entries it holds); null when it cannot be read. */
  historyHead: number | null;
};

/** The backups, newest first, and the newest one that passes its check now (pre-selected for a restore). */
export type BackupList = { dir: string; backups: BackupView[]; newestGood: string | null };

/**
 * Whether the workspace is open (`normal`) or the app started on the recovery start screen: the fault that kept the
 * workspace from opening (its i18n key and parameters), and whether a backup can cure it (not a newer Tenken's file).
 */
export type RecoveryStatus =
  { mode: 'normal' } | { mode: 'recovery'; fault: ApiErrorData; dataDir: string; dbFile: string; restorable: boolean };

/**
 * A restore done by the running app: the backup restored, the current workspace's own backup made first (a healthy
 * one) or the file kept aside (a damaged, unreadable or empty one; never deleted), and the mode the app is in after
 * it (normal: the restored workspace is open; recovery: it could not be opened either, with its fault).
 */
export type RestoreOutcome = {
  restored: string;
  safetyCopy: string | null;
  keptAside: string | null;
  status: RecoveryStatus;
};
