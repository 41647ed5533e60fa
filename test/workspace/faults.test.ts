import Database from 'better-sqlite3';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { call, dispatch } from '../../src/main/api/dispatch';
import { toAppError } from '../../src/main/api/error-map';
import { READ_CHANNELS, WRITE_CHANNELS } from '../../src/main/api/write-channels';
import { startRuntime } from '../../src/main/app/runtime';
import { LATEST_SCHEMA_VERSION } from '../../src/main/db/migrations';
import { BACKUPS_KEPT, createBackup, listBackups, restoreBackup } from '../../src/main/workspace/backup';
import { acquireSharedLock } from '../../src/main/workspace/lock';
import { openWorkspace } from '../../src/main/workspace/open';
import { CHANNELS } from '../../src/shared/api/contract';
import { AppError } from '../../src/shared/api/errors';
import { createI18n } from '../../src/shared/i18n';
import { flipMiddlePage, garbage, makeDirReadOnly, makeFileReadOnly, truncateHalf } from '../support/faults';
import { freshRuntime, tempDir } from '../support/workspace';

const en = createI18n('en').t;
const ja = createI18n('ja').t;

/** A workspace with one answer, a good backup of it, then one more answer that only the live file has. */
async function workspaceWithBackup() {
  const rt = await freshRuntime();
  const a = await call(rt.ctx, 'assessments.create', { name: '2026年度 点検', catalog: 'ipa-web-meeting' });
  await call(rt.ctx, 'answers.set', {
    assessmentId: a.id,
    controlKey: 'S-1.1',
    value: 'implemented',
    comment: 'バックアップ前',
  });
  const backup = await createBackup(rt.ctx.db, rt.ctx.paths, 'manual', new Date(Date.UTC(2026, 0, 1)));
  await call(rt.ctx, 'answers.set', {
    assessmentId: a.id,
    controlKey: 'S-1.1',
    value: 'implemented',
    comment: 'バックアップ後',
  });
  rt.close();
  return { dir: rt.ctx.paths.dataDir, paths: rt.ctx.paths, backup, assessmentId: a.id };
}

