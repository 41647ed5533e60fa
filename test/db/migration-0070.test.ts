import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/main/db/migrate';
import { MIGRATIONS } from '../../src/main/db/migrations';

describe('0070 sign-off and report number', () => {
  it('keeps existing assessments (no sign-off, report number 0) and accepts only the three steps, once each', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(
      db,
      MIGRATIONS.filter((m) => m.version <= 60),
    );
    db.prepare(
      "INSERT INTO catalogs (id, catalog_id, version, title_ja, title_en, document, origin, content_hash, loaded_at) VALUES (1, 'c', '1', 't', 't', '{}', 'shipped', 'h', 't')",
    ).run();
    db.prepare(
      "INSERT INTO assessments (id, name, catalog_row, status, created_at, updated_at) VALUES ('a', 'n', 1, 'final', 't', 't')",
    ).run();
    migrate(
      db,
      MIGRATIONS.filter((m) => m.version <= 70),
    );
    expect(db.prepare('SELECT status, report_number FROM assessments').get()).toEqual({
      status: 'final',
      report_number: 0,
    });
    expect(db.prepare('SELECT count(*) AS n FROM assessment_signoffs').get()).toEqual({ n: 0 });
    const add = db.prepare(
      "INSERT INTO assessment_signoffs (assessment_id, step, name, role, signed_at) VALUES ('a', ?, ?, '', 't')",
    );
    add.run('approved', '山田');
    expect(() => add.run('approved', '佐藤')).toThrow(/UNIQUE|PRIMARY/);
    expect(() => add.run('signed', '佐藤')).toThrow(/CHECK/);
    expect(() => add.run('prepared', '')).toThrow(/CHECK/);
    expect(() => db.prepare('UPDATE assessments SET report_number = -1').run()).toThrow(/CHECK/);
    db.prepare("DELETE FROM assessments WHERE id = 'a'").run();
    expect(db.prepare('SELECT count(*) AS n FROM assessment_signoffs').get()).toEqual({ n: 0 });
  });
});
