import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { startRuntime, type Runtime } from '../../src/main/app/runtime';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

/** A fresh data folder per test, removed afterwards. */
export function tempDir(prefix = 'tenken-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A runtime over a fresh workspace with the shipped catalogs loaded, closed after the test. */
export async function freshRuntime(opts: { now?: () => Date; catalogsDir?: string } = {}): Promise<Runtime> {
  const rt = await startRuntime({ dataDir: tempDir(), shell: 'cli', ...opts });
  cleanups.unshift(() => rt.close());
  return rt;
}

/** Every table's rows, to prove a refused request changed nothing. */
export function snapshotTables(db: Runtime['ctx']['db']): Record<string, unknown[]> {
  const tables = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
  return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT * FROM "${t}"`).all()]));
}
