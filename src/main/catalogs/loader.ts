import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { CatalogDiagnostic } from '../../core/catalog/diagnostics';
import { flattenCatalog } from '../../core/catalog/flatten';
import type { CatalogDocument } from '../../core/catalog/format';
import { parseCatalogText } from '../../core/catalog/parse';
import { controlSearchColumns, searchCharacters } from '../../core/catalog/search-columns';
import type { Db } from '../db/connection';
import { loadedStamps, recordStamp, sameStamp, stampOf } from './file-stamps';

export type LoadOutcome =
  | { file: string; status: 'unchanged' | 'added' | 'updated'; catalogId: string; version: string; ref: number }
  | { file: string; status: 'invalid'; errors: CatalogDiagnostic[] };

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** Catalog files under a catalogs/ folder: <id>/<version>.yaml (schema/ and mappings/ are not catalogs). */
export function listCatalogFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name !== 'schema' && name !== 'mappings' && statSync(join(dir, name)).isDirectory())
    .flatMap((name) => readdirSync(join(dir, name)).filter((f) => /\.ya?ml$/.test(f)).map((f) => join(dir, name, f)))
    .sort();
}

/**
 * Loads one catalog file into the workspace in one transaction. Idempotent: an unchanged file (same
 * content hash) costs one SELECT. A changed file of the same version updates texts in place, keyed by the
 * printed control ID, so answers stay attached; a control that disappeared but was answered is kept as withdrawn.
 */
export function loadCatalogText(db: Db, text: string, file: string, origin: 'shipped' | 'imported', now: string): LoadOutcome {
  const hash = sha256(text);
  const known = db.prepare('SELECT id, catalog_id, version, content_hash FROM catalogs WHERE source_file = ? AND content_hash = ?').get(file, hash) as
    | { id: number; catalog_id: string; version: string }
    | undefined;
  if (known) return { file, status: 'unchanged', catalogId: known.catalog_id, version: known.version, ref: known.id };

  const parsed = parseCatalogText(text);
  if (!parsed.ok) return { file, status: 'invalid', errors: parsed.errors };
  return loadCatalogDocument(db, parsed.value, { file, hash, origin, now });
}

/** Loads a validated catalog document (from any importer) in one transaction. */
export function loadCatalogDocument(db: Db, doc: CatalogDocument, src: { file: string; hash: string; origin: 'shipped' | 'imported'; now: string }): LoadOutcome {
  return db.transaction(() => upsertCatalog(db, doc, src)).immediate();
}


/** `label` identifies the file in the workspace (shipped catalogs by their path under catalogs/, so moving the app costs nothing). */
export function loadCatalogFile(db: Db, file: string, origin: 'shipped' | 'imported', now: string, label = file): LoadOutcome {
  return loadCatalogText(db, readFileSync(file, 'utf8'), label, origin, now);
}

