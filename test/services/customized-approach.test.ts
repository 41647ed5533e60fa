import { describe, expect, it } from 'vitest';
import { call } from '../../src/main/api/dispatch';
import { buildOscalReport, collectReportInput } from '../../src/main/report/build';
import { buildResultsJson } from '../../src/main/report/results-file';
import { buildReportModel } from '../../src/core/report/model';
import { freshRuntime, snapshotTables } from '../support/workspace';

// PCI DSS v4 lets a requirement be met by a customized approach; its ROC records that apart from compensating controls.
describe('the customized-approach marker of an answer', () => {
  it('is recorded on a PCI DSS answer, in its history, the results JSON, the report rows and OSCAL', async () => {
    const rt = await freshRuntime();
    const a = await call(rt.ctx, 'assessments.create', { name: 'PCI 2026', catalog: 'pci-dss@4.0.1' });
    expect((await call(rt.ctx, 'assessments.get', { id: a.id })).customizedApproach).toBe(true);
    const saved = await call(rt.ctx, 'answers.set', {
      assessmentId: a.id,
      controlKey: '8.3.6',
      value: 'in_place',
      customizedApproach: true,
      comment: 'パスワード長の代わりに FIDO2 を全員に適用',
    });
    expect(saved.answer).toMatchObject({ value: 'in_place', customizedApproach: true });
    const hist = await call(rt.ctx, 'audit.history', { assessmentId: a.id, controlKey: '8.3.6' });
    expect(hist[0]?.newValue).toMatchObject({ customizedApproach: true });
    const input = collectReportInput(rt.ctx, { assessmentId: a.id, lang: 'ja' });
    const results = JSON.parse(buildResultsJson(input).text) as {
      answers: { controlId: string; customizedApproach: boolean }[];
    };
    expect(results.answers.find((x) => x.controlId === '8.3.6')?.customizedApproach).toBe(true);
    expect(results.answers.find((x) => x.controlId === '8.3.5')?.customizedApproach).toBe(false);
    expect(
      buildReportModel(input)
        .groups.flatMap((g) => g.rows)
        .find((r) => r.controlId === '8.3.6')?.customizedApproach,
    ).toBe(true);
    expect(buildOscalReport(rt.ctx, { assessmentId: a.id, lang: 'en', format: 'oscal-ar' }).toString()).toContain(
      '"name": "customized-approach"',
    );
    expect((await call(rt.ctx, 'audit.verify', {})).ok).toBe(true);
  });

  it('is refused where the catalog has no customized approach, and nothing changes', async () => {
    const rt = await freshRuntime();
    const a = await call(rt.ctx, 'assessments.create', { name: 'ISMAP', catalog: 'ismap' });
    expect((await call(rt.ctx, 'assessments.get', { id: a.id })).customizedApproach).toBe(false);
    const before = snapshotTables(rt.ctx.db);
    await expect(
      call(rt.ctx, 'answers.set', {
        assessmentId: a.id,
        controlKey: '5.1.1',
        value: 'implemented',
        customizedApproach: true,
      }),
    ).rejects.toMatchObject({ key: 'customizedApproachNotAllowed' });
    expect(snapshotTables(rt.ctx.db)).toEqual(before);
  });
});
