import type { BackupList, BackupView } from '../../shared/api/backups-types';
import { listBackups, newestGoodBackup, type BackupEntry } from './backup';
import type { WorkspacePaths } from './paths';

/** A backup as the screens show it: no absolute path (a restore names a backup only by its name in the folder). */
export function backupView(b: BackupEntry): BackupView {
  return {
    name: b.name,
    createdAt: b.createdAt,
    reason: b.reason,
    size: b.size,
    check: b.check,
    ...(b.checkDetail ? { checkDetail: b.checkDetail } : {}),
    ...(b.schemaVersion !== undefined ? { schemaVersion: b.schemaVersion } : {}),
    historyHead: b.historyHead,
  };
}

/** The backups folder for the start screen and Settings; `newestGood` is checked now, not only as recorded. */
export function backupList(paths: WorkspacePaths): BackupList {
  return {
    dir: paths.backupDir,
    backups: listBackups(paths).map(backupView),
    newestGood: newestGoodBackup(paths)?.name ?? null,
  };
}
