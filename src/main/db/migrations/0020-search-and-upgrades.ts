import { controlSearchText } from '../../../core/catalog/search-text';
import type { Migration } from './types';

/**
 * Full-text search over every catalog (FTS5 with the trigram tokenizer, which matches Japanese substrings
 * without a word segmenter), and the record of catalog-version upgrades of assessments.
 */
export const m0020SearchAndUpgrades: Migration = {
  version: 20,
  name: 'search-and-upgrades',
  up(db) {
    db.exec(`
      CREATE VIRTUAL TABLE controls_fts USING fts5(text, tokenize = 'trigram');

      CREATE TABLE assessment_upgrades (
        id INTEGER PRIMARY KEY,
        assessment_id TEXT NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
        from_catalog_row INTEGER NOT NULL REFERENCES catalogs(id) ON DELETE RESTRICT,
        to_catalog_row INTEGER NOT NULL REFERENCES catalogs(id) ON DELETE RESTRICT,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        report TEXT NOT NULL
      ) STRICT;
      CREATE INDEX assessment_upgrades_by_assessment ON assessment_upgrades (assessment_id, id);
    `);
    const insert = db.prepare('INSERT INTO controls_fts (rowid, text) VALUES (?, ?)');
    // .all(), not .iterate(): better-sqlite3 cannot write while a read statement is still stepping.
    for (const c of db.prepare('SELECT id, control_id, title_ja, title_en, body FROM controls').all() as { id: number; control_id: string; title_ja: string; title_en: string; body: string }[]) {
      const body = JSON.parse(c.body) as { description?: { ja?: string; en?: string }; guidance?: { ja?: string; en?: string } };
      insert.run(c.id, controlSearchText({ controlId: c.control_id, title: { ja: c.title_ja, en: c.title_en }, description: body.description, guidance: body.guidance }));
    }
  },
};
