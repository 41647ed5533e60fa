import type { Migration } from './types';

/**
 * Sign-off of an assessment (who prepared, reviewed and approved it, and when; one row per step, approval only of a
 * final assessment, cleared by reopening) and the report number (one sequence per assessment, raised by each report
 * export).
 */
export const m0070Signoff: Migration = {
  version: 70,
  name: 'signoff',
  up(db) {
    db.exec(`
      CREATE TABLE assessment_signoffs (
        assessment_id TEXT NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
        step TEXT NOT NULL CHECK (step IN ('prepared', 'reviewed', 'approved')),
        name TEXT NOT NULL CHECK (length(name) > 0),
        role TEXT NOT NULL DEFAULT '',
        signed_at TEXT NOT NULL,
        PRIMARY KEY (assessment_id, step)
      ) STRICT;
      ALTER TABLE assessments ADD COLUMN report_number INTEGER NOT NULL DEFAULT 0 CHECK (report_number >= 0);
    `);
  },
};
