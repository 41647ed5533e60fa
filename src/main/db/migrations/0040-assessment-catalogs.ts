import type { Migration } from './types';

/**
 * An assessment over one or several catalogs (an ISMAP + PCI DSS engagement is one piece of work for one client):
 * each catalog is a part with its own applicability profile. Existing assessments become one-part assessments;
 * `assessments.catalog_row` stays as the first part's catalog. Ignored suggestions are kept per assessment.
 */
export const m0040AssessmentCatalogs: Migration = {
  version: 40,
  name: 'assessment-catalogs',
  up(db) {
    db.exec(`
      CREATE TABLE assessment_catalogs (
        assessment_id TEXT NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
        position INTEGER NOT NULL CHECK (position >= 0),
        catalog_row INTEGER NOT NULL REFERENCES catalogs(id) ON DELETE RESTRICT,
        profile TEXT,
        PRIMARY KEY (assessment_id, position),
        UNIQUE (assessment_id, catalog_row)
      ) STRICT;
      CREATE INDEX assessment_catalogs_by_catalog ON assessment_catalogs (catalog_row);
      INSERT INTO assessment_catalogs (assessment_id, position, catalog_row, profile) SELECT id, 0, catalog_row, profile FROM assessments;

      CREATE TABLE suggestion_dismissals (
        assessment_id TEXT NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
        control_key TEXT NOT NULL,
        source_assessment_id TEXT NOT NULL,
        source_key TEXT NOT NULL,
        dismissed_by TEXT NOT NULL,
        dismissed_at TEXT NOT NULL,
        PRIMARY KEY (assessment_id, control_key, source_assessment_id, source_key)
      ) STRICT;
    `);
  },
};
