import { mkdirSync } from 'node:fs';
import { AppError } from '../../shared/api/errors';
import { inspectWorkspace, openWorkspaceDb, type Db } from '../db/connection';
import { migrate } from '../db/migrate';
import { LATEST_SCHEMA_VERSION } from '../db/migrations';
import { backupWorkspaceFile } from './backup';
import { workspacePaths, type WorkspacePaths } from './paths';

export type Workspace = { db: Db; paths: WorkspacePaths; portable: boolean; migrated: { from: number; to: number }; close(): void };

/**
 * Opens (or creates) the workspace in dataDir. A database from a newer Tenken is refused before any byte
 * is written; an older one is backed up, then migrated in one transaction.
 */
export async function openWorkspace(dataDir: string, opts: { portable?: boolean } = {}): Promise<Workspace> {
  const paths = workspacePaths(dataDir);
  try {
    mkdirSync(dataDir, { recursive: true });
  } catch (e) {
    throw new AppError('internal', 'dataDirUnusable', { dir: dataDir, detail: (e as Error).message });
  }
  const found = inspectWorkspace(paths.dbFile);
  if (found.exists && found.version < LATEST_SCHEMA_VERSION) await backupWorkspaceFile(paths, 'pre-migration');
  const db = openWorkspaceDb(paths.dbFile);
  let migrated: { from: number; to: number };
  try {
    migrated = migrate(db);
  } catch (e) {
    db.close();
    throw e;
  }
  return { db, paths, portable: opts.portable ?? false, migrated, close: () => db.close() };
}