async function openError(dir: string, integrity: 'full' | 'fast' = 'full'): Promise<AppError> {
  const e = await openWorkspace(dir, { integrity }).then(
    (ws) => {
      ws.close();
      return null;
    },
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

const comment = (file: string, assessmentId: string) => {
  const db = new Database(file, { readonly: true });
  const row = db
    .prepare(
      "SELECT a.comment FROM answers a JOIN controls c ON c.id = a.control_row WHERE a.assessment_id = ? AND c.control_id = 'S-1.1'",
    )
    .get(assessmentId) as { comment: string } | undefined;
  db.close();
  return row?.comment;
};

describe('a fault in the workspace file is named, and nothing is written to it', () => {
  const faults: [string, (file: string) => void, string][] = [
    ['truncated', truncateHalf, 'workspaceDamagedRestore'],
    ['a b-tree page in the middle flipped', (f) => void flipMiddlePage(f), 'workspaceDamagedRestore'],
    ['garbage instead of a database', garbage, 'notADatabaseRestore'],
  ];
  for (const [name, damage, key] of faults) {
    it(`${name}: its own message naming the newest good backup, the file unchanged, and restore brings the backup back`, async () => {
      const ws = await workspaceWithBackup();
      damage(ws.paths.dbFile);
      const before = readFileSync(ws.paths.dbFile);
      const e = await openError(ws.dir);
      expect(e.key).toBe(key);
      expect(e.params.backup).toBe(ws.backup.name);
      expect(en(`errors.${e.key}`, e.params)).toContain(`tenken backup restore ${ws.backup.name}`);
      expect(ja(`errors.${e.key}`, e.params)).toContain(`tenken backup restore ${ws.backup.name}`);
      // Eleven app starts later the file is still byte for byte what it was, and no damaged backup was made.
      for (let i = 0; i < 11; i++)
        await expect(startRuntime({ dataDir: ws.dir, shell: 'web', backupAtStart: true })).rejects.toThrow(AppError);
      expect(readFileSync(ws.paths.dbFile).equals(before)).toBe(true);
      expect(listBackups(ws.paths).map((b) => [b.name, b.check])).toEqual([[ws.backup.name, 'ok']]);

      const r = await restoreBackup(ws.paths, ws.backup.name, new Date(Date.UTC(2026, 1, 2, 3, 4, 5)));
      expect(r.keptAside).toBe(`${ws.paths.dbFile}.damaged-20260202T030405000Z`);
      expect(readFileSync(r.keptAside as string).equals(before)).toBe(true);
      expect(comment(ws.paths.dbFile, ws.assessmentId)).toBe('バックアップ前');
      const reopened = await openWorkspace(ws.dir);
      reopened.close();
    });
  }

  it('the fast check (a CLI command that only reads) still catches a truncated file', async () => {
    const ws = await workspaceWithBackup();
    truncateHalf(ws.paths.dbFile);
    expect((await openError(ws.dir, 'fast')).key).toBe('workspaceDamagedRestore');
  });

  it('a workspace from a newer Tenken: its own message, unchanged, even when its pages are unreadable', async () => {
    const ws = await workspaceWithBackup();
    const db = new Database(ws.paths.dbFile);
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 10}`);
    db.close();
    const before = readFileSync(ws.paths.dbFile);
    const e = await openError(ws.dir);
    expect(e.key).toBe('dbFromFuture');
    expect(readFileSync(ws.paths.dbFile).equals(before)).toBe(true);
  });

  it("a SQLite database that is not Tenken's: notAWorkspace, unchanged", async () => {
    const ws = await workspaceWithBackup();
    rmSync(ws.paths.dbFile);
    const db = new Database(ws.paths.dbFile);
    db.exec('CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)');
    db.close();
    const before = readFileSync(ws.paths.dbFile);
    expect((await openError(ws.dir)).key).toBe('notAWorkspace');
    expect(readFileSync(ws.paths.dbFile).equals(before)).toBe(true);
  });

  // The fast open (a CLI command that reads) inspects on the connection it keeps (open.ts openCurrentInPlace): a
  // file that passes the header's test but not the schema's must still be named and left byte for byte unchanged.
  it('the fast open of a WAL database stamped with our version but not ours: notAWorkspace, unchanged', async () => {
    const ws = await workspaceWithBackup();
    rmSync(ws.paths.dbFile);
    const db = new Database(ws.paths.dbFile);
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)');
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION}`);
    db.close();
    const before = readFileSync(ws.paths.dbFile);
    expect(before[18]).toBe(2);
    expect((await openError(ws.dir, 'fast')).key).toBe('notAWorkspace');
    expect(readFileSync(ws.paths.dbFile).equals(before)).toBe(true);
    expect(existsSync(`${ws.paths.dbFile}-wal`)).toBe(false);
  });

  it('the fast open of a workspace whose schema page is garbled: damaged, unchanged', async () => {
    const ws = await workspaceWithBackup();
    const bytes = readFileSync(ws.paths.dbFile);
    // Page 1 after the 100-byte header holds the schema's b-tree: overwrite its page header and cell pointers.
    bytes.fill(0xff, 100, 160);
    writeFileSync(ws.paths.dbFile, bytes);
    const before = readFileSync(ws.paths.dbFile);
    expect((await openError(ws.dir, 'fast')).key).toBe('workspaceDamagedRestore');
    expect(readFileSync(ws.paths.dbFile).equals(before)).toBe(true);
  });

  it('a 0-byte workspace beside backups is not started empty: it names the newest good backup; restore keeps the empty file aside', async () => {
    const ws = await workspaceWithBackup();
    writeFileSync(ws.paths.dbFile, '');
    for (const s of ['-wal', '-shm']) rmSync(`${ws.paths.dbFile}${s}`, { force: true });
    const e = await openError(ws.dir);
    expect(e.key).toBe('workspaceEmpty');
    expect(en('errors.workspaceEmpty', e.params)).toContain(`tenken backup restore ${ws.backup.name}`);
    expect(readFileSync(ws.paths.dbFile).length).toBe(0);
    const r = await restoreBackup(ws.paths, ws.backup.name);
    expect(r.keptAside && existsSync(r.keptAside)).toBe(true);
    expect(comment(ws.paths.dbFile, ws.assessmentId)).toBe('バックアップ前');
  });

  it('a missing workspace beside backups is not started empty either', async () => {
    const ws = await workspaceWithBackup();
    rmSync(ws.paths.dbFile);
    const e = await openError(ws.dir);
    expect(e.key).toBe('workspaceMissing');
    expect(existsSync(ws.paths.dbFile)).toBe(false);
  });

  it('a damaged backup is not restored and not offered', async () => {
    const ws = await workspaceWithBackup();
    flipMiddlePage(ws.backup.file);
    expect(listBackups(ws.paths)[0]!.check).toBe('ok'); // as recorded when it was made …
    await expect(restoreBackup(ws.paths, ws.backup.name)).rejects.toMatchObject({ key: 'backupDamaged' }); // … but checked again before use
    truncateHalf(ws.paths.dbFile);
    expect((await openError(ws.dir)).key).toBe('workspaceDamaged');
  });
});

