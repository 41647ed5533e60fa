/**
 * The channels of backups and the recovery start screen, listed in CHANNEL_NAMES. In recovery mode (the workspace
 * could not be opened) these and `app.info` are the only channels that answer; every other one is refused with
 * `workspaceNotOpen` (src/main/app/session.ts).
 */
export const BACKUP_CHANNEL_NAMES = ['recovery.status', 'backups.list', 'backups.create', 'backups.restore'] as const;
