import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { call } from '../../src/main/api/dispatch';
import { countPartProgress } from '../../src/main/assessments/assessments';
import { migrate } from '../../src/main/db/migrate';
import { MIGRATIONS } from '../../src/main/db/migrations';
import { freshRuntime } from '../support/workspace';

describe('0100 speed', () => {
  it('adds the progress counts, file stamps and term list, and indexes ID and titles apart from the texts, withdrawn controls left out', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(
      db,
      MIGRATIONS.filter((m) => m.version <= 60),
    );
    db.prepare(
      "INSERT INTO catalogs (id, catalog_id, version, title_ja, title_en, document, origin, content_hash, loaded_at) VALUES (1, 'c', '1', 't', 't', '{}', 'shipped', 'h', 't')",
    ).run();
    const control = db.prepare(
      'INSERT INTO controls (id, catalog_row, control_id, depth, position, assessable, mandatory, title_ja, title_en, body, text_hash, withdrawn) VALUES (?, 1, ?, 0, ?, 1, 1, ?, ?, ?, ?, ?)',
    );
    control.run(
      7,
      'A.1',
      0,
      '鍵管理',
      'Key Management',
      JSON.stringify({ description: { ja: '鍵と暗号', en: 'Ｋｅｙｓ' } }),
      'x',
      0,
    );
    control.run(8, 'A.2', 1, '廃止', 'Gone', '{}', 'y', 1);
    migrate(
      db,
      MIGRATIONS.filter((m) => m.version <= 100),
    );
    expect(db.prepare('SELECT rowid, head, body FROM controls_fts').all()).toEqual([
      { rowid: 7, head: 'a.1\n鍵管理\nkey management\n\n', body: '鍵と暗号\nkeys\n\n' },
    ]);
    // The two-character term at the very end of a column now starts a trigram of the index.
    expect(
      db.prepare("SELECT term FROM controls_fts_terms WHERE term >= '暗号' AND term < '暗号\uffff'").all(),
    ).toEqual([{ term: '暗号\n' }]);
    // A title hit ranks above a text hit.
    control.run(9, 'B.1', 2, '別件', 'Other', JSON.stringify({ description: { ja: '鍵管理の手順' } }), 'z', 0);
    db.prepare('INSERT INTO controls_fts (rowid, head, body) VALUES (9, ?, ?)').run(
      'b.1\n別件\nother\n\n',
      '鍵管理の手順\n\n',
    );
    expect(
      db.prepare('SELECT rowid FROM controls_fts WHERE controls_fts MATCH \'"鍵管理"\' ORDER BY rank').all(),
    ).toEqual([{ rowid: 7 }, { rowid: 9 }]);
    for (const t of ['progress_counts', 'file_stamps'])
      expect(db.prepare('SELECT 1 FROM sqlite_schema WHERE name = ?').get(t)).toBeTruthy();
  });

  it('keeps every assessment’s progress equal to a recount through saves, batches, undo, other writers and profile changes', async () => {
    const rt = await freshRuntime();
    const ctx = rt.ctx;
    const a = await call(ctx, 'assessments.create', { name: 'p', catalog: 'pci-dss@4.0.1' });
    const b = await call(ctx, 'assessments.create', { name: 'q', catalog: 'pci-dss@4.0.1', profile: 'saq-a' });
    const same = async (id: string) => {
      const shown = (await call(ctx, 'assessments.get', { id })).progress;
      const counted = [...countPartProgress(ctx, id).values()].reduce(
        (s, p) => ({ answered: s.answered + p.answered, total: s.total + p.total }),
        { answered: 0, total: 0 },
      );
      expect(shown).toEqual(counted);
      return shown;
    };
    expect(await same(a.id)).toEqual({ answered: 0, total: 280 });
    expect(await same(b.id)).toEqual({ answered: 0, total: 27 });

    const keys = (await call(ctx, 'assessments.get', { id: a.id })).controls
      .filter((c) => c.assessable)
      .map((c) => c.controlId);
    for (const k of keys.slice(0, 10))
      expect(
        (await call(ctx, 'answers.set', { assessmentId: a.id, controlKey: k, value: 'in_place' })).progress.answered,
      ).toBeGreaterThan(0);
    expect(await same(a.id)).toEqual({ answered: 10, total: 280 });
    // A comment alone changes no count; clearing a value does.
    await call(ctx, 'answers.set', { assessmentId: a.id, controlKey: keys[0]!, comment: 'x' });
    const cleared = await call(ctx, 'answers.set', { assessmentId: a.id, controlKey: keys[1]!, value: null });
    expect(cleared.progress).toEqual({ answered: 9, total: 280 });
    const batch = await call(ctx, 'answers.batch', {
      assessmentId: a.id,
      controlKeys: keys.slice(20, 25),
      value: 'not_in_place',
    });
    expect(batch.progress).toEqual({ answered: 14, total: 280 });
    expect((await call(ctx, 'answers.undo', { assessmentId: a.id })).progress).toEqual({ answered: 9, total: 280 });
    expect(await same(a.id)).toEqual({ answered: 9, total: 280 });

    // Another writer (SQL straight into answers, as an import or a merge might) is counted by the triggers.
    ctx.db.prepare('UPDATE answers SET value = NULL WHERE assessment_id = ?').run(a.id);
    expect(await same(a.id)).toEqual({ answered: 0, total: 280 });

    // An answer on a control outside the SAQ A profile does not count; the profile change recounts.
    await call(ctx, 'answers.set', { assessmentId: b.id, controlKey: '12.8.1', value: 'in_place' });
    expect(await same(b.id)).toEqual({ answered: 1, total: 27 });
    ctx.db.prepare('UPDATE assessment_catalogs SET profile = NULL WHERE assessment_id = ?').run(b.id);
    expect(await same(b.id)).toEqual({ answered: 1, total: 280 });

    // A control withdrawn from the catalog leaves the count (the catalog's rows are recounted).
    const row = (
      ctx.db.prepare('SELECT control_row FROM answers WHERE assessment_id = ? AND value IS NOT NULL').get(b.id) as {
        control_row: number;
      }
    ).control_row;
    ctx.db.prepare('UPDATE controls SET withdrawn = 1 WHERE id = ?').run(row);
    expect(await same(b.id)).toEqual({ answered: 0, total: 279 });
    expect(await same(a.id)).toEqual({ answered: 0, total: 279 });
  });
});
