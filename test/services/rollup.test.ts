import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { call } from '../../src/main/api/dispatch';
import { auditVerifyOf } from '../../src/main/assessments/status';
import { freshRuntime, snapshotTables } from '../support/workspace';

type Rt = Awaited<ReturnType<typeof freshRuntime>>;

async function assessment(rt: Rt, name: string, organization: string, periodEnd: string, answers: [string, string][]) {
  const a = await call(rt.ctx, 'assessments.create', {
    name,
    catalog: 'ipa-web-meeting',
    organization,
    periodStart: `${periodEnd.slice(0, 4)}-01-01`,
    periodEnd,
  });
  for (const [controlKey, value] of answers)
    await call(rt.ctx, 'answers.set', {
      assessmentId: a.id,
      controlKey,
      value,
      ...(value === 'not_applicable' ? { justification: '利用していない' } : {}),
    });
  return a;
}

/** Two years of one department and one other department, answered so that only S-2.1 is weak in all three. */
async function threeAssessments() {
  const rt = await freshRuntime();
  const it2025 = await assessment(rt, 'IT 2025', '情報システム部', '2025-12-31', [
    ['S-1.1', 'implemented'],
    ['S-2.1', 'not_implemented'],
    ['M-1.1', 'partial'],
  ]);
  const it2026 = await assessment(rt, 'IT 2026', '情報システム部', '2026-12-31', [
    ['S-1.1', 'implemented'],
    ['S-2.1', 'not_implemented'],
    ['M-1.1', 'implemented'],
  ]);
  const hr = await assessment(rt, 'HR 2026', '人事部', '2026-12-31', [
    ['S-2.1', 'partial'],
    ['S-3.1', 'not_applicable'],
  ]);
  return { rt, it2025, it2026, hr };
}

