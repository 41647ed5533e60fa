import Database from 'better-sqlite3';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { call } from '../../src/main/api/dispatch';
import { runCli } from '../../src/main/cli/main';
import { createI18n } from '../../src/shared/i18n';
import { LATEST_SCHEMA_VERSION } from '../../src/main/db/migrations';
import { createBackup } from '../../src/main/workspace/backup';
import { flipMiddlePage, garbage, truncateHalf } from '../support/faults';
import { freshRuntime } from '../support/workspace';

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, {
    out: (s) => {
      out.push(s);
    },
    err: (s) => {
      err.push(s);
    },
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function workspaceWithBackup() {
  const rt = await freshRuntime();
  await call(rt.ctx, 'assessments.create', { name: '障害テスト', catalog: 'ipa-web-meeting' });
  const backup = await createBackup(rt.ctx.db, rt.ctx.paths, 'manual', new Date(Date.UTC(2026, 0, 1)));
  rt.close();
  return { dir: rt.ctx.paths.dataDir, file: rt.ctx.paths.dbFile, backup };
}

describe('CLI on a damaged workspace', () => {
  const faults: [string, (file: string) => void, string][] = [
    ['truncated', truncateHalf, 'workspaceDamagedRestore'],
    ['flipped', (f) => void flipMiddlePage(f), 'workspaceDamagedRestore'],
    ['garbage', garbage, 'notADatabaseRestore'],
    ['empty', (f) => writeFileSync(f, ''), 'workspaceEmpty'],
    ['missing', (f) => rmSync(f), 'workspaceMissing'],
    [
      'newer',
      (f) => {
        const db = new Database(f);
        db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
        db.close();
      },
      'dbFromFuture',
    ],
  ];
  it.each(faults.map(([n, d, k]) => ({ name: n, damage: d, key: k })))(
    '$name: its own message ($key), in ja and en, naming the command that restores the newest good backup; the file unchanged',
    async ({ name, damage, key }) => {
      const ws = await workspaceWithBackup();
      damage(ws.file);
      const before = existsSync(ws.file) ? readFileSync(ws.file) : null;
      const en = await cli(
        '--data-dir',
        ws.dir,
        '--lang',
        'en',
        '--json',
        'assessment',
        'create',
        '--name',
        'x',
        '--catalog',
        'ipa-web-meeting',
      );
      expect(en.code).toBe(1);
      const error = (JSON.parse(en.err) as { error: { key: string; message: string } }).error;
      expect(error.key).toBe(key);
      if (name !== 'newer') expect(error.message).toContain(`tenken backup restore ${ws.backup.name}`);
      const ja = await cli(
        '--data-dir',
        ws.dir,
        '--lang',
        'ja',
        'answer',
        '--assessment',
        '00000000-0000-4000-8000-000000000000',
        '--control',
        'S-1.1',
        '--value',
        'implemented',
      );
      expect(ja.err).toMatch(/^tenken: \S/);
      expect(ja.err).not.toMatch(/予期しない|unexpected|at .*:\d+:\d+/);
      if (name !== 'newer') expect(ja.err).toContain(`tenken backup restore ${ws.backup.name}`);
      const after = existsSync(ws.file) ? readFileSync(ws.file) : null;
      expect(after === before || (after !== null && before !== null && after.equals(before))).toBe(true);
    },
  );

  it('the messages differ from one fault to the next', () => {
    const keys = [...new Set(faults.map((f) => f[2]))];
    const en = createI18n('en').t;
    const texts = keys.map((k) => en(`errors.${k}`, { file: 'F', backup: 'B', detail: 'D', found: 1, supported: 0 }));
    expect(new Set(texts).size).toBe(keys.length);
  });

  it('`backup list` and `backup restore` work without opening the damaged file; the damaged file is kept aside', async () => {
    const ws = await workspaceWithBackup();
    flipMiddlePage(ws.file);
    const damaged = readFileSync(ws.file);
    const list = await cli('--data-dir', ws.dir, '--lang', 'en', 'backup', 'list');
    expect(list.code).toBe(0);
    expect(list.out).toMatch(new RegExp(`${ws.backup.name}.*manual.*ok`));
    const json = JSON.parse((await cli('--data-dir', ws.dir, '--json', 'backup', 'list')).out) as {
      name: string;
      check: string;
    }[];
    expect(json).toMatchObject([{ name: ws.backup.name, check: 'ok' }]);
    expect(readFileSync(ws.file).equals(damaged)).toBe(true);

    const r = await cli('--data-dir', ws.dir, '--lang', 'en', 'backup', 'restore', ws.backup.name);
    expect(r.code).toBe(0);
    const kept = /kept as (\S+) \(not deleted\)/.exec(r.out)?.[1];
    expect(kept).toMatch(/tenken\.sqlite\.damaged-\d{8}T\d{9}Z$/);
    expect(readFileSync(kept as string).equals(damaged)).toBe(true);
    const after = await cli('--data-dir', ws.dir, '--json', 'assessment', 'list');
    expect(JSON.parse(after.out)).toMatchObject([{ name: '障害テスト' }]);
  });
});
