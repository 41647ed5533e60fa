import type { BACKUP_CHANNEL_NAMES } from '../../shared/api/channels-backups';
import { AppError } from '../../shared/api/errors';
import { createBackup } from '../workspace/backup';
import { backupList, backupView } from '../workspace/backup-list';
import type { Handlers } from './handlers';

type BackupChannel = (typeof BACKUP_CHANNEL_NAMES)[number];

/**
 * Handlers of the backup and recovery channels (spread into `handlers`). A restore needs the app's session
 * (src/main/app/session.ts), which closes and reopens the workspace around it; without one (a CLI command's
 * runtime) `tenken backup restore` is the way.
 */
export const backupsHandlers: Pick<Handlers, BackupChannel> = {
  'recovery.status': (ctx) => ctx.session?.status() ?? { mode: 'normal' },
  'backups.list': (ctx) => backupList(ctx.paths),
  'backups.create': async (ctx) => backupView(await createBackup(ctx.db, ctx.paths, 'manual', ctx.now())),
  'backups.restore': (ctx, input) => {
    if (!ctx.session) throw new AppError('conflict', 'restoreNeedsApp', { name: input.name });
    return ctx.session.restore(input.name);
  },
};

/** Whether each of them writes (see write-channels.ts): a read-only workspace makes no backup and takes no restore. */
export const BACKUPS_ACCESS: Record<BackupChannel, 'read' | 'write'> = {
  'recovery.status': 'read',
  'backups.list': 'read',
  'backups.create': 'write',
  'backups.restore': 'write',
};
