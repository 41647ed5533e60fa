import { describe, expect, it } from 'vitest';
import { buildConsultantWorkspace, CONSULTANT_SHAPE } from '../../bench/consultant-workspace';
import { call } from '../../src/main/api/dispatch';
import { freshRuntime } from '../support/workspace';

describe("a consultant's workspace (20 assessments over 4 clients and 5 years)", () => {
  it('the home and answering screens show every assessment with its own answers and progress; the history verifies', async () => {
    const rt = await freshRuntime();
    const w = await buildConsultantWorkspace(rt.ctx, {
      ...CONSULTANT_SHAPE,
      assessments: 20,
      organizations: 4,
      catalogs: ['ipa-web-meeting@2020-07-14', 'backup-operations@1.0'],
      evidencePerAssessment: 1,
    });
    expect(w.answers).toBe(20 * (33 + 15));

    const home = await call(rt.ctx, 'assessments.list', {});
    expect(home).toHaveLength(20);
    // Newest first, each with its client and its own progress over both catalogs.
    const updated = home.map((a) => a.updatedAt);
    expect(updated).toEqual([...updated].sort().reverse());
    for (const m of w.made) {
      const a = home.find((x) => x.id === m.id);
      expect(a?.organization?.name).toBe(m.organization);
      expect(a?.progress).toEqual({ answered: m.answers.size, total: 48 });
      expect(a?.catalogs.map((c) => c.progress.answered)).toEqual([33, 15]);
    }
    expect(new Set(home.map((a) => a.organization?.id)).size).toBe(4);

    // The answering screen of one assessment holds its answers and no other's.
    for (const m of [w.made[0]!, w.made[19]!]) {
      const d = await call(rt.ctx, 'assessments.get', { id: m.id, catalog: 'backup-operations' });
      const shown = new Map(d.answers.map((x) => [x.controlKey, x.value]));
      const want = new Map([...m.answers].filter(([k]) => k.startsWith(d.keyPrefix) && d.keyPrefix !== ''));
      expect(want.size).toBe(15);
      expect(shown).toEqual(want);
      expect(d.progress).toEqual({ answered: 15, total: 15 });
    }
    const check = await call(rt.ctx, 'audit.verify', {});
    expect(check.ok).toBe(true);
    expect(check.entries).toBe(w.historyEntries);
  }, 60_000);
});
