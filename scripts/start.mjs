// `npm start`: opens the Electron app. Where the Electron binary is missing and cannot be fetched (an offline
// machine), it says so in one line and starts the browser shell instead.
//
// Native module: better-sqlite3 in node_modules is built for Node (the tests and the CLI use it). Electron needs
// its own build, made once here into .electron-native/<electron version>/ and handed to the app through
// TENKEN_SQLITE_BINDING; a packaged app gets its Electron build from electron-builder instead.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync, copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const passthrough = process.argv.slice(2);
const say = (line) => process.stdout.write(`tenken: ${line}\n`);

function electronBinary() {
  try {
    return require('electron'); // the path of the binary once it is installed
  } catch {
    return null;
  }
}

function fetchElectron() {
  const installer = join(root, 'node_modules', 'electron', 'install.js');
  if (!existsSync(installer)) return false;
  const r = spawnSync(process.execPath, [installer], {
    cwd: join(root, 'node_modules', 'electron'),
    stdio: 'ignore',
    timeout: 300_000,
  });
  return r.status === 0;
}

function sqliteForElectron(electronVersion) {
  const out = join(root, '.electron-native', electronVersion, 'better_sqlite3.node');
  if (existsSync(out)) return out;
  const work = join(root, '.electron-native', `build-${electronVersion}`);
  rmSync(work, { recursive: true, force: true });
  cpSync(join(root, 'node_modules', 'better-sqlite3'), work, {
    recursive: true,
    filter: (src) => !src.includes(`${join('better-sqlite3', 'build')}`),
  });
  const gyp = require.resolve('node-gyp/bin/node-gyp.js');
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (k.toLowerCase() === 'npm_config_nodedir') delete env[k]; // build against Electron's headers, not Node's
  const r = spawnSync(
    process.execPath,
    [
      gyp,
      'rebuild',
      '--release',
      `--target=${electronVersion}`,
      '--runtime=electron',
      '--dist-url=https://electronjs.org/headers',
    ],
    { cwd: work, env, stdio: 'inherit' },
  );
  if (r.status !== 0) return null;
  mkdirSync(dirname(out), { recursive: true });
  copyFileSync(join(work, 'build', 'Release', 'better_sqlite3.node'), out);
  rmSync(work, { recursive: true, force: true });
  return out;
}

function browserShell(reason) {
  say(reason);
  const child = spawn(process.execPath, [join(root, 'bin', 'tenken.cjs'), ...passthrough, 'web', '--open'], {
    stdio: 'inherit',
  });
  child.on('exit', (code) => process.exit(code ?? 0));
}

if (!existsSync(join(root, 'dist', 'cli.cjs')))
  spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });

let binary = electronBinary();
if (!binary && fetchElectron()) binary = electronBinary();
if (!binary) {
  browserShell(
    'Electron is not available on this machine and could not be downloaded (offline?): starting the browser shell instead / Electron を利用できないため、ブラウザ版を起動します。',
  );
} else {
  const version = JSON.parse(
    (await import('node:fs')).readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8'),
  ).version;
  const binding = sqliteForElectron(version);
  if (!binding) {
    browserShell(
      'better-sqlite3 could not be built for Electron (no network for its headers?): starting the browser shell instead / ブラウザ版を起動します。',
    );
  } else {
    const child = spawn(binary, [root, ...passthrough], {
      stdio: 'inherit',
      env: { ...process.env, TENKEN_SQLITE_BINDING: binding },
    });
    child.on('exit', (code) => process.exit(code ?? 0));
  }
}
