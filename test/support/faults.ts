import Database from 'better-sqlite3';
import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  openSync,
  readFileSync,
  statSync,
  truncateSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { onCleanup } from './workspace';

/** Faults done to a workspace file the way a disk, a pulled USB stick or a bad copy would do them. */

/** Cuts the file at half its length (on a page boundary, as a copy that stopped would). */
export function truncateHalf(file: string): void {
  const { size } = statSync(file);
  truncateSync(file, Math.floor(size / 2 / 4096) * 4096);
}

/** Inverts the first 32 bytes (page header and cell pointers) of the b-tree page in the middle of the file. */
export function flipMiddlePage(file: string): number {
  const db = new Database(file, { readonly: true });
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const pages = (
    db
      .prepare("SELECT pageno FROM dbstat WHERE pagetype IN ('internal', 'leaf') AND pageno > 1 ORDER BY pageno")
      .all() as { pageno: number }[]
  ).map((r) => r.pageno);
  db.close();
  const page = pages[Math.floor(pages.length / 2)] as number;
  const fd = openSync(file, 'r+');
  const at = (page - 1) * pageSize;
  const bytes = Buffer.alloc(32);
  const head = readFileSync(file).subarray(at, at + 32);
  for (let i = 0; i < 32; i++) bytes[i] = (head[i] as number) ^ 0xff;
  writeSync(fd, bytes, 0, 32, at);
  closeSync(fd);
  return page;
}

export function garbage(file: string): void {
  writeFileSync(file, Buffer.from(Array.from({ length: 64 * 1024 }, (_, i) => (i * 7919 + 13) % 251)));
}

export const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

const undo = {
  push: (fn: () => void) =>
    onCleanup(() => {
      try {
        fn();
      } catch {
        /* best effort */
      }
    }),
};

/**
 * Makes a file unwritable for this process, undone after the test. As root (who may write any file) the immutable
 * attribute is used; null when the file system cannot do it (the test then skips and says so).
 */
export function makeFileReadOnly(file: string): boolean {
  if (!isRoot()) {
    chmodSync(file, 0o444);
    undo.push(() => chmodSync(file, 0o644));
    return true;
  }
  if (spawnSync('chattr', ['+i', file]).status !== 0) return false;
  undo.push(() => execFileSync('chattr', ['-i', file]));
  return true;
}

/** Makes a folder unwritable (a read-only bind mount as root, else its mode), undone after the test. */
export function makeDirReadOnly(dir: string): boolean {
  if (!isRoot()) {
    chmodSync(dir, 0o555);
    undo.push(() => chmodSync(dir, 0o755));
    return true;
  }
  if (spawnSync('mount', ['--bind', dir, dir]).status !== 0) return false;
  if (spawnSync('mount', ['-o', 'remount,bind,ro', dir]).status !== 0) {
    spawnSync('umount', [dir]);
    return false;
  }
  undo.push(() => execFileSync('umount', [dir]));
  return true;
}

/** A small tmpfs at dir (root only), unmounted after the test; false where the machine does not allow it. */
export function mountTmpfs(dir: string, sizeBytes: number): boolean {
  if (!isRoot()) return false;
  if (spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeBytes}`, 'tmpfs', dir]).status !== 0) return false;
  undo.push(() => execFileSync('umount', ['-l', dir]));
  return true;
}

/** Fills the file system holding dir until a write fails, leaving no byte free. */
export function fillDisk(file: string): void {
  const fd = openSync(file, 'w');
  const chunk = Buffer.alloc(64 * 1024, 1);
  try {
    for (;;) writeSync(fd, chunk);
  } catch {
    const one = Buffer.alloc(1, 1);
    try {
      for (;;) writeSync(fd, one);
    } catch {
      /* full */
    }
  } finally {
    closeSync(fd);
  }
}
