import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/main/db/migrate';
import { MIGRATIONS } from '../../src/main/db/migrations';

// The test of migration 0090 (kept in its own file so that branches adding migrations merge without conflict).
describe('0090 periods', () => {
  it('keeps existing assessments, answers and evidence: in the home list, unmarked, with no validity date', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(
      db,
      MIGRATIONS.filter((m) => m.version < 90),
    );
    db.prepare(
      "INSERT INTO catalogs (id, catalog_id, version, title_ja, title_en, document, origin, content_hash, loaded_at) VALUES (1, 'c', '1', 't', 't', '{}', 'shipped', 'h', 't')",
    ).run();
    db.prepare(
      `INSERT INTO controls (id, catalog_row, control_id, depth, position, assessable, mandatory, title_ja, title_en, body, text_hash) VALUES (7, 1, '1.1', 0, 0, 1, 1, 'a', 'a', '{}', 'x')`,
    ).run();
    db.prepare(
      "INSERT INTO assessments (id, name, catalog_row, created_at, updated_at) VALUES ('a', 'n', 1, 't', 't')",
    ).run();
    db.prepare("INSERT INTO assessment_catalogs (assessment_id, position, catalog_row) VALUES ('a', 0, 1)").run();
    db.prepare(
      "INSERT INTO answers (assessment_id, control_row, value, updated_at, updated_by) VALUES ('a', 7, 'in_place', 't', 'u')",
    ).run();
    db.prepare(
      "INSERT INTO evidence_files (sha256, size, media_type, created_at) VALUES ('s', 1, 'text/plain', 't')",
    ).run();
    db.prepare(
      "INSERT INTO evidence (id, assessment_id, sha256, file_name, added_by, added_at) VALUES ('e', 'a', 's', 'f.txt', 'u', 't')",
    ).run();
    migrate(db, MIGRATIONS);
    expect(db.prepare('SELECT carried_from, archived_at, trashed_at, overall_comment FROM assessments').get()).toEqual({
      carried_from: null,
      archived_at: null,
      trashed_at: null,
      overall_comment: '',
    });
    expect(db.prepare('SELECT value, carried_forward, severity, ccw_constraints FROM answers').get()).toEqual({
      value: 'in_place',
      carried_forward: 0,
      severity: null,
      ccw_constraints: '',
    });
    expect(db.prepare('SELECT valid_until, first_added_at FROM evidence').get()).toEqual({
      valid_until: null,
      first_added_at: null,
    });
    expect(() => db.prepare("UPDATE answers SET severity = 'critical'").run()).toThrow(/CHECK/);
    expect(() => db.prepare('UPDATE answers SET carried_forward = 2').run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE evidence SET valid_until = '31/12/2026'").run()).toThrow(/CHECK/);
    // Deleting an assessment takes its carry-forward record with it.
    db.prepare("INSERT INTO assessment_carry_forwards VALUES ('a', 'b', 't', 'u', '{}')").run();
    db.prepare("DELETE FROM assessments WHERE id = 'a'").run();
    expect(db.prepare('SELECT count(*) AS n FROM assessment_carry_forwards').get()).toEqual({ n: 0 });
  });
});
