import type { Migration } from './types';

/**
 * Periods and housekeeping (#15 part 7), in one step:
 * - assessments: where an assessment was carried forward from, when it was archived or moved to the trash (both
 *   null = in the home list), and the free-text overall comment (総評) printed in the report;
 * - answers: the carried-forward mark (cleared when the user confirms or changes the answer), a finding's severity,
 *   and the six fields of a PCI DSS compensating-control worksheet;
 * - evidence: an optional valid-until date, and the date a carried file was first added (null = added here);
 * - what each carry forward did (the controls whose text changed), kept for review as upgrades are.
 */
export const m0090Periods: Migration = {
  version: 90,
  name: 'periods',
  up(db) {
    db.exec(`
      ALTER TABLE assessments ADD COLUMN carried_from TEXT;
      ALTER TABLE assessments ADD COLUMN archived_at TEXT;
      ALTER TABLE assessments ADD COLUMN trashed_at TEXT;
      ALTER TABLE assessments ADD COLUMN overall_comment TEXT NOT NULL DEFAULT '';
      ALTER TABLE answers ADD COLUMN carried_forward INTEGER NOT NULL DEFAULT 0 CHECK (carried_forward IN (0, 1));
      ALTER TABLE answers ADD COLUMN severity TEXT CHECK (severity IN ('high', 'medium', 'low'));
      ALTER TABLE answers ADD COLUMN ccw_constraints TEXT NOT NULL DEFAULT '';
      ALTER TABLE answers ADD COLUMN ccw_objective TEXT NOT NULL DEFAULT '';
      ALTER TABLE answers ADD COLUMN ccw_risk TEXT NOT NULL DEFAULT '';
      ALTER TABLE answers ADD COLUMN ccw_definition TEXT NOT NULL DEFAULT '';
      ALTER TABLE answers ADD COLUMN ccw_validation TEXT NOT NULL DEFAULT '';
      ALTER TABLE answers ADD COLUMN ccw_maintenance TEXT NOT NULL DEFAULT '';
      ALTER TABLE evidence ADD COLUMN valid_until TEXT CHECK (valid_until IS NULL OR valid_until GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');
      ALTER TABLE evidence ADD COLUMN first_added_at TEXT;
      CREATE TABLE assessment_carry_forwards (
        assessment_id TEXT PRIMARY KEY REFERENCES assessments(id) ON DELETE CASCADE,
        source_id TEXT NOT NULL,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        report TEXT NOT NULL
      ) STRICT;
      CREATE INDEX assessments_shelved ON assessments (trashed_at, archived_at);
    `);
  },
};
