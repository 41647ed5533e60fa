import type { Database } from 'better-sqlite3';
import { AppError } from '../../shared/api/errors';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations';
import type { Migration } from './migrations/types';

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function pendingMigrations(current: number, list: readonly Migration[] = MIGRATIONS): Migration[] {
  list.forEach((m, i) => {
    if (i > 0 && m.version <= (list[i - 1] as Migration).version)
      throw new Error(`migrations out of order at ${m.version}`);
  });
  return list.filter((m) => m.version > current);
}

/** Refuses a workspace written by a newer Tenken: opening it could lose what that version stored. */
export function assertNotFromFuture(version: number, latest = LATEST_SCHEMA_VERSION): void {
  if (version > latest) throw new AppError('conflict', 'dbFromFuture', { found: version, supported: latest });
}

/** Runs every pending migration in one transaction: either the workspace reaches the latest version or nothing changes. */
export function migrate(db: Database, list: readonly Migration[] = MIGRATIONS): { from: number; to: number } {
  const from = schemaVersion(db);
  const latest = list[list.length - 1]?.version ?? 0;
  assertNotFromFuture(from, latest);
  const steps = pendingMigrations(from, list);
  if (!steps.length) return { from, to: from };
  db.transaction(() => {
    for (const step of steps) {
      step.up(db);
      db.pragma(`user_version = ${step.version}`);
    }
  }).immediate();
  return { from, to: schemaVersion(db) };
}