describe('roll-up of several assessments of one catalog', () => {
  it('scores each assessment per group, pools per organization and lists what is weak everywhere', async () => {
    const { rt, it2025, it2026, hr } = await threeAssessments();
    const r = await call(rt.ctx, 'rollup.get', { catalogId: 'ipa-web-meeting' });

    // Columns: by organization name, then period — the years of one department side by side.
    expect(r.members.map((m) => m.name)).toEqual(['HR 2026', 'IT 2025', 'IT 2026']);
    expect(r.candidates.map((c) => c.id).sort()).toEqual([it2025.id, it2026.id, hr.id].sort());
    const byName = Object.fromEntries(r.members.map((m) => [m.name, m]));
    // IT 2025: 1 + 0 + 0.5 of 3 scored; IT 2026: 1 + 0 + 1 of 3; HR: 0.5 of 1 (N/A is left out).
    expect(byName['IT 2025']?.overall.score).toBeCloseTo(50, 5);
    expect(byName['IT 2026']?.overall.score).toBeCloseTo((2 / 3) * 100, 5);
    expect(byName['HR 2026']?.overall.score).toBeCloseTo(50, 5);
    expect(byName['HR 2026']?.overall.answered).toBe(2);

    const s = r.groups.find((g) => g.controlId === 'S');
    const m = r.groups.find((g) => g.controlId === 'M');
    expect(s && m).toBeTruthy();
    // Group S: HR 0.5/1, IT 2025 1/2, IT 2026 1/2; group M: HR nothing scored, IT 2025 0.5/1, IT 2026 1/1.
    expect(s?.cells.map((c) => c?.score)).toEqual([50, 50, 50]);
    expect(m?.cells.map((c) => c?.score ?? null)).toEqual([null, 50, 100]);

    // 情報システム部 pools its two years: (1 + 0 + 0.5 + 1 + 0 + 1) / 6.
    const it = r.organizations.find((o) => o.name === '情報システム部');
    expect(it?.members).toBe(2);
    expect(it?.overall.score).toBeCloseTo((3.5 / 6) * 100, 5);
    expect(r.organizations.map((o) => o.name)).toEqual(['人事部', '情報システム部']);

    // Only S-2.1 is weak in every assessment that answered it; M-1.1 improved in 2026, S-1.1 was never weak.
    expect(r.weakEverywhere.map((c) => c.controlId)).toEqual(['S-2.1']);
    expect(r.weakEverywhere[0]).toMatchObject({
      weak: 3,
      answered: 3,
      meanings: ['partial', 'noncompliant', 'noncompliant'],
    });
  });

  it('takes a chosen subset, and refuses an assessment without the catalog by name, changing nothing', async () => {
    const { rt, it2025, it2026 } = await threeAssessments();
    const two = await call(rt.ctx, 'rollup.get', {
      catalogId: 'ipa-web-meeting',
      assessmentIds: [it2026.id, it2025.id],
    });
    expect(two.members.map((m) => m.name)).toEqual(['IT 2025', 'IT 2026']);
    // With two members M-1.1 is still not weak everywhere (improved), S-2.1 is.
    expect(two.weakEverywhere.map((c) => c.controlId)).toEqual(['S-2.1']);

    const pci = await call(rt.ctx, 'assessments.create', { name: 'PCI', catalog: 'pci-dss@4.0.1' });
    const before = snapshotTables(rt.ctx.db);
    await expect(
      call(rt.ctx, 'rollup.get', { catalogId: 'ipa-web-meeting', assessmentIds: [it2025.id, pci.id] }),
    ).rejects.toMatchObject({ code: 'bad_input', key: 'rollupNotInCatalog', params: { id: pci.id } });
    await expect(call(rt.ctx, 'rollup.get', { catalogId: 'backup-operations' })).rejects.toMatchObject({
      code: 'not_found',
      key: 'rollupNoAssessments',
    });
    expect(snapshotTables(rt.ctx.db)).toEqual(before);
  });

  it('exports the same table as XLSX in the chosen language, scores as numbers', async () => {
    const { rt } = await threeAssessments();
    const view = await call(rt.ctx, 'rollup.get', { catalogId: 'ipa-web-meeting' });
    for (const lang of ['ja', 'en'] as const) {
      const file = await call(rt.ctx, 'rollup.export', { catalogId: 'ipa-web-meeting', format: 'xlsx', lang });
      expect(file.fileName).toMatch(/^tenken-rollup-ipa-web-meeting-\d{8}\.xlsx$/);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(file.content, 'base64') as unknown as ArrayBuffer);
      expect(wb.worksheets.map((w) => w.name)).toEqual(
        lang === 'ja'
          ? ['グループ別スコア', '組織別', '共通の弱点']
          : ['Scores by group', 'By organization', 'Weak everywhere'],
      );
      const scores = wb.worksheets[0] as ExcelJS.Worksheet;
      const rows = scores.getSheetValues().filter(Boolean) as unknown[][];
      const overall = rows.find((r) => r[1] === (lang === 'ja' ? '全体' : 'Overall'));
      expect(overall?.slice(2)).toEqual(view.members.map((m) => Math.round((m.overall.score ?? 0) * 10) / 10));
      const groupS = rows.find((r) => typeof r[1] === 'string' && r[1].startsWith('S '));
      expect(groupS?.slice(2)).toEqual([50, 50, 50]);
      const weak = wb.worksheets[2] as ExcelJS.Worksheet;
      expect(weak.getRow(2).getCell(1).value).toBe('S-2.1');
      expect(weak.getRow(2).getCell(5).value).toBe(lang === 'ja' ? '一部適合' : 'Partial');
    }
  });

  it('scores each member within its own profile: a SAQ A assessment beside a full PCI DSS one', async () => {
    const rt = await freshRuntime();
    const full = await call(rt.ctx, 'assessments.create', { name: 'full', catalog: 'pci-dss@4.0.1' });
    const saqA = await call(rt.ctx, 'assessments.create', { name: 'EC', catalog: 'pci-dss@4.0.1', profile: 'saq-a' });
    const r = await call(rt.ctx, 'rollup.get', { catalogId: 'pci-dss' });
    const byName = Object.fromEntries(r.members.map((m) => [m.name, m]));
    // The roll-up's controls per member are read once per version and profile: the two must not share them.
    expect(byName.full?.overall.total).toBe(full.progress.total);
    expect(byName.EC?.overall.total).toBe(saqA.progress.total);
    expect(byName.EC?.overall.total).toBe(27);
  });

  it("checks the history of the members it prints: an answer changed behind a member's history is named", async () => {
    const { rt, it2025, hr } = await threeAssessments();
    expect(auditVerifyOf(rt.ctx, [it2025.id, hr.id]).ok).toBe(true);
    // Written past the services: no history entry, so the replay of IT 2025 no longer gives what is stored.
    rt.ctx.db
      .prepare(
        `UPDATE answers SET value = 'implemented' WHERE assessment_id = ? AND control_row =
          (SELECT k.id FROM controls k JOIN assessment_catalogs p ON p.catalog_row = k.catalog_row
           WHERE p.assessment_id = ? AND k.control_id = 'S-2.1')`,
      )
      .run(it2025.id, it2025.id);
    const broken = auditVerifyOf(rt.ctx, [it2025.id, hr.id]);
    expect(broken).toMatchObject({ ok: false, reason: 'replay' });
    expect(broken.brokenAt).toBeGreaterThan(0);
    // A roll-up that leaves IT 2025 out replays only its own members.
    expect(auditVerifyOf(rt.ctx, [hr.id]).ok).toBe(true);
  });
});
