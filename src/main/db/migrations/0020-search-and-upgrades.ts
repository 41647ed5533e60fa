import type { Migration } from './types';

// Frozen copy of the search text as it was when this migration was written (2026-11): a migration must give the
// same result forever, whatever the live code (src/core/catalog/search-text.ts) later indexes. The catalog loader
// re-indexes every catalog with the live rule at start anyway.
type Texts = { ja?: string | undefined; en?: string | undefined } | undefined;
function searchText0020(n: {
  controlId: string;
  title: { ja: string; en: string };
  description?: Texts;
  guidance?: Texts;
}): string {
  return [n.controlId, n.title.ja, n.title.en, n.description?.ja, n.description?.en, n.guidance?.ja, n.guidance?.en]
    .filter(Boolean)
    .join('\n')
    .normalize('NFKC')
    .toLowerCase();
}

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
    for (const c of db.prepare('SELECT id, control_id, title_ja, title_en, body FROM controls').all() as {
      id: number;
      control_id: string;
      title_ja: string;
      title_en: string;
      body: string;
    }[]) {
      const body = JSON.parse(c.body) as {
        description?: { ja?: string; en?: string };
        guidance?: { ja?: string; en?: string };
      };
      insert.run(
        c.id,
        searchText0020({
          controlId: c.control_id,
          title: { ja: c.title_ja, en: c.title_en },
          description: body.description,
          guidance: body.guidance,
        }),
      );
    }
  },
};
