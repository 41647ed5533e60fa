import type { Migration } from './types';

/** The first schema: catalogs (versioned) and their controls, organizations, assessments, answers, evidence, audit log. */
export const m0010Initial: Migration = {
  version: 10,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE catalogs (
        id INTEGER PRIMARY KEY,
        catalog_id TEXT NOT NULL,
        version TEXT NOT NULL,
        title_ja TEXT NOT NULL,
        title_en TEXT NOT NULL,
        document TEXT NOT NULL,            -- the validated catalog metadata (JSON, without items)
        origin TEXT NOT NULL CHECK (origin IN ('shipped', 'imported')),
        source_file TEXT,
        content_hash TEXT NOT NULL,        -- sha256 of the file: unchanged file, no work
        loaded_at TEXT NOT NULL,
        UNIQUE (catalog_id, version)
      ) STRICT;

      CREATE TABLE controls (
        id INTEGER PRIMARY KEY,
        catalog_row INTEGER NOT NULL REFERENCES catalogs(id) ON DELETE CASCADE,
        control_id TEXT NOT NULL,          -- as printed in the source (9.4.2.1.B, A3.2.5 …)
        parent_id TEXT,
        depth INTEGER NOT NULL,
        position INTEGER NOT NULL,
        assessable INTEGER NOT NULL CHECK (assessable IN (0, 1)),
        mandatory INTEGER NOT NULL CHECK (mandatory IN (0, 1)),
        title_ja TEXT NOT NULL,
        title_en TEXT NOT NULL,
        body TEXT NOT NULL,                -- description, guidance, evidence, tags, profiles, references (JSON)
        text_hash TEXT NOT NULL,
        withdrawn INTEGER NOT NULL DEFAULT 0 CHECK (withdrawn IN (0, 1)),
        UNIQUE (catalog_row, control_id)
      ) STRICT;
      CREATE INDEX controls_by_catalog ON controls (catalog_row, position);

      CREATE TABLE organizations (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        contact TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE assessments (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        organization_id TEXT REFERENCES organizations(id) ON DELETE RESTRICT,
        catalog_row INTEGER NOT NULL REFERENCES catalogs(id) ON DELETE RESTRICT,
        scope TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'in_review', 'final')),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE answers (
        assessment_id TEXT NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
        control_row INTEGER NOT NULL REFERENCES controls(id) ON DELETE RESTRICT,
        value TEXT,
        comment TEXT NOT NULL DEFAULT '',
        justification TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL,
        revision INTEGER NOT NULL DEFAULT 1,
        PRIMARY KEY (assessment_id, control_row)
      ) STRICT;

      -- Evidence files are content-addressed (deduplicated by SHA-256); one file may back many controls.
      CREATE TABLE evidence_files (
        sha256 TEXT PRIMARY KEY,
        size INTEGER NOT NULL,
        media_type TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE evidence (
        id TEXT PRIMARY KEY,
        assessment_id TEXT NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
        sha256 TEXT NOT NULL REFERENCES evidence_files(sha256) ON DELETE RESTRICT,
        file_name TEXT NOT NULL,
        added_by TEXT NOT NULL,
        added_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE evidence_links (
        evidence_id TEXT NOT NULL REFERENCES evidence(id) ON DELETE CASCADE,
        control_row INTEGER NOT NULL REFERENCES controls(id) ON DELETE RESTRICT,
        PRIMARY KEY (evidence_id, control_row)
      ) STRICT;

      -- Append-only history, chained by hash: each row's hash covers its content and the previous hash.
      CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        assessment_id TEXT,
        entity TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        old_value TEXT,
        new_value TEXT,
        app_version TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      ) STRICT;
      CREATE INDEX audit_by_assessment ON audit_log (assessment_id, seq);
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
    `);
  },
};
