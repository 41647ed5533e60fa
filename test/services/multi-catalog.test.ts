import { describe, expect, it } from 'vitest';
import { call } from '../../src/main/api/dispatch';
import { verifyAuditChain } from '../../src/main/audit/audit-log';
import { freshRuntime, snapshotTables } from '../support/workspace';

const b64 = (s: string) => Buffer.from(s).toString('base64');

/** One engagement over ISMAP (first) and the METI 2013 guideline: both number a control 5.1.1. */
async function engagement() {
  const rt = await freshRuntime();
  const a = await call(rt.ctx, 'assessments.create', {
    name: 'クラウド基盤 2026',
    catalog: 'ismap',
    organization: 'サンプル株式会社',
    additionalCatalogs: [{ catalog: 'meti-cloud-2013' }],
  });
  return { rt, a };
}

describe('an assessment over several catalogs', () => {
  it('lists every catalog with its own progress, and counts all of them in the assessment', async () => {
    const { rt, a } = await engagement();
    expect(a.catalogs.map((c) => [c.catalogId, c.keyPrefix])).toEqual([
      ['ismap', ''],
      ['meti-cloud-2013', 'meti-cloud-2013:'],
    ]);
    const [ismap, meti] = a.catalogs;
    expect(ismap!.progress.total).toBeGreaterThan(100);
    expect(meti!.progress.total).toBe(133);
    expect(a.progress.total).toBe(ismap!.progress.total + meti!.progress.total);
    const listed = (await call(rt.ctx, 'assessments.list', {})).find((x) => x.id === a.id);
    expect(listed?.catalogs.map((c) => c.catalogId)).toEqual(['ismap', 'meti-cloud-2013']);
  });

  it('keeps the same control ID of two catalogs apart: answers, progress, evidence and history', async () => {
    const { rt, a } = await engagement();
    const first = await call(rt.ctx, 'answers.set', {
      assessmentId: a.id,
      controlKey: '5.1.1',
      value: 'implemented',
      comment: 'ISMAP 側',
    });
    expect(first.answer.controlKey).toBe('5.1.1');
    const second = await call(rt.ctx, 'answers.set', {
      assessmentId: a.id,
      controlKey: 'meti-cloud-2013:5.1.1',
      value: 'partial',
      comment: 'METI 側',
    });
    expect(second.answer).toMatchObject({ controlId: '5.1.1', controlKey: 'meti-cloud-2013:5.1.1', value: 'partial' });
    expect(second.progress).toEqual({ answered: 1, total: 133 });

    const ismap = await call(rt.ctx, 'assessments.get', { id: a.id });
    const meti = await call(rt.ctx, 'assessments.get', { id: a.id, catalog: 'meti-cloud-2013' });
    expect(ismap.catalog.catalogId).toBe('ismap');
    expect(ismap.answers.map((x) => [x.controlId, x.comment])).toEqual([['5.1.1', 'ISMAP 側']]);
    expect(meti.catalog.catalogId).toBe('meti-cloud-2013');
    expect(meti.keyPrefix).toBe('meti-cloud-2013:');
    expect(meti.answers.map((x) => [x.controlId, x.comment])).toEqual([['5.1.1', 'METI 側']]);
    expect(meti.controls.some((c) => c.controlId === '5.1.1')).toBe(true);
    expect((await call(rt.ctx, 'assessments.get', { id: a.id })).progress.answered).toBe(1);

    // One file backs controls in both catalogs.
    const ev = await call(rt.ctx, 'evidence.add', {
      assessmentId: a.id,
      controlKeys: ['5.1.1', 'meti-cloud-2013:5.1.1'],
      fileName: '基本方針.pdf',
      content: b64('%PDF-1.4 policy'),
    });
    expect(ev.controlKeys).toEqual(['5.1.1', 'meti-cloud-2013:5.1.1']);
    expect(
      (await call(rt.ctx, 'evidence.list', { assessmentId: a.id })).filter((e) =>
        e.controlKeys.includes('meti-cloud-2013:5.1.1'),
      ),
    ).toHaveLength(1);

    const hist = await call(rt.ctx, 'audit.history', { assessmentId: a.id, controlKey: 'meti-cloud-2013:5.1.1' });
    expect(hist.map((e) => e.action)).toEqual(['evidence.link', 'answer.set']);
    expect(await call(rt.ctx, 'audit.history', { assessmentId: a.id, controlKey: '5.1.1' })).toHaveLength(2);
    expect(verifyAuditChain(rt.ctx.db).ok).toBe(true);
  });

  it('undoes a change in the second catalog where it was made', async () => {
    const { rt, a } = await engagement();
    await call(rt.ctx, 'answers.set', { assessmentId: a.id, controlKey: '5.1.1', value: 'implemented' });
    await call(rt.ctx, 'answers.set', { assessmentId: a.id, controlKey: 'meti-cloud-2013:5.1.1', value: 'partial' });
    const u = await call(rt.ctx, 'answers.undo', { assessmentId: a.id });
    expect(u.undone).toEqual(['meti-cloud-2013:5.1.1']);
    expect(
      (await call(rt.ctx, 'assessments.get', { id: a.id, catalog: 'meti-cloud-2013' })).answers[0]?.value ?? null,
    ).toBeNull();
    expect((await call(rt.ctx, 'assessments.get', { id: a.id })).answers[0]?.value).toBe('implemented');
  });

  it('refuses, changing nothing: a catalog not in the assessment, one catalog twice, a batch across catalogs', async () => {
    const { rt, a } = await engagement();
    const before = snapshotTables(rt.ctx.db);
    await expect(
      call(rt.ctx, 'answers.set', { assessmentId: a.id, controlKey: 'pci-dss:1.1.1', value: 'implemented' }),
    ).rejects.toMatchObject({ key: 'catalogNotInAssessment' });
    await expect(call(rt.ctx, 'assessments.get', { id: a.id, catalog: 'pci-dss' })).rejects.toMatchObject({
      key: 'catalogNotInAssessment',
    });
    await expect(
      call(rt.ctx, 'assessments.addCatalog', { id: a.id, catalog: 'meti-cloud-2013' }),
    ).rejects.toMatchObject({ key: 'catalogAlreadyInAssessment' });
    await expect(
      call(rt.ctx, 'answers.batch', {
        assessmentId: a.id,
        controlKeys: ['5.1.1', 'meti-cloud-2013:5.1.2'],
        value: 'implemented',
      }),
    ).rejects.toMatchObject({ key: 'batchAcrossCatalogs' });
    await expect(
      call(rt.ctx, 'assessments.create', { name: 'x', catalog: 'ismap', additionalCatalogs: [{ catalog: 'ismap' }] }),
    ).rejects.toMatchObject({ key: 'catalogAlreadyInAssessment' });
    expect(snapshotTables(rt.ctx.db)).toEqual(before);
  });

  it('grows by a catalog with its own profile (recorded), which the progress then counts', async () => {
    const { rt, a } = await engagement();
    const grown = await call(rt.ctx, 'assessments.addCatalog', {
      id: a.id,
      catalog: 'credit-card-gl',
      profile: 'ec-merchant',
    });
    const cc = grown.catalogs.find((c) => c.catalogId === 'credit-card-gl');
    expect(cc).toMatchObject({ profile: 'ec-merchant', keyPrefix: 'credit-card-gl:' });
    // the items an e-commerce merchant sees in credit-card-gl 6.0 (22, plus the three non-retention methods and the four leak-response items)
    expect(cc!.progress.total).toBe(29);
    expect(grown.progress.total).toBe(a.progress.total + 29);
    const d = await call(rt.ctx, 'assessments.get', { id: a.id, catalog: 'credit-card-gl' });
    expect(d.profile).toBe('ec-merchant');
    const entries = await call(rt.ctx, 'audit.history', { assessmentId: a.id });
    expect(entries.some((e) => e.action === 'assessment.addCatalog')).toBe(true);
  });

  it('runs the quality check over every catalog, naming controls by their keys', async () => {
    const { rt, a } = await engagement();
    await call(rt.ctx, 'answers.set', {
      assessmentId: a.id,
      controlKey: 'meti-cloud-2013:5.1.2',
      value: 'implemented',
    });
    const issues = await call(rt.ctx, 'assessments.quality', { id: a.id });
    expect(issues.filter((i) => i.kind === 'compliantWithoutEvidence').map((i) => i.controlKey)).toEqual([
      'meti-cloud-2013:5.1.2',
    ]);
    expect(issues.some((i) => i.kind === 'unanswered' && i.controlKey.startsWith('meti-cloud-2013:'))).toBe(true);
    expect(issues.some((i) => i.kind === 'unanswered' && !i.controlKey.includes(':'))).toBe(true);
  });

  it('suggests answers between its own catalogs through the shipped mapping (a user-side METI answer proposes at most a partial provider-side ISMAP answer), and an ignored suggestion stays ignored', async () => {
    const { rt, a } = await engagement();
    await call(rt.ctx, 'answers.set', {
      assessmentId: a.id,
      controlKey: 'meti-cloud-2013:5.1.1',
      value: 'implemented',
    });
    const s = (await call(rt.ctx, 'suggestions.list', { assessmentId: a.id })).find((x) => x.controlKey === '5.1.1');
    expect(s).toMatchObject({
      relation: 'intersect',
      proposedValue: 'partial',
      provenance: 'own-analysis',
      mappingId: 'meti-cloud-2013--ismap',
      source: {
        catalogId: 'meti-cloud-2013',
        controlId: '5.1.1',
        controlKey: 'meti-cloud-2013:5.1.1',
        assessmentId: a.id,
      },
    });
    const back = (await call(rt.ctx, 'suggestions.list', { assessmentId: a.id })).filter((x) =>
      x.controlKey.startsWith('meti-cloud-2013:'),
    );
    expect(back).toEqual([]);
    expect(
      await call(rt.ctx, 'suggestions.dismiss', {
        assessmentId: a.id,
        controlKey: '5.1.1',
        sourceAssessmentId: a.id,
        sourceControlKey: 'meti-cloud-2013:5.1.1',
      }),
    ).toEqual({ dismissed: true });
    expect(
      (await call(rt.ctx, 'suggestions.list', { assessmentId: a.id })).find((x) => x.controlKey === '5.1.1'),
    ).toBeUndefined();
    expect(
      (await call(rt.ctx, 'audit.history', { assessmentId: a.id, controlKey: '5.1.1' })).map((e) => e.action),
    ).toEqual(['suggestion.dismiss']);
  });

  it('takes a catalog added by mistake off again, but never one with answers, nor the first', async () => {
    const { rt, a } = await engagement();
    await call(rt.ctx, 'assessments.addCatalog', { id: a.id, catalog: 'ipa-web-meeting' });
    await call(rt.ctx, 'answers.set', {
      assessmentId: a.id,
      controlKey: 'meti-cloud-2013:5.1.1',
      value: 'implemented',
    });
    const before = snapshotTables(rt.ctx.db);
    await expect(
      call(rt.ctx, 'assessments.removeCatalog', { id: a.id, catalog: 'meti-cloud-2013' }),
    ).rejects.toMatchObject({ key: 'catalogHasAnswers', params: { count: 1 } });
    await expect(call(rt.ctx, 'assessments.removeCatalog', { id: a.id, catalog: 'ismap' })).rejects.toMatchObject({
      key: 'firstCatalogStays',
    });
    expect(snapshotTables(rt.ctx.db)).toEqual(before);
    const after = await call(rt.ctx, 'assessments.removeCatalog', { id: a.id, catalog: 'ipa-web-meeting' });
    expect(after.catalogs.map((c) => c.catalogId)).toEqual(['ismap', 'meti-cloud-2013']);
    // Adding it again later works, and keys stay as they were for the others.
    const again = await call(rt.ctx, 'assessments.addCatalog', { id: a.id, catalog: 'ipa-web-meeting' });
    expect(again.catalogs.map((c) => c.keyPrefix)).toEqual(['', 'meti-cloud-2013:', 'ipa-web-meeting:']);
    expect(
      (await call(rt.ctx, 'audit.history', { assessmentId: a.id })).filter(
        (e) => e.action === 'assessment.removeCatalog',
      ),
    ).toHaveLength(1);
  });
});
