// Builds the three shells: the Node entry points with esbuild (CLI + browser shell, Electron main, preload)
// and the renderer with Vite. Runs from `npm install` (prepare) so `npx tenken` works right after install.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
rmSync(dist, { recursive: true, force: true });

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  logLevel: 'warning',
  absWorkingDir: root,
};
await Promise.all([
  build({
    ...common,
    entryPoints: ['src/main/entry.ts'],
    outfile: 'dist/cli.cjs',
    external: ['better-sqlite3', 'playwright-core'],
  }),
  build({
    ...common,
    entryPoints: ['src/main/electron/main.ts'],
    outfile: 'dist/electron-main.cjs',
    external: ['electron', 'better-sqlite3', 'playwright-core'],
  }),
  // The sandboxed preload can only require('electron'): bundle everything else into it.
  build({
    ...common,
    platform: 'browser',
    entryPoints: ['src/preload/index.ts'],
    outfile: 'dist/preload.cjs',
    external: ['electron'],
  }),
]);

const { build: viteBuild } = await import('vite');
await viteBuild({ configFile: join(root, 'vite.config.mts'), logLevel: 'warn' });
console.log('tenken: built dist/ (cli, electron-main, preload, renderer)');
