import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import {
  BACKUPS_KEPT,
  createBackup,
  listBackups,
  newestGoodBackup,
  restoreBackup,
} from '../../src/main/workspace/backup';
import { openWorkspace } from '../../src/main/workspace/open';
import { tempDir } from '../support/workspace';

describe('backups', () => {
  it('keeps only the newest ten', async () => {
    const ws = await openWorkspace(tempDir());
    for (let i = 0; i < BACKUPS_KEPT + 3; i++)
      await createBackup(ws.db, ws.paths, 'manual', new Date(Date.UTC(2026, 0, 1, 0, 0, i)));
    const list = listBackups(ws.paths);
    expect(list).toHaveLength(BACKUPS_KEPT);
    expect(list[0]!.createdAt).toBe('2026-01-01T00:00:12.000Z');
    expect(list.at(-1)!.createdAt).toBe('2026-01-01T00:00:03.000Z');
    ws.close();
  });

  it('restores a backup and keeps the state it replaced', async () => {
    const dir = tempDir();
    const ws = await openWorkspace(dir);
    ws.db.prepare("INSERT INTO settings (key, value) VALUES ('userName', 'before')").run();
    const b = await createBackup(ws.db, ws.paths, 'manual', new Date(Date.UTC(2026, 0, 1)));
    ws.db.prepare("UPDATE settings SET value = 'after' WHERE key = 'userName'").run();
    ws.close();
    const r = await restoreBackup(ws.paths, b.name);
    expect(r.safetyCopy?.reason).toBe('pre-restore');
    const db = new Database(ws.paths.dbFile, { readonly: true });
    expect(db.prepare("SELECT value FROM settings WHERE key = 'userName'").get()).toEqual({ value: 'before' });
    db.close();
    const safety = new Database(r.safetyCopy!.file, { readonly: true });
    expect(safety.prepare("SELECT value FROM settings WHERE key = 'userName'").get()).toEqual({ value: 'after' });
    safety.close();
  });

  it('refuses an unknown backup name, including a path outside the backup folder', async () => {
    const ws = await openWorkspace(tempDir());
    ws.close();
    await expect(restoreBackup(ws.paths, '../tenken.sqlite')).rejects.toThrow(/backupNotFound/);
  });
});

describe('backups and their checks', () => {
  it('restores the oldest of ten backups although the pre-restore copy rotates it out of the folder', async () => {
    const dir = tempDir();
    const ws = await openWorkspace(dir);
    ws.db.prepare("INSERT INTO settings (key, value) VALUES ('userName', 'oldest')").run();
    const oldest = await createBackup(ws.db, ws.paths, 'manual', new Date(Date.UTC(2026, 0, 1)));
    ws.db.prepare("UPDATE settings SET value = 'newer' WHERE key = 'userName'").run();
    for (let i = 1; i < BACKUPS_KEPT; i++)
      await createBackup(ws.db, ws.paths, 'manual', new Date(Date.UTC(2026, 0, 1, 0, 0, i)));
    ws.close();
    await restoreBackup(ws.paths, oldest.name, new Date(Date.UTC(2026, 0, 2)));
    const db = new Database(ws.paths.dbFile, { readonly: true });
    expect(db.prepare("SELECT value FROM settings WHERE key = 'userName'").get()).toEqual({ value: 'oldest' });
    db.close();
  });

  it('a backup made before backups were checked is listed as unchecked, checked before it is offered, and kept by rotation', async () => {
    const ws = await openWorkspace(tempDir());
    const legacy = await createBackup(ws.db, ws.paths, 'manual', new Date(Date.UTC(2025, 0, 1)));
    rmSync(legacy.file.replace(/\.sqlite$/, '.json'));
    expect(listBackups(ws.paths)[0]).toMatchObject({ name: legacy.name, check: 'unchecked' });
    expect(newestGoodBackup(ws.paths)?.name).toBe(legacy.name);
    ws.close();
  });
});
