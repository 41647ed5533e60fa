import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { call } from '../../src/main/api/dispatch';
import { loadCatalogText } from '../../src/main/catalogs/loader';
import { searchCatalogs } from '../../src/main/catalogs/search';
import { normalizeSearchText } from '../../src/core/catalog/search-text';
import { freshRuntime } from '../support/workspace';

const mini = readFileSync(join(__dirname, '../fixtures/catalogs/mini.yaml'), 'utf8');

/** The mini catalog under another ID, with one control (2.1) whose texts end in the one- and two-character terms 鍵 and 暗号. */
const endsInShortTerms = mini
  .replace(/^id: mini$/m, 'id: mini-short')
  .replace(
    'title: { ja: 暗号化の方針, en: Encryption policy }',
    'title: { ja: 暗号化の方針, en: Encryption policy }\n        description: { ja: 管理するのは暗号鍵, en: Kept apart from 暗号 }',
  );

/** The mini catalog under another ID, with one control whose text holds 450 different pairs starting "zq", beside 鍵. */
const commonPair = mini
  .replace(/^id: mini$/m, 'id: mini-pair')
  .replace(
    'title: { ja: 暗号化の方針, en: Encryption policy }',
    `title: { ja: 暗号化の方針, en: Encryption policy }\n        description: { ja: "${Array.from({ length: 450 }, (_, i) => `zq${String.fromCodePoint(0x4e00 + i)}`).join(' ')}" }`,
  );

const allTexts = (rt: Awaited<ReturnType<typeof freshRuntime>>) =>
  rt.ctx.db
    .prepare(
      'SELECT k.id, c.catalog_id, k.control_id, f.head || f.body AS text FROM controls_fts f JOIN controls k ON k.id = f.rowid JOIN catalogs c ON c.id = k.catalog_row WHERE k.withdrawn = 0',
    )
    .all() as { catalog_id: string; control_id: string; text: string }[];

/** Every query finds exactly the controls whose texts (as indexed) contain each of its terms. */
function sameAsScan(rt: Awaited<ReturnType<typeof freshRuntime>>, queries: string[]) {
  const texts = allTexts(rt);
  for (const q of queries) {
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
}

describe('catalog search through the index', () => {
  it('finds one- and two-character terms exactly where a scan of the texts does, also at the very end of a text', async () => {
    const rt = await freshRuntime();
    loadCatalogText(rt.ctx.db, endsInShortTerms, 'mini-short', 'imported', '2026-12-03T00:00:00.000Z');
    loadCatalogText(rt.ctx.db, commonPair, 'mini-pair', 'imported', '2026-12-03T00:00:00.000Z');
    // "zq" alone, with a character, with a longer term: a pair filters the hits of either index.
    sameAsScan(rt, [
      ...['暗号', '鍵', '号', 'ア', 'key', 'ke', 'k', '9.', '暗号 鍵', 'ＫＥ', '鍵 暗号化', '鍵 管 k', '。', '%'],
      ...['zq', 'zq 鍵', 'zq 暗号化', 'zq 丁'],
      // Characters the index keeps no entry for (a zero-width space, a control character).
      ...['\u200b', '鍵\u200b', '\u0007 暗号'],
    ]);
    const endHits = searchCatalogs(rt.ctx, '暗号', 10_000).filter((h) => h.catalogId === 'mini-short');
    expect(endHits.map((h) => h.controlId).sort()).toEqual(['2', '2.1']);
    expect(await call(rt.ctx, 'catalogs.search', { query: '鍵 zz' })).toEqual([]);
  });

  it('follows a catalog updated in place: a character gone from a text, a control gone, are no longer found', async () => {
    const rt = await freshRuntime();
    loadCatalogText(rt.ctx.db, endsInShortTerms, 'mini-short', 'imported', '2026-12-03T00:00:00.000Z');
    expect(searchCatalogs(rt.ctx, '鍵', 500).filter((h) => h.catalogId === 'mini-short').length).toBe(1);
    const changed = endsInShortTerms
      .replace('管理するのは暗号鍵', '管理するのは暗号錠')
      .replace(/\n {6}- id: "1\.2"\n {8}title: \{ ja: 方針の見直し, en: Review the policy \}/, '');
    expect(changed).not.toContain('方針の見直し');
    expect(loadCatalogText(rt.ctx.db, changed, 'mini-short', 'imported', '2026-12-04T00:00:00.000Z').status).toBe(
      'updated',
    );
    sameAsScan(rt, ['鍵', '錠', '見', '直', '暗号']);
    const inMini = (q: string) =>
      searchCatalogs(rt.ctx, q, 500)
        .filter((h) => h.catalogId === 'mini-short')
        .map((h) => h.controlId);
    expect(inMini('錠')).toEqual(['2.1']);
    expect(inMini('鍵')).toEqual([]);
    expect(inMini('直')).toEqual([]);
  });

  it('ranks the control with the searched ID first, then those with the term in their title', async () => {
    const rt = await freshRuntime();
    const byId = await call(rt.ctx, 'catalogs.search', { query: '9.4.2', limit: 50 });
    expect(byId[0]?.controlId).toBe('9.4.2');
    for (const q of ['暗号化', 'encryption', '暗号', '鍵']) {
      const hits = await call(rt.ctx, 'catalogs.search', { query: q, limit: 500 });
      const inTitle = hits.map((h) => normalizeSearchText(`${h.title.ja} ${h.title.en}`).includes(q));
      expect(inTitle.some(Boolean), q).toBe(true);
      expect(
        inTitle.some((x) => !x),
        q,
      ).toBe(true);
      expect(inTitle[0], q).toBe(true);
      // Every hit with the term in its title comes before every hit without it.
      expect(inTitle.indexOf(false), q).toBeGreaterThan(inTitle.lastIndexOf(true));
    }
  });
});

describe('search snippets', () => {
  it('show the text around the match, whitespace collapsed, with … where text was left out', async () => {
    const rt = await freshRuntime();
    const long = `${'あ'.repeat(50)}  \\n  前文 鍵管理の手順  本文${'い'.repeat(100)}`;
    const text = mini
      .replace(/^id: mini$/m, 'id: mini-snippet')
      .replace(
        'title: { ja: 方針の策定, en: Write a policy }\n        description: { ja: 方針を文書化する。, en: Document the policy. }',
        `title: { ja: 方針の策定, en: Write a policy }\n        description: { ja: "${long}", en: "  \\n Several   spaces " }`,
      );
    expect(text).toContain('前文');
    loadCatalogText(rt.ctx.db, text, 'mini-snippet', 'imported', '2026-12-03T00:00:00.000Z');
    const hit = searchCatalogs(rt.ctx, '鍵管理の手順', 10).find((h) => h.catalogId === 'mini-snippet');
    expect(hit?.snippet).toEqual({
      ja: `…${'あ'.repeat(26)} 前文 鍵管理の手順 本文${'い'.repeat(61)}…`,
      en: 'Several spaces',
    });
    // A match at the very start, a text shorter than the window: nothing left out, no ….
    const start = searchCatalogs(rt.ctx, 'several', 10).find((h) => h.catalogId === 'mini-snippet');
    expect(start?.snippet.en).toBe('Several spaces');
    expect(start?.snippet.ja).toBe(`${'あ'.repeat(50)} 前文 鍵管理の手順 本文${'い'.repeat(100)}`.slice(0, 100) + '…');
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
