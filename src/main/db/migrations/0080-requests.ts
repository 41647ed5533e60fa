import type { Migration } from './types';

/**
 * Distribute and collect (issue #13 part 2). `requests`: what an assessment asked of a respondent (the control keys
 * as a JSON array, the chain head and its last sequence number when it was made, so an answer changed here since
 * can be named). `response_items`, `response_answers`, `response_evidence`: the respondent's side, a request opened
 * in this workspace (its payload as received) with the answers and evidence written for it.
 */
export const m0080Requests: Migration = {
  version: 80,
  name: 'requests',
  up(db) {
    db.exec(`
      CREATE TABLE requests (
        id TEXT PRIMARY KEY,
        assessment_id TEXT NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
        respondent TEXT NOT NULL,
        control_keys TEXT NOT NULL,
        due TEXT,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        chain_head TEXT NOT NULL,
        chain_seq INTEGER NOT NULL,
        state TEXT NOT NULL DEFAULT 'out' CHECK (state IN ('out', 'answered')),
        answered_at TEXT,
        answered_by TEXT
      ) STRICT;
      CREATE INDEX requests_by_assessment ON requests (assessment_id, created_at);

      CREATE TABLE response_items (
        request_id TEXT PRIMARY KEY,
        respondent TEXT NOT NULL,
        assessment_name TEXT NOT NULL,
        payload TEXT NOT NULL,
        opened_at TEXT NOT NULL,
        opened_by TEXT NOT NULL,
        sealed_at TEXT
      ) STRICT;

      CREATE TABLE response_answers (
        request_id TEXT NOT NULL REFERENCES response_items(request_id) ON DELETE CASCADE,
        control_key TEXT NOT NULL,
        fields TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL,
        PRIMARY KEY (request_id, control_key)
      ) STRICT;

      CREATE TABLE response_evidence (
        request_id TEXT NOT NULL REFERENCES response_items(request_id) ON DELETE CASCADE,
        sha256 TEXT NOT NULL REFERENCES evidence_files(sha256) ON DELETE RESTRICT,
        file_name TEXT NOT NULL,
        control_keys TEXT NOT NULL,
        added_at TEXT NOT NULL,
        added_by TEXT NOT NULL,
        PRIMARY KEY (request_id, sha256)
      ) STRICT;
    `);
  },
};
