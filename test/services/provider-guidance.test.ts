import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { call } from '../../src/main/api/dispatch';
import { parseCatalogText } from '../../src/core/catalog/parse';
import { flattenCatalog } from '../../src/core/catalog/flatten';
import { freshRuntime } from '../support/workspace';

const METI = join(__dirname, '../../catalogs/meti-cloud-2013/2013.yaml');

describe('provider guidance (what a cloud user asks of or confirms with its provider)', () => {
  it('is in every METI 2013 control, apart from the user-side guidance, and survives parsing and flattening', () => {
    const r = parseCatalogText(readFileSync(METI, 'utf8'));
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const leaves = flattenCatalog(r.value).filter((n) => n.assessable);
    expect(leaves).toHaveLength(133);
    for (const n of leaves) {
      expect(n.node.provider_guidance?.ja, n.controlId).toBeTruthy();
      expect(n.node.provider_guidance?.en, n.controlId).toBeTruthy();
      expect(n.node.guidance?.ja ?? '', n.controlId).not.toContain(n.node.provider_guidance?.ja ?? '∅');
    }
  });

  it('reaches the control detail the API returns, and is null for a catalog without it', async () => {
    const rt = await freshRuntime();
    const a = await call(rt.ctx, 'assessments.create', {
      name: '利用者点検',
      catalog: 'meti-cloud-2013',
      organization: 'サンプル株式会社',
      additionalCatalogs: [{ catalog: 'ismap' }],
    });
    const meti = await call(rt.ctx, 'assessments.get', { id: a.id });
    const c = meti.controls.find((x) => x.controlId === '5.1.1');
    expect(c?.providerGuidance?.ja).toContain('事業者');
    expect(c?.providerGuidance?.en).toMatch(/provider/);
    expect(c?.guidance?.en).not.toContain(c?.providerGuidance?.en ?? '∅');
    const ismap = await call(rt.ctx, 'assessments.get', { id: a.id, catalog: 'ismap' });
    expect(ismap.controls.find((x) => x.controlId === '5.1.1')?.providerGuidance).toBeNull();
  });

  it('is found by the catalog search, with the matching text in the snippet', async () => {
    const rt = await freshRuntime();
    // Words that appear only in the provider guidance of METI 10.8.3.
    const hits = await call(rt.ctx, 'catalogs.search', { query: '媒体受入れサービス' });
    expect(hits.map((h) => [h.catalogId, h.controlId])).toEqual([['meti-cloud-2013', '10.8.3']]);
    expect(hits[0]?.snippet.ja).toContain('媒体受入れサービス');
  });
});
