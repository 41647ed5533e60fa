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
/** Dependencies (package.json) the CLI requires at run time from node_modules instead of bundling them. */
const CLI_LAZY_PACKAGES = ['exceljs', 'pdf-lib', '@libpdf/core', 'pkijs', 'asn1js', 'react', 'react-dom'];
await Promise.all([
  build({
    ...common,
    entryPoints: ['src/main/entry.ts'],
    outfile: 'dist/cli.cjs',
    // The heavy report and signing libraries stay in node_modules and load only when a command uses them (they are
    // reached through import() only): `tenken version` and `catalog list` parse a 2 MB bundle instead of 9 MB.
    external: ['better-sqlite3', 'playwright-core', ...CLI_LAZY_PACKAGES],
  }),
  build({
    ...common,
    entryPoints: ['src/main/electron/main.ts'],
    outfile: 'dist/electron-main.cjs',
    external: ['electron', 'better-sqlite3', 'playwright-core'],
    // React is bundled here: its production build (src/main/app/production-mode.ts says why), development half left out.
    define: { 'process.env.NODE_ENV': '"production"' },
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
