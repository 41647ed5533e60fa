import { closeSync, fsyncSync, openSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Files that appear by rename (evidence, backups, a restored workspace) are flushed to the disk before the rename,
 * and the folder after it, so that after a power cut the new name points at complete bytes and the rename itself is
 * not lost — the same promise the database makes with synchronous=FULL.
 */
export function fsyncFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Windows cannot open a folder for flushing (NTFS journals the rename itself); elsewhere a failure is real. */
export function fsyncDir(dir: string): void {
  let fd: number;
  try {
    fd = openSync(dir, 'r');
  } catch (e) {
    if (process.platform === 'win32') return;
    throw e;
  }
  try {
    fsyncSync(fd);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (!(process.platform === 'win32' || code === 'EINVAL' || code === 'EISDIR' || code === 'EPERM')) throw e;
  } finally {
    closeSync(fd);
  }
}

/** fsync the file, rename it into place, fsync its folder (and the source folder when it differs). */
export function durableRename(from: string, to: string): void {
  fsyncFile(from);
  renameSync(from, to);
  fsyncDir(dirname(to));
  if (dirname(from) !== dirname(to)) fsyncDir(dirname(from));
}
