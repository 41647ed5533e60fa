import { describe, expect, it } from 'vitest';
import { call } from '../../src/main/api/dispatch';
import { flattenCatalog } from '../../src/core/catalog/flatten';
import { catalogDocumentFromDb } from '../../src/main/catalogs/document';
import { resolveCatalogRef } from '../../src/main/catalogs/catalogs';
import { freshRuntime } from '../support/workspace';

describe('PCI DSS assessed by SAQ', () => {
  it('an SAQ A assessment has only the SAQ A items to assess, and its progress counts those', async () => {
    const rt = await freshRuntime();
    const full = await call(rt.ctx, 'assessments.create', { name: 'full', catalog: 'pci-dss@4.0.1' });
    const saqA = await call(rt.ctx, 'assessments.create', { name: 'EC', catalog: 'pci-dss@4.0.1', profile: 'saq-a' });
    expect(full.progress.total).toBe(280);
    expect(saqA.progress.total).toBe(27);

    const d = await call(rt.ctx, 'assessments.get', { id: saqA.id });
    const assessable = d.controls.filter((c) => c.assessable && c.applicable).map((c) => c.controlId);
    expect(assessable).toHaveLength(27);
    expect(assessable).toEqual(expect.arrayContaining(['2.2.2', '8.3.1', '9.4.1.1', '11.3.2', '12.8.1', '12.10.1']));
    // The January 2025 revision of SAQ A no longer asks for the payment-page script controls.
    for (const gone of ['6.4.3', '11.6.1', '12.3.1', '1.2.1']) expect(assessable).not.toContain(gone);
    // Requirement and group headings above an SAQ item stay, those with nothing for SAQ A go.
    const shown = new Set(d.controls.filter((c) => c.applicable).map((c) => c.controlId));
    expect(shown.has('12.8')).toBe(true);
    expect(shown.has('1')).toBe(false);

    await call(rt.ctx, 'answers.set', { assessmentId: saqA.id, controlKey: '12.8.1', value: 'in_place' });
    expect((await call(rt.ctx, 'assessments.get', { id: saqA.id })).progress).toEqual({ answered: 1, total: 27 });
  });

  it('SAQ P2PE counts 3.3.1.2 without its parent 3.3.1, and SAQ D for Merchants all of 1–12 and A2 but not A1 or A3', async () => {
    const rt = await freshRuntime();
    const p2pe = await call(rt.ctx, 'assessments.get', {
      id: (await call(rt.ctx, 'assessments.create', { name: 'p', catalog: 'pci-dss@4.0.1', profile: 'saq-p2pe' })).id,
    });
    const applicable = new Set(p2pe.controls.filter((c) => c.applicable).map((c) => c.controlId));
    expect(p2pe.progress.total).toBe(22);
    expect(applicable.has('3.3.1.2')).toBe(true);
    expect(applicable.has('3.3.1')).toBe(false);
    const dm = await call(rt.ctx, 'assessments.create', {
      name: 'd',
      catalog: 'pci-dss@4.0.1',
      profile: 'saq-d-merchant',
    });
    const dsp = await call(rt.ctx, 'assessments.create', {
      name: 's',
      catalog: 'pci-dss@4.0.1',
      profile: 'saq-d-service-provider',
    });
    expect([dm.progress.total, dsp.progress.total]).toEqual([253, 260]);
  });

  it('exports the catalog with its profile lists and node markers as written, so it loads back to the same applicability', async () => {
    const rt = await freshRuntime();
    const ref = resolveCatalogRef(rt.ctx, 'pci-dss@4.0.1');
    const doc = catalogDocumentFromDb(rt.ctx, ref);
    expect(doc.profiles?.find((p) => p.id === 'saq-a')?.controls).toHaveLength(27);
    const rebuilt = flattenCatalog(doc);
    expect(rebuilt.every((n) => n.node.profiles === undefined)).toBe(true);
    const stored = rt.ctx.db
      .prepare('SELECT control_id, body FROM controls WHERE catalog_row = ? ORDER BY position')
      .all(ref) as { control_id: string; body: string }[];
    expect(rebuilt.map((n) => [n.controlId, n.profiles])).toEqual(
      stored.map((s) => [s.control_id, (JSON.parse(s.body) as { profiles: string[] }).profiles]),
    );
  });
});
