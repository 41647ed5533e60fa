import { z } from 'zod';
import type { BackupList, BackupView, RecoveryStatus, RestoreOutcome } from './backups-types';

/** Input schemas and outputs of the backup and recovery channels (spread into `contract`). */

function channel<I extends z.ZodType, O>(input: I) {
  return { input, output: undefined as unknown as O };
}
const Empty = z.strictObject({});
/** A backup's file name as backup.ts makes it (no folder: a restore takes only names from the backups folder). */
const BackupName = z.string().regex(/^tenken-\d{8}T\d{9}Z-[a-z-]{1,30}\.sqlite$/, 'backup name');
const Restore = z.strictObject({ name: BackupName });

export const backupsContract = {
  /** Normal mode, or the recovery start screen's fault (answers in recovery mode too). */
  'recovery.status': channel<typeof Empty, RecoveryStatus>(Empty),
  /** The backups folder, newest first, with each backup's recorded check (answers in recovery mode too). */
  'backups.list': channel<typeof Empty, BackupList>(Empty),
  /** A backup of the open workspace now (`manual`), checked like every backup. */
  'backups.create': channel<typeof Empty, BackupView>(Empty),
  /**
   * Replaces the workspace with a backup, done by this process (it holds the workspace lock): calls in flight finish
   * first, new ones are refused until it is done; then the restored workspace is opened.
   */
  'backups.restore': channel<typeof Restore, RestoreOutcome>(Restore),
} as const;
