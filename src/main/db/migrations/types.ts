import type { Database } from 'better-sqlite3';

/** One schema step. Versions go in tens (Signal's habit) so a hotfix can slot in between. */
export type Migration = { version: number; name: string; up: (db: Database) => void };