function upsertCatalog(db: Db, doc: CatalogDocument, src: { file: string; hash: string; origin: 'shipped' | 'imported'; now: string }): LoadOutcome {
  const { items: _items, ...meta } = doc;
  const existing = db.prepare('SELECT id, content_hash FROM catalogs WHERE catalog_id = ? AND version = ?').get(doc.id, doc.version) as
    | { id: number; content_hash: string }
    | undefined;
  const row = { catalog_id: doc.id, version: doc.version, title_ja: doc.title.ja, title_en: doc.title.en, document: JSON.stringify(meta), origin: src.origin, source_file: src.file, content_hash: src.hash, loaded_at: src.now };
  let ref: number;
  if (existing) {
    ref = existing.id;
    db.prepare(`UPDATE catalogs SET title_ja=@title_ja, title_en=@title_en, document=@document, origin=@origin, source_file=@source_file,
                content_hash=@content_hash, loaded_at=@loaded_at WHERE id=@id`).run({ ...row, id: ref });
  } else {
    ref = Number(db.prepare(`INSERT INTO catalogs (catalog_id, version, title_ja, title_en, document, origin, source_file, content_hash, loaded_at)
                VALUES (@catalog_id, @version, @title_ja, @title_en, @document, @origin, @source_file, @content_hash, @loaded_at)`).run(row).lastInsertRowid);
  }

  const upsert = db.prepare(`INSERT INTO controls (catalog_row, control_id, parent_id, depth, position, assessable, mandatory, title_ja, title_en, body, text_hash, withdrawn)
    VALUES (@catalog_row, @control_id, @parent_id, @depth, @position, @assessable, @mandatory, @title_ja, @title_en, @body, @text_hash, 0)
    ON CONFLICT (catalog_row, control_id) DO UPDATE SET parent_id=excluded.parent_id, depth=excluded.depth, position=excluded.position,
      assessable=excluded.assessable, mandatory=excluded.mandatory, title_ja=excluded.title_ja, title_en=excluded.title_en,
      body=excluded.body, text_hash=excluded.text_hash, withdrawn=0`);
  const nodes = flattenCatalog(doc);
  const rowOf = db.prepare('SELECT id FROM controls WHERE catalog_row = ? AND control_id = ?');
  const ftsDeleteText = db.prepare('DELETE FROM controls_fts WHERE rowid = ?');
  const ftsDeleteChars = db.prepare('DELETE FROM controls_fts_chars WHERE rowid = ?');
  const ftsDelete = (row: number) => {
    ftsDeleteText.run(row);
    ftsDeleteChars.run(row);
  };
  const ftsInsert = db.prepare('INSERT INTO controls_fts (rowid, head, body) VALUES (?, ?, ?)');
  const charsInsert = db.prepare('INSERT INTO controls_fts_chars (rowid, head, body) VALUES (?, ?, ?)');
  // Search rows go in after the control rows: interleaving the two costs about twice as much at 20,000 controls.
  const pending: [number, string, string][] = [];
  for (const n of nodes) {
    const { id: _id, title: _t, items: _i, ...body } = n.node;
    upsert.run({
      catalog_row: ref, control_id: n.controlId, parent_id: n.parentControlId, depth: n.depth, position: n.position,
      assessable: n.assessable ? 1 : 0, mandatory: n.mandatory ? 1 : 0, title_ja: n.node.title.ja, title_en: n.node.title.en,
      body: JSON.stringify({ ...body, profiles: n.profiles, ...(n.markers !== undefined ? { markers: n.markers } : {}) }), text_hash: n.textHash,
    });
    const row = (rowOf.get(ref, n.controlId) as { id: number }).id;
    if (existing) ftsDelete(row);
    const cols = controlSearchColumns({ controlId: n.controlId, title: n.node.title, description: n.node.description, guidance: n.node.guidance, providerGuidance: n.node.provider_guidance });
    pending.push([row, cols.head, cols.body]);
  }
  for (const p of pending) ftsInsert.run(...p);
  for (const [row, head, body] of pending) charsInsert.run(row, searchCharacters(head), searchCharacters(body));
  if (existing) {
    const keep = new Set(nodes.map((n) => n.controlId));
    const stale = (db.prepare('SELECT id, control_id FROM controls WHERE catalog_row = ?').all(ref) as { id: number; control_id: string }[]).filter((c) => !keep.has(c.control_id));
    const used = db.prepare('SELECT 1 FROM answers WHERE control_row = ? UNION SELECT 1 FROM evidence_links WHERE control_row = ? LIMIT 1');
    for (const c of stale) {
      // A withdrawn control is kept for its answers but is no longer found by search.
      if (used.get(c.id, c.id)) {
        db.prepare('UPDATE controls SET withdrawn = 1 WHERE id = ?').run(c.id);
        ftsDelete(c.id);
      } else {
        db.prepare('DELETE FROM controls WHERE id = ?').run(c.id);
        ftsDelete(c.id);
      }
    }
  }
  return { file: src.file, status: existing ? 'updated' : 'added', catalogId: doc.id, version: doc.version, ref };
}

/** Loads every shipped catalog; a broken file is reported and skipped, never fatal for the app. */
export function loadShippedCatalogs(db: Db, catalogsDir: string, now: string): LoadOutcome[] {
  const loaded = loadedStamps<{ file: string; size: number; mtime_ns: string; id: number; catalog_id: string; version: string }>(
    db,
    `SELECT s.file, s.size, s.mtime_ns, c.id, c.catalog_id, c.version FROM file_stamps s
      JOIN catalogs c ON c.source_file = s.file AND c.content_hash = s.content_hash`,
  );
  return listCatalogFiles(catalogsDir).map((file) => {
    const label = `catalogs/${relative(catalogsDir, file).split(sep).join('/')}`;
    // A file already loaded whose stamp (size and mtime) is unchanged costs a stat: no read, no hash, no query.
    const stamp = stampOf(file, label);
    const row = loaded.get(label);
    if (row && sameStamp(row, stamp)) return { file: label, status: 'unchanged', catalogId: row.catalog_id, version: row.version, ref: row.id };
    const text = readFileSync(file, 'utf8');
    const out = loadCatalogText(db, text, label, 'shipped', now);
    if (out.status !== 'invalid') recordStamp(db, stamp, sha256(text));
    return out;
  });
}
