import type { Migration } from './types';

// Frozen copy of which assessable controls count for a part of an assessment (as in src/main/assessments at 2026-12):
// no profile on the part, a control for every profile, or a control listed for the part's profile.
const APPLIES_0100 = (k: string, p: string) =>
  `(${p}.profile IS NULL OR json_extract(${k}.body, '$.profiles') IS NULL OR json_array_length(json_extract(${k}.body, '$.profiles')) = 0
    OR EXISTS (SELECT 1 FROM json_each(${k}.body, '$.profiles') j WHERE j.value = ${p}.profile))`;

/** The answer row `r` (NEW or OLD) counts as answered for its part: a value on an applicable, live, assessable control. */
const COUNTS_0100 = (r: 'NEW' | 'OLD') => `${r}.value IS NOT NULL AND EXISTS (
    SELECT 1 FROM controls k JOIN assessment_catalogs p ON p.assessment_id = ${r}.assessment_id AND p.catalog_row = k.catalog_row
    WHERE k.id = ${r}.control_row AND k.assessable = 1 AND k.withdrawn = 0 AND ${APPLIES_0100('k', 'p')})`;

const bump = (r: 'NEW' | 'OLD', delta: '+ 1' | '- 1') => `UPDATE progress_counts SET answered = answered ${delta}
    WHERE assessment_id = ${r}.assessment_id AND catalog_row = (SELECT catalog_row FROM controls WHERE id = ${r}.control_row)
      AND ${COUNTS_0100(r)};`;

// Frozen copy of the search columns as they were when this migration was written (src/core/catalog/search-columns.ts).
type Texts = { ja?: string; en?: string } | undefined;
const column0100 = (parts: (string | undefined)[]) =>
  `${parts.filter(Boolean).join('\n').normalize('NFKC').toLowerCase()}\n\n`;

/**
 * Speed at a consultant's scale (issue #14 part 4):
 *
 * - `progress_counts`: answered and applicable controls per part of an assessment, so a save reads one row instead
 *   of recounting the catalog. It is a cache: a row is made by the first read that needs it, kept by triggers on
 *   every write to `answers` (whatever service writes it), and dropped whenever what it counts could change (a
 *   catalog's controls, a part's profile or catalog); the next read recounts.
 * - `file_stamps`: the size, modification time and content hash of a catalog or mapping file already loaded, so a
 *   warm start stats the shipped files instead of reading and hashing them.
 * - `controls_fts` in two columns, `head` (printed ID and titles) ranked ten times `body` (the texts) by BM25, each
 *   ending in two newlines so that a one- or two-character term at the very end of a column starts a trigram too;
 *   withdrawn controls are not indexed (search never showed them).
 * - `controls_fts_terms`: the trigram index's own term list (fts5vocab), through which a one- or two-character
 *   term finds its rows in the index (every trigram that starts with it) instead of scanning every text.
 */
export const m0100Speed: Migration = {
  version: 100,
  name: 'speed',
  up(db) {
    db.exec(`
      CREATE TABLE progress_counts (
        assessment_id TEXT NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
        catalog_row INTEGER NOT NULL,
        answered INTEGER NOT NULL CHECK (answered >= 0),
        total INTEGER NOT NULL CHECK (total >= 0),
        PRIMARY KEY (assessment_id, catalog_row)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX progress_counts_by_catalog ON progress_counts (catalog_row);

      CREATE TRIGGER progress_answer_insert AFTER INSERT ON answers WHEN NEW.value IS NOT NULL BEGIN
        ${bump('NEW', '+ 1')}
      END;
      CREATE TRIGGER progress_answer_delete AFTER DELETE ON answers WHEN OLD.value IS NOT NULL BEGIN
        ${bump('OLD', '- 1')}
      END;
      CREATE TRIGGER progress_answer_update AFTER UPDATE OF value, assessment_id, control_row ON answers
        WHEN (OLD.value IS NULL) <> (NEW.value IS NULL) OR OLD.assessment_id IS NOT NEW.assessment_id
          OR OLD.control_row IS NOT NEW.control_row BEGIN
        ${bump('OLD', '- 1')}
        ${bump('NEW', '+ 1')}
      END;

      CREATE TRIGGER progress_control_insert AFTER INSERT ON controls BEGIN
        DELETE FROM progress_counts WHERE catalog_row = NEW.catalog_row;
      END;
      CREATE TRIGGER progress_control_delete AFTER DELETE ON controls BEGIN
        DELETE FROM progress_counts WHERE catalog_row = OLD.catalog_row;
      END;
      CREATE TRIGGER progress_control_update AFTER UPDATE ON controls
        WHEN OLD.assessable IS NOT NEW.assessable OR OLD.withdrawn IS NOT NEW.withdrawn
          OR OLD.catalog_row IS NOT NEW.catalog_row
          OR json_extract(OLD.body, '$.profiles') IS NOT json_extract(NEW.body, '$.profiles') BEGIN
        DELETE FROM progress_counts WHERE catalog_row IN (OLD.catalog_row, NEW.catalog_row);
      END;

      CREATE TRIGGER progress_part_insert AFTER INSERT ON assessment_catalogs BEGIN
        DELETE FROM progress_counts WHERE assessment_id = NEW.assessment_id AND catalog_row = NEW.catalog_row;
      END;
      CREATE TRIGGER progress_part_delete AFTER DELETE ON assessment_catalogs BEGIN
        DELETE FROM progress_counts WHERE assessment_id = OLD.assessment_id AND catalog_row = OLD.catalog_row;
      END;
      CREATE TRIGGER progress_part_update AFTER UPDATE ON assessment_catalogs BEGIN
        DELETE FROM progress_counts WHERE assessment_id IN (OLD.assessment_id, NEW.assessment_id)
          AND catalog_row IN (OLD.catalog_row, NEW.catalog_row);
      END;

      CREATE TABLE file_stamps (
        file TEXT PRIMARY KEY,
        size INTEGER NOT NULL,
        mtime_ns TEXT NOT NULL,
        content_hash TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;

      DROP TABLE controls_fts;
      CREATE VIRTUAL TABLE controls_fts USING fts5(head, body, tokenize = 'trigram');
      INSERT INTO controls_fts (controls_fts, rank) VALUES ('rank', 'bm25(10.0, 1.0)');
      CREATE VIRTUAL TABLE controls_fts_terms USING fts5vocab(controls_fts, 'row');
    `);
    const insert = db.prepare('INSERT INTO controls_fts (rowid, head, body) VALUES (?, ?, ?)');
    // .all(), not .iterate(): better-sqlite3 cannot write while a read statement is still stepping.
    for (const c of db
      .prepare('SELECT id, control_id, title_ja, title_en, body FROM controls WHERE withdrawn = 0')
      .all() as { id: number; control_id: string; title_ja: string; title_en: string; body: string }[]) {
      const body = JSON.parse(c.body) as { description?: Texts; guidance?: Texts; provider_guidance?: Texts };
      insert.run(
        c.id,
        column0100([c.control_id, c.title_ja, c.title_en]),
        column0100([
          body.description?.ja,
          body.description?.en,
          body.guidance?.ja,
          body.guidance?.en,
          body.provider_guidance?.ja,
          body.provider_guidance?.en,
        ]),
      );
    }
  },
};
