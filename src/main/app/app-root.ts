import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The folder holding package.json, catalogs/ and dist/: found by walking up from this module, so it works
 * from source (tests, tsx), from dist/ (CLI, browser shell) and inside the Electron asar.
 */
export function findAppRoot(start: string = __dirname): string {
  let dir = start;
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'tenken') return dir;
      } catch {
        /* not ours; keep walking */
      }
    }
    const up = dirname(dir);
    if (up === dir) throw new Error(`Tenken's package.json was not found above ${start}`);
    dir = up;
  }
}

export function appVersion(root = findAppRoot()): string {
  return (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
}
