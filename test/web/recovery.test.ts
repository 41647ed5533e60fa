import Database from 'better-sqlite3';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { call } from '../../src/main/api/dispatch';
import { LATEST_SCHEMA_VERSION } from '../../src/main/db/migrations';
import { createBackup } from '../../src/main/workspace/backup';
import type { BackupList, RecoveryStatus, RestoreOutcome } from '../../src/shared/api/backups-types';
import { flipMiddlePage } from '../support/faults';
import { startShellProcess } from '../support/shell-process';
import { freshRuntime } from '../support/workspace';

// The real browser shell from dist/ (bin/tenken.cjs), as `npm test` builds it first.

const CONTROLS = ['S-1.1', 'S-1.2', 'S-1.3', 'S-2.1', 'S-2.2', 'S-2.3', 'S-3.1', 'S-3.2', 'S-3.3', 'S-4.1'];

/** A workspace with one answer, a good backup of it, a newer backup that is damaged, then one more answer. */
async function workspaceWithBackups() {
  const rt = await freshRuntime();
  const a = await call(rt.ctx, 'assessments.create', { name: '復元テスト', catalog: 'ipa-web-meeting' });
  await call(rt.ctx, 'answers.set', { assessmentId: a.id, controlKey: 'S-1.1', value: 'implemented', comment: '前' });
  const good = await createBackup(rt.ctx.db, rt.ctx.paths, 'manual', new Date(Date.UTC(2026, 0, 1)));
  const bad = await createBackup(rt.ctx.db, rt.ctx.paths, 'manual', new Date(Date.UTC(2026, 0, 2)));
  await call(rt.ctx, 'answers.set', { assessmentId: a.id, controlKey: 'S-1.1', value: 'implemented', comment: '後' });
  rt.close();
  // The newer backup is damaged after it was made: its manifest still says ok, the check before use does not.
  flipMiddlePage(bad.file);
  return { dir: rt.ctx.paths.dataDir, paths: rt.ctx.paths, assessmentId: a.id, good, bad };
}

/** How many history entries of a workspace file carry this text (each save is one entry). */
function inHistory(file: string, text: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return (
      db.prepare('SELECT count(*) AS n FROM audit_log WHERE instr(new_value, ?) > 0').get(JSON.stringify(text)) as {
        n: number;
      }
    ).n;
  } finally {
    db.close();
  }
}

