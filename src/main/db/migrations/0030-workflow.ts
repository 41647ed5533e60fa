import type { Migration } from './types';

/**
 * The answering workflow: per-answer owner, due date, remediation and review flag; assessment assessors,
 * period and applicability profile; cross-catalog mappings (loaded from catalogs/mappings) for suggestions.
 */
export const m0030Workflow: Migration = {
  version: 30,
  name: 'workflow',
  up(db) {
    db.exec(`
      ALTER TABLE answers ADD COLUMN owner TEXT NOT NULL DEFAULT '';
      ALTER TABLE answers ADD COLUMN due_date TEXT;
      ALTER TABLE answers ADD COLUMN remediation TEXT NOT NULL DEFAULT '';
      ALTER TABLE answers ADD COLUMN marked_for_review INTEGER NOT NULL DEFAULT 0 CHECK (marked_for_review IN (0, 1));

      ALTER TABLE assessments ADD COLUMN assessors TEXT NOT NULL DEFAULT '';
      ALTER TABLE assessments ADD COLUMN period_start TEXT;
      ALTER TABLE assessments ADD COLUMN period_end TEXT;
      ALTER TABLE assessments ADD COLUMN profile TEXT;

      CREATE TABLE mapping_sets (
        id INTEGER PRIMARY KEY,
        mapping_id TEXT NOT NULL UNIQUE,
        source_catalog_id TEXT NOT NULL,
        source_version TEXT NOT NULL,
        target_catalog_id TEXT NOT NULL,
        target_version TEXT NOT NULL,
        document TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        loaded_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE mapping_links (
        set_row INTEGER NOT NULL REFERENCES mapping_sets(id) ON DELETE CASCADE,
        source_control_id TEXT NOT NULL,
        target_control_id TEXT NOT NULL,
        relation TEXT NOT NULL CHECK (relation IN ('equal', 'subset', 'superset', 'intersect')),
        rationale_ja TEXT NOT NULL,
        rationale_en TEXT NOT NULL,
        PRIMARY KEY (set_row, source_control_id, target_control_id)
      ) STRICT;
      CREATE INDEX mapping_links_by_source ON mapping_links (source_control_id);
      CREATE INDEX mapping_links_by_target ON mapping_links (target_control_id);
    `);
  },
};
