import { describe, expect, it } from 'vitest';
import { dispatch } from '../../src/main/api/dispatch';
import { contract, CHANNELS } from '../../src/shared/api/contract';
import { createI18n } from '../../src/shared/i18n';
import { freshRuntime } from '../support/workspace';

const en = createI18n('en').t;
const ja = createI18n('ja').t;

/** Every channel that can run without input, with the database failing as a disk would make it fail. */
describe('a database or disk fault under any channel becomes its own message', () => {
  const faults: [string, string][] = [
    ['SQLITE_FULL', 'diskFull'],
    ['SQLITE_IOERR_READ', 'diskError'],
    ['SQLITE_CORRUPT', 'workspaceDamagedAtRuntime'],
    ['SQLITE_READONLY', 'workspaceReadOnly'],
    ['SQLITE_BUSY', 'workspaceBusy'],
  ];
  // These run no statement on the workspace connection, which is where the fault is simulated: the app's version,
  // the recovery channels that must work when the workspace cannot be opened (the fault, the backups folder and its
  // manifests), and a backup now (SQLite's backup API and a check on its own connection; test/db/backup.test.ts).
  const noDatabase = new Set(['app.info', 'recovery.status', 'backups.list', 'backups.create']);
  const runnable = CHANNELS.filter((c) => contract[c].input.safeParse({}).success && !noDatabase.has(c));
  it.each(faults)('%s → %s on every channel that takes no input', async (code, key) => {
    const rt = await freshRuntime();
    const prepare = rt.ctx.db.prepare.bind(rt.ctx.db);
    rt.ctx.db.prepare = (() => {
      throw Object.assign(new Error(`${code} (simulated) at Database.prepare (node_modules/x.js:1:1)`), { code });
    }) as typeof rt.ctx.db.prepare;
    expect(runnable.length).toBeGreaterThan(3);
    for (const channel of runnable) {
      const r = await dispatch(rt.ctx, channel, {});
      expect(r.ok, channel).toBe(false);
      if (r.ok) continue;
      expect(r.error.key, channel).toBe(key);
      for (const t of [en, ja]) {
        const message = t(`errors.${r.error.key}`, r.error.params);
        expect(message, channel).not.toMatch(/^errors\.|\.js:\d+|simulated/);
      }
    }
    rt.ctx.db.prepare = prepare;
  });
});
