import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/main/db/migrate';
import { MIGRATIONS } from '../../src/main/db/migrations';

const plan = (db: Database.Database, sql: string) =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('x') as { detail: string }[]).map((r) => r.detail).join(' | ');

describe('0120 lookup indexes', () => {
  it("finds an assessment's evidence, a control's answers and links, an organization's assessments by index", () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(
      db,
      MIGRATIONS.filter((m) => m.version <= 110),
    );
    const before = plan(db, 'SELECT id FROM evidence WHERE assessment_id = ?');
    expect(before).toMatch(/^SCAN evidence/);
    migrate(db);
    expect(plan(db, 'SELECT id, file_name, added_at FROM evidence WHERE assessment_id = ?')).toContain(
      'USING INDEX evidence_by_assessment',
    );
    expect(plan(db, 'SELECT 1 FROM answers WHERE control_row = ?')).toContain('answers_by_control');
    expect(plan(db, 'SELECT 1 FROM evidence_links WHERE control_row = ?')).toContain('evidence_links_by_control');
    expect(plan(db, 'SELECT count(*) FROM assessments WHERE organization_id = ?')).toContain(
      'assessments_by_organization',
    );
  });
});
