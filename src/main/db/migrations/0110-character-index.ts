import type { Migration } from './types';

// Frozen copy of the character list as it was when this migration was written (src/core/catalog/search-columns.ts).
let mark0110: Uint8Array | undefined;
function characters0110(column: string): string {
  mark0110 ??= new Uint8Array(0x110000);
  const mark = mark0110;
  const seen: number[] = [];
  for (let i = 0; i < column.length; i++) {
    let c = column.charCodeAt(i);
    if (c <= 0x20) continue;
    if (c >= 0xd800 && c < 0xdc00) {
      c = column.codePointAt(i) as number;
      if (c > 0xffff) i++;
    }
    if (mark[c] === 0) {
      mark[c] = 1;
      seen.push(c);
    }
  }
  let out = '';
  for (const c of seen) {
    mark[c] = 0;
    out += `${String.fromCodePoint(c)} `;
  }
  return out;
}

/**
 * `controls_fts_chars`: which characters each control's search columns hold (`head` and `body` as in
 * `controls_fts`, each character once, separated by spaces), so that a one-character term — 鍵, 暗 — is one entry of
 * an index instead of every trigram that starts with it (76 for 鍵, read and merged on each search) or a scan of
 * every text. Contentless (the texts are in `controls_fts`) and `detail=column`: only which rows and columns hold a
 * character is kept, a few bytes per character per control. The tokenizer keeps letters, digits, marks,
 * punctuation and symbols alike, each character a token of its own (the spaces), so any character can be searched.
 * It replaces the trigram index's term list (`controls_fts_terms`, 0100), which short terms were looked up in.
 */
export const m0110CharacterIndex: Migration = {
  version: 110,
  name: 'character-index',
  up(db) {
    db.exec(`
      CREATE VIRTUAL TABLE controls_fts_chars USING fts5(head, body,
        tokenize = "unicode61 remove_diacritics 0 categories 'L* N* Co M* P* S*'",
        detail = column, content = '', contentless_delete = 1);
      INSERT INTO controls_fts_chars (controls_fts_chars, rank) VALUES ('rank', 'bm25(10.0, 1.0)');
      DROP TABLE controls_fts_terms;
    `);
    const insert = db.prepare('INSERT INTO controls_fts_chars (rowid, head, body) VALUES (?, ?, ?)');
    for (const r of db.prepare('SELECT rowid, head, body FROM controls_fts').all() as {
      rowid: number;
      head: string;
      body: string;
    }[])
      insert.run(r.rowid, characters0110(r.head), characters0110(r.body));
  },
};