describe('backups are checked when made and rotation keeps the newest good one', () => {
  it('records the check in a manifest beside each backup and lists it', async () => {
    const ws = await workspaceWithBackup();
    const manifest = JSON.parse(readFileSync(ws.backup.file.replace(/\.sqlite$/, '.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(manifest).toMatchObject({
      format: 'tenken-backup/1',
      name: ws.backup.name,
      check: 'ok',
      schemaVersion: LATEST_SCHEMA_VERSION,
      size: readFileSync(ws.backup.file).length,
    });
    expect(readdirSync(ws.paths.backupDir).filter((n) => !/\.(sqlite|json)$/.test(n))).toEqual([]);
  });

  it('after eleven backups of a workspace damaged while open, the last good backup is still there', async () => {
    const ws = await workspaceWithBackup();
    // The damage happens under a running app (a disk fault): the live connection keeps making backups of it.
    const db = new Database(ws.paths.dbFile);
    flipMiddlePage(ws.paths.dbFile);
    for (let i = 0; i < BACKUPS_KEPT + 1; i++)
      await createBackup(db, ws.paths, 'start', new Date(Date.UTC(2026, 0, 2, 0, 0, i)));
    db.close();
    const list = listBackups(ws.paths);
    expect(list.filter((b) => b.check === 'damaged')).toHaveLength(BACKUPS_KEPT);
    expect(list.filter((b) => b.check === 'ok').map((b) => b.name)).toEqual([ws.backup.name]);
    const r = await restoreBackup(ws.paths, ws.backup.name);
    expect(r.keptAside).not.toBeNull();
    expect(comment(ws.paths.dbFile, ws.assessmentId)).toBe('バックアップ前');
  });
});

describe('the workspace lock', () => {
  it('refuses a restore while a shell has the workspace open, and allows it once closed', async () => {
    const ws = await workspaceWithBackup();
    const rt = await startRuntime({ dataDir: ws.dir, shell: 'web' });
    const before = readFileSync(ws.paths.dbFile);
    const e = await restoreBackup(ws.paths, ws.backup.name).catch((err: unknown) => err);
    expect(e).toMatchObject({ code: 'locked', key: 'workspaceInUse' });
    expect(en('errors.workspaceInUse', (e as AppError).params)).toMatch(/Close it, then restore again/);
    expect(readFileSync(ws.paths.dbFile).equals(before)).toBe(true);
    rt.close();
    await expect(restoreBackup(ws.paths, ws.backup.name)).resolves.toMatchObject({
      restored: { name: ws.backup.name },
    });
  });

  it('a shell starting during a restore waits for it instead of opening a half-restored file', async () => {
    const ws = await workspaceWithBackup();
    const { acquireExclusiveLock } = await import('../../src/main/workspace/lock');
    const held = acquireExclusiveLock(ws.paths);
    expect(() => acquireSharedLock(ws.paths, { waitMs: 50 })).toThrow(
      expect.objectContaining({ key: 'workspaceRestoring' }) as Error,
    );
    held.release();
    acquireSharedLock(ws.paths, { waitMs: 50 }).release();
  });
});

describe('a read-only workspace opens read-only', () => {
  it('read-only file: reads work, every write is refused with workspaceReadOnly, nothing is written', async (t) => {
    const ws = await workspaceWithBackup();
    if (!makeFileReadOnly(ws.paths.dbFile))
      return t.skip('this file system cannot make a file read-only for root (chattr +i)');
    const before = readFileSync(ws.paths.dbFile);
    const backupsBefore = listBackups(ws.paths).map((b) => b.name);
    const rt = await startRuntime({ dataDir: ws.dir, shell: 'web', backupAtStart: true });
    expect(rt.workspace.readOnly).toBe('file');
    expect(await call(rt.ctx, 'app.info', {})).toMatchObject({ readOnly: 'file' });
    expect((await call(rt.ctx, 'assessments.list', {})).map((a) => a.name)).toEqual(['2026年度 点検']);
    const r = await dispatch(rt.ctx, 'answers.set', {
      assessmentId: ws.assessmentId,
      controlKey: 'S-1.1',
      value: 'implemented',
      comment: 'x',
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden', key: 'workspaceReadOnly' } });
    rt.close();
    expect(readFileSync(ws.paths.dbFile).equals(before)).toBe(true);
    expect(listBackups(ws.paths).map((b) => b.name)).toEqual(backupsBefore);
    expect(existsSync(`${ws.paths.dbFile}-wal`)).toBe(false);
  });

  it('read-only folder: opens read-only too (no -wal/-shm can be made beside it)', async (t) => {
    const ws = await workspaceWithBackup();
    for (const s of ['-wal', '-shm']) rmSync(`${ws.paths.dbFile}${s}`, { force: true });
    if (!makeDirReadOnly(ws.dir)) return t.skip('a read-only bind mount is not possible here');
    const rt = await startRuntime({ dataDir: ws.dir, shell: 'web', backupAtStart: true });
    expect(rt.workspace.readOnly).toBe('folder');
    expect((await call(rt.ctx, 'assessments.get', { id: ws.assessmentId })).name).toBe('2026年度 点検');
    expect(
      await dispatch(rt.ctx, 'evidence.add', {
        assessmentId: ws.assessmentId,
        controlKeys: ['S-1.1'],
        fileName: 'a.txt',
        content: 'YQ==',
      }),
    ).toMatchObject({ ok: false, error: { key: 'workspaceReadOnly' } });
    expect(existsSync(ws.paths.evidenceDir)).toBe(false);
    rt.close();
  });
});

describe('storage errors become messages', () => {
  it('maps SQLite and file-system codes to their keys, each with a ja and an en message', () => {
    const cases: [unknown, string][] = [
      [Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }), 'diskFull'],
      [
        Object.assign(new Error('attempt to write a readonly database'), { code: 'SQLITE_READONLY' }),
        'workspaceReadOnly',
      ],
      [Object.assign(new Error('malformed'), { code: 'SQLITE_CORRUPT' }), 'workspaceDamagedAtRuntime'],
      [Object.assign(new Error('busy'), { code: 'SQLITE_BUSY' }), 'workspaceBusy'],
      [Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR_WRITE' }), 'diskError'],
      [Object.assign(new Error('ENOSPC'), { code: 'ENOSPC', path: '/x' }), 'diskFull'],
      [Object.assign(new Error('EROFS'), { code: 'EROFS', path: '/x' }), 'fileReadOnly'],
      [Object.assign(new Error('EACCES'), { code: 'EACCES', path: '/x' }), 'filePermission'],
      [new TypeError('boom'), 'internal'],
    ];
    for (const [error, key] of cases) {
      const mapped = toAppError(error);
      expect(mapped.key).toBe(key);
      for (const t of [en, ja])
        expect(t(`errors.${key}`, { ...mapped.params, detail: 'd' })).not.toMatch(/^errors\.|at .*\.ts:\d+/);
    }
  });

  it('every channel is classified as reading or writing (a read-only workspace refuses the writing ones before they run)', () => {
    for (const c of CHANNELS) expect(WRITE_CHANNELS.has(c) !== READ_CHANNELS.has(c), c).toBe(true);
  });

  it('a backup that cannot be made at start is a warning, and the app starts', async () => {
    const ws = await workspaceWithBackup();
    rmSync(ws.paths.backupDir, { recursive: true });
    writeFileSync(ws.paths.backupDir, 'a file where the backups folder should be');
    const warnings: AppError[] = [];
    const rt = await startRuntime({
      dataDir: ws.dir,
      shell: 'web',
      backupAtStart: true,
      warn: (w) => warnings.push(w),
    });
    expect(warnings.map((w) => w.key)).toEqual(['backupAtStartFailed']);
    expect(en('errors.backupAtStartFailed', { reason: 'x' })).toMatch(/started anyway/);
    rt.close();
  });
});

describe('a restore into a workspace that cannot be written', () => {
  it('is refused at once with its own message (no spin, nothing changed)', async (t) => {
    const ws = await workspaceWithBackup();
    for (const s of ['-wal', '-shm']) rmSync(`${ws.paths.dbFile}${s}`, { force: true });
    if (!makeDirReadOnly(ws.dir)) return t.skip('a read-only bind mount is not possible here');
    const began = Date.now();
    await expect(restoreBackup(ws.paths, ws.backup.name)).rejects.toMatchObject({
      code: 'forbidden',
      key: 'restoreReadOnly',
    });
    expect(Date.now() - began).toBeLessThan(1_000);
    expect(en('errors.restoreReadOnly', { dir: ws.dir })).toMatch(/Nothing was changed/);
  });
});

describe('a lost or damaged -wal file is named', () => {
  /** A workspace killed mid-session: saves still in its -wal file; the file is then copied without its -wal, as a tool or a user might. */
  async function crashedWithWal() {
    const ws = await workspaceWithBackup();
    const rt = await startRuntime({ dataDir: ws.dir, shell: 'web' });
    // Keep the saves in the WAL: no checkpoint folds them into the file before the "crash".
    rt.ctx.db.pragma('wal_autocheckpoint = 0');
    await call(rt.ctx, 'answers.set', {
      assessmentId: ws.assessmentId,
      controlKey: 'S-1.2',
      value: 'implemented',
      comment: 'WAL のみ',
    });
    await new Promise((r) => setTimeout(r, 250)); // the record of the last entry is written within 100 ms
    const copy = tempDir();
    for (const f of readdirSync(ws.dir))
      if (f.startsWith('tenken.sqlite')) writeFileSync(join(copy, f), readFileSync(join(ws.dir, f)));
    rt.close();
    return { ...ws, copy };
  }

  it('the history is checked against the last entry recorded as saved: a missing -wal is refused, naming both entries; nothing is written', async () => {
    const ws = await crashedWithWal();
    rmSync(join(ws.copy, 'tenken.sqlite-wal'));
    rmSync(join(ws.copy, 'tenken.sqlite-shm'), { force: true });
    const before = readFileSync(join(ws.copy, 'tenken.sqlite'));
    const e = await openError(ws.copy);
    expect(e.key).toBe('historyBehind');
    expect(Number(e.params.recorded)).toBeGreaterThan(Number(e.params.stored));
    expect(en('errors.historyBehind', e.params)).toMatch(/tenken\.sqlite-wal.*lost or damaged.*Nothing was written/);
    expect(readFileSync(join(ws.copy, 'tenken.sqlite')).equals(before)).toBe(true);
    // With the -wal back, the same workspace opens with every save.
    const again = await crashedWithWal();
    const ok = await openWorkspace(again.copy);
    expect(ok.db.prepare("SELECT count(*) AS n FROM answers WHERE comment = 'WAL のみ'").get()).toEqual({ n: 1 });
    ok.close();
  });

  it('the user may accept the loss by removing the record, and a restore clears it', async () => {
    const ws = await crashedWithWal();
    rmSync(join(ws.copy, 'tenken.sqlite-wal'));
    rmSync(join(ws.copy, 'tenken.sqlite-head'));
    (await openWorkspace(ws.copy)).close();
    expect(existsSync(join(ws.dir, 'tenken.sqlite-head'))).toBe(true);
    await restoreBackup(ws.paths, ws.backup.name);
    expect(existsSync(join(ws.dir, 'tenken.sqlite-head'))).toBe(false);
    (await openWorkspace(ws.dir)).close();
  });
});
