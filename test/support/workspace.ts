import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach } from 'vitest';
import { startRuntime, type Runtime } from '../../src/main/app/runtime';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

/** Runs after the test, before the folders made before it are removed (last registered, first run). */
export function onCleanup(fn: () => void): void {
  cleanups.push(fn);
}

/** A fresh data folder per test, removed afterwards. */
export function tempDir(prefix = 'tenken-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

// Loading every shipped catalog into a new workspace takes about half a second; tests start from a copy of one
// workspace prepared once per test file (the runtime then finds every catalog unchanged).
let template: Promise<string> | null = null;
afterAll(async () => {
  if (template) rmSync(await template, { recursive: true, force: true });
  template = null;
});
function preparedWorkspace(): Promise<string> {
  template ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tenken-template-'));
    const rt = await startRuntime({ dataDir: dir, shell: 'cli' });
    rt.close();
    return dir;
  })();
  return template;
}

/** A runtime over a fresh workspace with the shipped catalogs loaded, closed after the test. */
export async function freshRuntime(opts: { now?: () => Date; catalogsDir?: string } = {}): Promise<Runtime> {
  const dataDir = tempDir();
  if (!opts.catalogsDir) copyFileSync(join(await preparedWorkspace(), 'tenken.sqlite'), join(dataDir, 'tenken.sqlite'));
  const rt = await startRuntime({ dataDir, shell: 'cli', ...opts });
  cleanups.unshift(() => rt.close());
  return rt;
}

/**
 * A digest of every table's rows (and the row count), to prove a refused request changed nothing. Digests keep
 * the comparison cheap: the catalog tables hold thousands of rows of long text.
 */
export function snapshotTables(db: Runtime['ctx']['db']): Record<string, string> {
  const tables = (
    db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .all() as { name: string }[]
  ).map((r) => r.name);
  return Object.fromEntries(
    tables.map((t) => {
      const rows = db.prepare(`SELECT * FROM "${t}"`).raw().all();
      return [
        t,
        `${rows.length}:${createHash('sha256')
          .update(JSON.stringify(rows, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('hex') : v)))
          .digest('hex')}`,
      ];
    }),
  );
}