describe('the browser shell on a damaged workspace starts in recovery mode', () => {
  it('names the fault, refuses every other channel, restores the newest good backup and then serves the workspace', async () => {
    const ws = await workspaceWithBackups();
    flipMiddlePage(ws.paths.dbFile);
    const damaged = readFileSync(ws.paths.dbFile);
    const shell = await startShellProcess(ws.dir);
    expect(shell.stderr()).toMatch(/破損/);
    expect(shell.stderr()).toMatch(/復元用の起動画面/);

    const status = await shell.post('recovery.status', {});
    expect(status.status).toBe(200);
    expect(status.body.value as RecoveryStatus).toMatchObject({
      mode: 'recovery',
      fault: { key: 'workspaceDamagedRestore', params: { backup: ws.good.name } },
      dbFile: ws.paths.dbFile,
      restorable: true,
    });
    expect((await shell.post('app.info', {})).status).toBe(200);
    for (const [channel, input] of [
      ['assessments.list', {}],
      ['settings.get', {}],
      ['answers.set', { assessmentId: ws.assessmentId, controlKey: 'S-1.1', value: 'implemented' }],
      ['backups.create', {}],
    ] as const) {
      const r = await shell.post(channel, input);
      expect(r.status, channel).toBe(409);
      expect(r.body.error, channel).toMatchObject({ key: 'workspaceNotOpen' });
      expect(r.body.error?.message).toMatch(/起動画面からバックアップを復元/);
    }
    // Still a contract channel: a bad input is refused before the session is asked.
    expect((await shell.post('backups.restore', { name: '../tenken.sqlite' })).status).toBe(400);
    expect(readFileSync(ws.paths.dbFile).equals(damaged)).toBe(true);

    const list = (await shell.post('backups.list', {})).body.value as BackupList;
    expect(list.backups.map((b) => [b.name, b.check])).toEqual([
      [ws.bad.name, 'ok'],
      [ws.good.name, 'ok'],
    ]);
    expect(list.newestGood).toBe(ws.good.name);
    expect(list.backups[1]?.historyHead).toBeGreaterThan(0);
    const refused = await shell.post('backups.restore', { name: ws.bad.name });
    expect(refused.body.error).toMatchObject({ key: 'backupDamaged' });
    expect(readFileSync(ws.paths.dbFile).equals(damaged)).toBe(true);

    const restore = await shell.post('backups.restore', { name: ws.good.name });
    expect(restore.status).toBe(200);
    const outcome = restore.body.value as RestoreOutcome;
    expect(outcome).toMatchObject({ restored: ws.good.name, safetyCopy: null, status: { mode: 'normal' } });
    expect(outcome.keptAside).toMatch(/tenken\.sqlite\.damaged-\d{8}T\d{9}Z$/);
    expect(readFileSync(outcome.keptAside as string).equals(damaged)).toBe(true);

    // The same process now serves the restored workspace: its data, and saves.
    expect((await shell.post('recovery.status', {})).body.value).toEqual({ mode: 'normal' });
    const assessments = (await shell.post('assessments.list', {})).body.value as { name: string }[];
    expect(assessments.map((a) => a.name)).toEqual(['復元テスト']);
    const detail = (await shell.post('assessments.get', { id: ws.assessmentId })).body.value as {
      answers: { controlKey: string; comment: string }[];
    };
    expect(detail.answers.find((a) => a.controlKey === 'S-1.1')?.comment).toBe('前');
    const save = await shell.post('answers.set', {
      assessmentId: ws.assessmentId,
      controlKey: 'S-1.2',
      value: 'implemented',
      comment: '復元後',
    });
    expect(save.status).toBe(200);
    await shell.stop();
    expect(inHistory(ws.paths.dbFile, '復元後')).toBe(1);
    expect(shell.stderr()).not.toMatch(/at .*:\d+:\d+/);
  });

  it('a workspace from a newer Tenken: its message, no restore offered or done, the file unchanged', async () => {
    const ws = await workspaceWithBackups();
    const db = new Database(ws.paths.dbFile);
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 10}`);
    db.close();
    const before = readFileSync(ws.paths.dbFile);
    const shell = await startShellProcess(ws.dir);
    expect((await shell.post('recovery.status', {})).body.value).toMatchObject({
      mode: 'recovery',
      fault: { key: 'dbFromFuture' },
      restorable: false,
    });
    const r = await shell.post('backups.restore', { name: ws.good.name });
    expect(r.body.error).toMatchObject({ key: 'recoveryNoRestore' });
    await shell.stop();
    expect(readFileSync(ws.paths.dbFile).equals(before)).toBe(true);
    expect(existsSync(join(ws.dir, 'backups'))).toBe(true);
  });
});

describe('a restore from Settings while the app runs', () => {
  it('loses no acknowledged save: each is in the backup made first or in the restored workspace; the app answers normally after', async () => {
    const ws = await workspaceWithBackups();
    const shell = await startShellProcess(ws.dir);
    expect((await shell.post('recovery.status', {})).body.value).toEqual({ mode: 'normal' });
    const save = (i: number) =>
      shell.post('answers.set', {
        assessmentId: ws.assessmentId,
        controlKey: CONTROLS[i % CONTROLS.length],
        value: 'implemented',
        comment: `save ${i}`,
      });
    for (let i = 0; i < 5; i++) expect((await save(i)).status).toBe(200);
    // Saves sent while the restore runs, from before it starts until after it ends.
    const during = Array.from({ length: 30 }, (_, k) => 5 + k);
    const results = await Promise.all([
      shell.post('backups.restore', { name: ws.good.name }),
      ...during.map((i) => save(i)),
    ]);
    const [restore, ...saves] = results;
    expect(restore?.status).toBe(200);
    const outcome = restore?.body.value as RestoreOutcome;
    expect(outcome).toMatchObject({ restored: ws.good.name, keptAside: null, status: { mode: 'normal' } });
    expect(outcome.safetyCopy).toMatch(/-pre-restore\.sqlite$/);
    const safety = join(ws.paths.backupDir, outcome.safetyCopy as string);
    // A save sent during the restore is either answered (and kept) or refused with a clear message; never a 500.
    for (const r of saves)
      if (r.status !== 200) {
        expect(r.status).toBe(423);
        expect(r.body.error).toMatchObject({ key: 'workspaceRestoringNow' });
        expect(r.body.error?.message).toMatch(/復元している最中/);
      }
    const answered = during.filter((_, k) => saves[k]?.status === 200);
    for (const i of [0, 1, 2, 3, 4, ...answered])
      expect(inHistory(safety, `save ${i}`) + inHistory(ws.paths.dbFile, `save ${i}`), `save ${i}`).toBe(1);
    // The saves before the restore are in the backup made first, not in the restored workspace.
    for (let i = 0; i < 5; i++) expect(inHistory(safety, `save ${i}`)).toBe(1);
    for (let i = 0; i < 5; i++) expect(inHistory(ws.paths.dbFile, `save ${i}`)).toBe(0);
    // The app answers normally after.
    expect((await save(99)).status).toBe(200);
    const detail = (await shell.post('assessments.get', { id: ws.assessmentId })).body.value as {
      answers: { controlKey: string; comment: string }[];
    };
    expect(detail.answers.find((a) => a.controlKey === CONTROLS[99 % CONTROLS.length])?.comment).toBe('save 99');
    const made = await shell.post('backups.create', {});
    expect(made.status).toBe(200);
    expect(made.body.value).toMatchObject({ reason: 'manual', check: 'ok' });
    await shell.stop();
    expect(inHistory(ws.paths.dbFile, 'save 99')).toBe(1);
  });
});
