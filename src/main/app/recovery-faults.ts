import type { AppError } from '../../shared/api/errors';

/**
 * The faults of the workspace file (src/main/workspace/inspect.ts, open.ts, history-head.ts) on which the app shells
 * still start, on the recovery start screen, instead of exiting: the file is damaged, not a database, not Tenken's,
 * missing or empty beside backups, or older than its last recorded save (a lost -wal). A backup can cure each of
 * them; a workspace from a newer Tenken is shown too (its message), but no backup is offered for it: the right cure
 * is a newer Tenken, and restoring would set its newer data aside.
 */
const RECOVERY_FAULTS = new Set([
  'workspaceDamaged',
  'workspaceDamagedRestore',
  'notADatabase',
  'notADatabaseRestore',
  'notAWorkspace',
  'workspaceMissing',
  'workspaceEmpty',
  'workspaceMissingNoGoodBackup',
  'workspaceEmptyNoGoodBackup',
  'historyBehind',
  'historyReplaced',
  'dbFromFuture',
]);
const NOT_CURED_BY_A_BACKUP = new Set(['dbFromFuture']);

export const isRecoveryFault = (e: AppError): boolean => RECOVERY_FAULTS.has(e.key);
export const backupCanCure = (e: AppError): boolean => !NOT_CURED_BY_A_BACKUP.has(e.key);
