import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { searchCharacters } from '../../src/core/catalog/search-columns';
import { migrate } from '../../src/main/db/migrate';
import { MIGRATIONS } from '../../src/main/db/migrations';

describe('0110 character index', () => {
  it('indexes the characters of every searchable control, head apart from body, and ranks a title hit first', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(
      db,
      MIGRATIONS.filter((m) => m.version <= 100),
    );
    db.prepare(
      "INSERT INTO catalogs (id, catalog_id, version, title_ja, title_en, document, origin, content_hash, loaded_at) VALUES (1, 'c', '1', 't', 't', '{}', 'shipped', 'h', 't')",
    ).run();
    const fts = db.prepare('INSERT INTO controls_fts (rowid, head, body) VALUES (?, ?, ?)');
    fts.run(7, 'a.1\n鍵管理\nkey management\n\n', '鍵と暗号\nkeys 𠮷\n\n');
    fts.run(9, 'b.1\n別件\nother\n\n', '鍵管理の手順。\n\n');
    migrate(db);
    const hits = (q: string) =>
      (
        db.prepare('SELECT rowid FROM controls_fts_chars WHERE controls_fts_chars MATCH ? ORDER BY rank').all(q) as {
          rowid: number;
        }[]
      ).map((r) => r.rowid);
    expect(hits('"鍵"')).toEqual([7, 9]);
    expect(hits('{head} : "鍵"')).toEqual([7]);
    expect(hits('"号"')).toEqual([7]);
    // A character outside the BMP, punctuation and a letter are characters like any other; a space is none.
    expect(hits('"𠮷"')).toEqual([7]);
    expect(hits('"。"')).toEqual([9]);
    expect(hits('{head} : "k"')).toEqual([7]);
    expect(hits('"件" AND "手"')).toEqual([9]);
    expect(hits('"x"')).toEqual([]);
    // The trigram term list it replaces is gone.
    expect(db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'controls_fts_terms'").get()).toBeUndefined();
    // The migration's frozen copy of the character list and the live one agree.
    expect(searchCharacters('鍵と暗号\nkeys 𠮷\n\n')).toBe('鍵 と 暗 号 k e y s 𠮷 ');
  });
});
