import { accessSync, constants, existsSync } from 'node:fs';
import type { WorkspacePaths } from './paths';

/**
 * Why nothing can be saved in this workspace: its file is read-only, its folder is (SQLite writes its WAL files
 * beside the workspace), or the disk is full (found when SQLite cannot start writing).
 */
export type ReadOnlyReason = 'file' | 'folder' | 'diskFull';

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** Read from the file system as it is now (a read-only mount, a locked USB stick, permissions), before opening. */
export function readOnlyReason(paths: WorkspacePaths): ReadOnlyReason | null {
  if (!existsSync(paths.dbFile)) return null;
  if (!writable(paths.dataDir)) return 'folder';
  if (!writable(paths.dbFile)) return 'file';
  return null;
}
