import type { Statement } from 'better-sqlite3';
import type { Db } from './connection';

/**
 * Prepared statements kept per connection for the hot paths (a save, a screen's reads): preparing the same SQL on
 * every call costs more than running it. Only for statements run with get/run/all, never iterated (an iterating
 * statement is busy until it ends, and a second caller would find it so).
 */
const cache = new WeakMap<Db, Map<string, Statement>>();

export function stmt(db: Db, sql: string): Statement {
  let byDb = cache.get(db);
  if (!byDb) {
    byDb = new Map();
    cache.set(db, byDb);
  }
  let s = byDb.get(sql);
  if (!s) {
    s = db.prepare(sql);
    byDb.set(sql, s);
  }
  return s;
}
