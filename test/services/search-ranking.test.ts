import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { call } from '../../src/main/api/dispatch';
import { loadCatalogText } from '../../src/main/catalogs/loader';
import { searchCatalogs } from '../../src/main/catalogs/search';
import { normalizeSearchText } from '../../src/core/catalog/search-text';
import { freshRuntime } from '../support/workspace';

const mini = readFileSync(join(__dirname, '../fixtures/catalogs/mini.yaml'), 'utf8');

/** The mini catalog under another ID, with one control whose text ends in the one- and two-character terms 鍵 and 暗号. */
const endsInShortTerms = mini
  .replace(/^id: mini$/m, 'id: mini-short')
  .replace(
    'title: { ja: 鍵管理, en: Key management }',
    'title: { ja: 鍵管理, en: Key management }\n        description: { ja: 管理するのは暗号鍵, en: Kept apart from 暗号 }',
  );

describe('catalog search through the index', () => {
  it('finds one- and two-character terms exactly where a scan of the texts does, also at the very end of a text', async () => {
    const rt = await freshRuntime();
    loadCatalogText(rt.ctx.db, endsInShortTerms, 'mini-short', 'imported', '2026-12-03T00:00:00.000Z');
    const texts = rt.ctx.db
      .prepare(
        'SELECT k.id, c.catalog_id, k.control_id, f.head || f.body AS text FROM controls_fts f JOIN controls k ON k.id = f.rowid JOIN catalogs c ON c.id = k.catalog_row WHERE k.withdrawn = 0',
      )
      .all() as { catalog_id: string; control_id: string; text: string }[];
    for (const q of ['暗号', '鍵', '号', 'ア', 'key', 'ke', 'k', '9.', '暗号 鍵', 'ＫＥ']) {
      const want = texts
        .filter((t) =>
          normalizeSearchText(q)
            .split(' ')
            .every((s) => t.text.includes(s)),
        )
        .map((t) => `${t.catalog_id}/${t.control_id}`)
        .sort();
      // The service itself, past the API's limit of 500, to compare whole result sets.
      const got = searchCatalogs(rt.ctx, q, 10_000)
        .map((h) => `${h.catalogId}/${h.controlId}`)
        .sort();
      expect(got, q).toEqual(want);
    }
    const endHits = searchCatalogs(rt.ctx, '暗号', 10_000).filter((h) => h.catalogId === 'mini-short');
    expect(endHits.map((h) => h.controlId).sort()).toEqual(['2', '2.1']);
    expect(await call(rt.ctx, 'catalogs.search', { query: '鍵 zz' })).toEqual([]);
  });

  it('ranks the control with the searched ID first, then those with the term in their title', async () => {
    const rt = await freshRuntime();
    const byId = await call(rt.ctx, 'catalogs.search', { query: '9.4.2', limit: 50 });
    expect(byId[0]?.controlId).toBe('9.4.2');
    for (const q of ['暗号化', 'encryption', '暗号']) {
      const hits = await call(rt.ctx, 'catalogs.search', { query: q, limit: 500 });
      const inTitle = hits.map((h) => normalizeSearchText(`${h.title.ja} ${h.title.en}`).includes(q));
      expect(inTitle.some(Boolean), q).toBe(true);
      expect(
        inTitle.some((x) => !x),
        q,
      ).toBe(true);
      expect(inTitle[0], q).toBe(true);
      if ([...q].length >= 3) {
        // Every hit with the term in its title comes before every hit without it.
        expect(inTitle.indexOf(false), q).toBeGreaterThan(inTitle.lastIndexOf(true));
      } else {
        // A short term is several index terms whose weights add up, so a text dense in it can pass a title; on the
        // whole the title hits still come first.
        const mean = (want: boolean) =>
          inTitle.reduce((s, x, i) => s + (x === want ? i : 0), 0) / inTitle.filter((x) => x === want).length;
        expect(mean(true), q).toBeLessThan(mean(false));
      }
    }
  });
});

describe('catalog search in pages', () => {
  it('gives the same hits in the same order page by page as in one long list (the screen asks for the next page)', async () => {
    const rt = await freshRuntime();
    for (const q of ['管理', 'access', '暗号', 'ア', '9.4.2']) {
      const whole = searchCatalogs(rt.ctx, q, 500).map((h) => `${h.catalogId}/${h.controlId}`);
      expect(whole.length, q).toBeGreaterThan(0);
      const paged: string[] = [];
      for (let offset = 0; offset < whole.length + 7; offset += 7) {
        const page = await call(rt.ctx, 'catalogs.search', { query: q, limit: 7, offset });
        paged.push(...page.map((h) => `${h.catalogId}/${h.controlId}`));
      }
      expect(paged, q).toEqual(whole);
    }
    await expect(call(rt.ctx, 'catalogs.search', { query: 'x', offset: -1 })).rejects.toMatchObject({
      code: 'bad_input',
    });
  });
});
