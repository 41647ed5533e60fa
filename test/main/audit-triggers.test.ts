import { describe, expect, it } from 'vitest';
import { call } from '../../src/main/api/dispatch';
import { startRuntime } from '../../src/main/app/runtime';
import type { AppError } from '../../src/shared/api/errors';
import { freshRuntime } from '../support/workspace';

// Someone with the file drops the history's append-only triggers (sqlite3 shell); the next start puts them back.
describe('history protection triggers', () => {
  it('are recreated at start when dropped, and the repair is recorded in the history and said', async () => {
    const rt = await freshRuntime();
    const a = await call(rt.ctx, 'demo.create', {});
    const dataDir = rt.ctx.paths.dataDir;
    rt.ctx.db.exec('DROP TRIGGER audit_log_no_delete');
    // The other trigger is untouched.
    const last = rt.ctx.db.prepare('SELECT max(seq) AS seq FROM audit_log').get() as { seq: number };
    expect(() => rt.ctx.db.prepare('UPDATE audit_log SET actor = ? WHERE seq = ?').run('x', 1)).toThrow(/append-only/);
    rt.close();

    const warnings: AppError[] = [];
    const again = await startRuntime({ dataDir, shell: 'cli', warn: (w) => warnings.push(w) });
    try {
      expect(warnings.map((w) => [w.key, w.params])).toEqual([
        ['auditProtectionRestored', { triggers: 'audit_log_no_delete' }],
      ]);
      const triggers = again.ctx.db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log' ORDER BY name")
        .all();
      expect(triggers).toEqual([{ name: 'audit_log_no_delete' }, { name: 'audit_log_no_update' }]);
      expect(() => again.ctx.db.prepare('DELETE FROM audit_log WHERE seq = 1').run()).toThrow(/append-only/);
      // The repair is the newest history entry, chained like every other; the history still verifies.
      const entry = again.ctx.db
        .prepare('SELECT seq, action, new_value FROM audit_log ORDER BY seq DESC LIMIT 1')
        .get();
      expect(entry).toEqual({
        seq: last.seq + 1,
        action: 'audit.protectionRestored',
        new_value: JSON.stringify({ recreated: ['audit_log_no_delete'] }),
      });
      expect(await call(again.ctx, 'audit.verify', {})).toMatchObject({ ok: true, entries: last.seq + 1 });
      expect(await call(again.ctx, 'audit.verify', { assessmentId: a.id })).toMatchObject({ ok: true });
    } finally {
      again.close();
    }

    // A healthy workspace: nothing recreated, nothing said, nothing appended.
    const quiet: AppError[] = [];
    const third = await startRuntime({ dataDir, shell: 'cli', warn: (w) => quiet.push(w) });
    const n = (third.ctx.db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
    third.close();
    expect(quiet).toEqual([]);
    expect(n).toBe(last.seq + 1);
  });

  it('are recreated when one was changed to let updates through', async () => {
    const rt = await freshRuntime();
    const dataDir = rt.ctx.paths.dataDir;
    rt.ctx.db.exec(
      "DROP TRIGGER audit_log_no_update; CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log WHEN 0 BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
    );
    rt.close();
    const again = await startRuntime({ dataDir, shell: 'cli', warn: () => undefined });
    try {
      expect(() => again.ctx.db.prepare("UPDATE audit_log SET actor = 'x'").run()).toThrow(/append-only/);
    } finally {
      again.close();
    }
  });
});
