import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CatalogDiagnostic } from '../../core/catalog/diagnostics';
import { parseMappingText } from '../../core/catalog/parse';
import type { Db } from '../db/connection';
import { loadedStamps, recordStamp, sameStamp, stampOf } from './file-stamps';

export type MappingOutcome = { file: string; status: 'unchanged' | 'loaded' } | { file: string; status: 'invalid'; errors: CatalogDiagnostic[] };

/**
 * Loads catalogs/mappings/*.yaml into the workspace (one transaction per file; an unchanged file costs one
 * SELECT). Mappings are data that drive answer suggestions; they never change answers by themselves.
 */
export function loadMappings(db: Db, catalogsDir: string, now: string): MappingOutcome[] {
  const dir = join(catalogsDir, 'mappings');
  if (!existsSync(dir)) return [];
  const loaded = loadedStamps<{ file: string; size: number; mtime_ns: string }>(
    db,
    'SELECT s.file, s.size, s.mtime_ns FROM file_stamps s WHERE EXISTS (SELECT 1 FROM mapping_sets m WHERE m.content_hash = s.content_hash)',
  );
  return readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort().map((name): MappingOutcome => {
    const file = `catalogs/mappings/${name}`;
    const stamp = stampOf(join(dir, name), file);
    if (sameStamp(loaded.get(file), stamp)) return { file, status: 'unchanged' };
    const text = readFileSync(join(dir, name), 'utf8');
    const hash = createHash('sha256').update(text).digest('hex');
    if (db.prepare('SELECT 1 FROM mapping_sets WHERE content_hash = ?').get(hash)) {
      recordStamp(db, stamp, hash);
      return { file, status: 'unchanged' };
    }
    const parsed = parseMappingText(text);
    if (!parsed.ok) return { file, status: 'invalid', errors: parsed.errors };
    const m = parsed.value;
    const known = db.prepare('SELECT id, content_hash FROM mapping_sets WHERE mapping_id = ?').get(m.id) as { id: number; content_hash: string } | undefined;
    db.transaction(() => {
      if (known) db.prepare('DELETE FROM mapping_sets WHERE id = ?').run(known.id);
      const { links: _links, ...doc } = m;
      const row = Number(db.prepare(`INSERT INTO mapping_sets (mapping_id, source_catalog_id, source_version, target_catalog_id, target_version, document, content_hash, loaded_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(m.id, m.source.catalog, m.source.version, m.target.catalog, m.target.version, JSON.stringify(doc), hash, now).lastInsertRowid);
      const insert = db.prepare('INSERT OR IGNORE INTO mapping_links (set_row, source_control_id, target_control_id, relation, rationale_ja, rationale_en) VALUES (?, ?, ?, ?, ?, ?)');
      for (const l of m.links) insert.run(row, l.source, l.target, l.relation, l.rationale.ja, l.rationale.en);
    }).immediate();
    recordStamp(db, stamp, hash);
    return { file, status: 'loaded' };
  });
}
