import { describe, expect, it } from 'vitest';
import { buildReportModel } from '../../src/core/report/model';
import { call } from '../../src/main/api/dispatch';
import { buildReportPreview, collectReportInput } from '../../src/main/report/build';
import { freshRuntime } from '../support/workspace';

/** The cover section of the report HTML (what is printed on the PDF's first page), tags stripped. */
const coverText = (html: string) =>
  (/<section class="cover">([\s\S]*?)<\/section>/.exec(html)?.[1] ?? '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('report of an assessment scoped by an SAQ', () => {
  it.each([
    ['ja', '適用プロファイル', 'SAQ A（カード情報の取扱いを完全に委託した非対面加盟店） (saq-a)'],
    ['en', 'Applicability profile', 'SAQ A (card-not-present merchant, all account data functions outsourced) (saq-a)'],
  ] as const)('names the SAQ on the cover (%s) and reports on its 27 items only', async (lang, label, value) => {
    const rt = await freshRuntime();
    const a = await call(rt.ctx, 'assessments.create', {
      name: 'EC サイト',
      catalog: 'pci-dss@4.0.1',
      profile: 'saq-a',
    });
    await call(rt.ctx, 'answers.set', { assessmentId: a.id, controlKey: '12.8.1', value: 'in_place' });
    const m = buildReportModel(collectReportInput(rt.ctx, { assessmentId: a.id, lang }));
    const at = m.cover.fields.findIndex((f) => f.label === label);
    expect(m.cover.fields[at]?.value).toBe(value);
    // Right under the catalog it narrows.
    expect(m.cover.fields[at - 1]?.value).toContain('PCI DSS');
    expect(m.summary.total).toBe(27);
    expect(coverText(buildReportPreview(rt.ctx, { assessmentId: a.id, lang }))).toContain(`${label} ${value}`);
  });

  it('prints no profile row for an assessment of the whole catalog', async () => {
    const rt = await freshRuntime();
    const a = await call(rt.ctx, 'assessments.create', { name: 'all', catalog: 'pci-dss@4.0.1' });
    const m = buildReportModel(collectReportInput(rt.ctx, { assessmentId: a.id, lang: 'en' }));
    expect(m.cover.fields.map((f) => f.label)).not.toContain('Applicability profile');
    expect(m.summary.total).toBe(280);
  });
});
