import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { call } from '../../src/main/api/dispatch';
import { verifyAuditChain } from '../../src/main/audit/audit-log';
import { loadCatalogFile } from '../../src/main/catalogs/loader';
import { freshRuntime } from '../support/workspace';

const fixtures = join(__dirname, '../fixtures/catalogs');

async function twoVersions() {
  const rt = await freshRuntime({ catalogsDir: fixtures });
  const now = new Date().toISOString();
  loadCatalogFile(rt.ctx.db, join(fixtures, 'mini.yaml'), 'imported', now);
  loadCatalogFile(rt.ctx.db, join(fixtures, 'mini-2.0.yaml'), 'imported', now);
  return rt;
}

describe('catalog versions', () => {
  it('keeps both versions side by side and lists what changed between them', async () => {
    const rt = await twoVersions();
    expect((await call(rt.ctx, 'catalogs.list', {})).map((c) => `${c.catalogId}@${c.version}`)).toEqual([
      'mini@1.0',
      'mini@2.0',
    ]);
    const d = await call(rt.ctx, 'catalogs.diff', { catalogId: 'mini', from: '1.0', to: '2.0' });
    expect(d.unchanged).toEqual(['1.2']);
    expect(d.changed.map((c) => c.controlId)).toEqual(['1.1']);
    expect(d.removed.map((c) => c.controlId)).toEqual(['2.1']);
    expect(d.added.map((c) => c.controlId)).toEqual(['2.2']);
  });

  it('upgrades an assessment keeping answers exactly where the text is unchanged and listing the rest', async () => {
    const rt = await twoVersions();
    const a = await call(rt.ctx, 'assessments.create', { name: 'x', catalog: 'mini@1.0' });
    await call(rt.ctx, 'answers.set', { assessmentId: a.id, controlKey: '1.1', value: 'yes', comment: '旧規程で確認' });
    await call(rt.ctx, 'answers.set', {
      assessmentId: a.id,
      controlKey: '1.2',
      value: 'no',
      comment: '見直し未実施',
      justification: '',
    });
    await call(rt.ctx, 'answers.set', {
      assessmentId: a.id,
      controlKey: '2.1',
      value: 'na',
      justification: '暗号を使う業務がない',
    });
    const before = (await call(rt.ctx, 'assessments.get', { id: a.id })).answers.find((x) => x.controlId === '1.2');

    const report = await call(rt.ctx, 'assessments.upgrade', { id: a.id, toVersion: '2.0' });
    expect(report.carried).toEqual(['1.2']);
    expect(report.changed).toMatchObject([{ controlId: '1.1', previous: { value: 'yes', comment: '旧規程で確認' } }]);
    expect(report.removed).toMatchObject([
      { controlId: '2.1', previous: { value: 'na', justification: '暗号を使う業務がない' } },
    ]);
    expect(report.added).toMatchObject([{ controlId: '2.2' }]);

    const after = await call(rt.ctx, 'assessments.get', { id: a.id });
    expect(after.catalog.version).toBe('2.0');
    expect(after.answers).toEqual([before]);
    expect(after.progress).toEqual({ answered: 1, total: 3 });
    expect(after.lastUpgrade?.changed[0]?.controlId).toBe('1.1');
    expect(verifyAuditChain(rt.ctx.db).ok).toBe(true);
  });

  it('refuses an upgrade to the same or an unknown version, changing nothing', async () => {
    const rt = await twoVersions();
    const a = await call(rt.ctx, 'assessments.create', { name: 'x', catalog: 'mini@1.0' });
    await expect(call(rt.ctx, 'assessments.upgrade', { id: a.id, toVersion: '1.0' })).rejects.toMatchObject({
      key: 'sameVersion',
    });
    await expect(call(rt.ctx, 'assessments.upgrade', { id: a.id, toVersion: '9.9' })).rejects.toMatchObject({
      key: 'catalogNotFound',
    });
    expect((await call(rt.ctx, 'assessments.get', { id: a.id })).catalog.version).toBe('1.0');
  });
});

describe('catalog search', () => {
  it('finds Japanese substrings of two characters and of three or more across all catalogs', async () => {
    const rt = await freshRuntime();
    const two = await call(rt.ctx, 'catalogs.search', { query: '暗号', limit: 500 });
    const three = await call(rt.ctx, 'catalogs.search', { query: '暗号化', limit: 500 });
    expect(two.length).toBeGreaterThan(three.length);
    expect(three.length).toBeGreaterThan(5);
    expect(new Set(two.map((h) => h.catalogId))).toEqual(expect.objectContaining({ size: expect.any(Number) }));
    expect(two.map((h) => h.catalogId)).toEqual(expect.arrayContaining(['ismap', 'meti-cloud-2013', 'pci-dss']));
    expect(three.filter((h) => h.snippet.ja.includes('暗号化') || h.title.ja.includes('暗号化')).length).toBe(
      three.length,
    );
  });

  it('ignores case and full-width forms, and treats quotes and FTS syntax as plain text', async () => {
    const rt = await freshRuntime();
    const lower = await call(rt.ctx, 'catalogs.search', { query: 'encryption' });
    expect(lower.length).toBeGreaterThan(0);
    expect(await call(rt.ctx, 'catalogs.search', { query: 'ENCRYPTION' })).toEqual(lower);
    expect(await call(rt.ctx, 'catalogs.search', { query: 'ｅｎｃｒｙｐｔｉｏｎ' })).toEqual(lower);
    for (const q of ['"', 'a" OR "b', 'NEAR(x y)', '*', '-- ;'])
      await expect(call(rt.ctx, 'catalogs.search', { query: q })).resolves.toBeInstanceOf(Array);
  });

  it('finds a control by its printed ID', async () => {
    const rt = await freshRuntime();
    const hits = await call(rt.ctx, 'catalogs.search', { query: '9.4.2' });
    expect(hits.some((h) => h.catalogId === 'ismap' && h.controlId === '9.4.2')).toBe(true);
  });
});
