import { describe, expect, it } from 'vitest';
import { call } from '../../src/main/api/dispatch';
import { freshRuntime } from '../support/workspace';
import { collectReportInput } from '../../src/main/report/build';
import { buildReportModel } from '../../src/core/report/model';

type Rt = Awaited<ReturnType<typeof freshRuntime>>;
const history = async (rt: Rt, id: string) =>
  (await call(rt.ctx, 'audit.history', { assessmentId: id, entity: 'assessment' })).filter(
    (e) => e.action === 'assessment.update',
  );
const refusal = async (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as { code: string; key: string; params: Record<string, unknown> },
  );

describe('assessment details after creation (assessments.update)', () => {
  it('changes every cover field, records only what changed (old → new, who, when), and the report cover shows it', async () => {
    const rt = await freshRuntime({ now: () => new Date('2026-12-03T11:05:00Z') });
    const a = await call(rt.ctx, 'assessments.create', {
      name: '2026年度 点検',
      catalog: 'ipa-web-meeting',
      organization: '株式会社サンプル',
      scope: '本社',
    });
    const u = await call(rt.ctx, 'assessments.update', {
      id: a.id,
      name: '2026年度 点検（改）',
      organization: '株式会社サンプル西日本',
      organizationContact: '情報システム部 山田',
      scope: '本社と大阪支社',
      assessors: '佐藤 花子',
      periodStart: '2026-06-01',
      periodEnd: '2026-07-31',
    });
    expect(u).toMatchObject({
      name: '2026年度 点検（改）',
      organization: { name: '株式会社サンプル西日本', contact: '情報システム部 山田' },
      assessors: '佐藤 花子',
      periodStart: '2026-06-01',
      periodEnd: '2026-07-31',
    });
    const [entry, ...more] = await history(rt, a.id);
    expect(more).toEqual([]);
    expect(entry).toMatchObject({
      at: '2026-12-03T11:05:00.000Z',
      oldValue: {
        name: '2026年度 点検',
        organization: '株式会社サンプル',
        organizationContact: '',
        scope: '本社',
        assessors: '',
        periodStart: null,
        periodEnd: null,
      },
      newValue: {
        name: '2026年度 点検（改）',
        organization: '株式会社サンプル西日本',
        organizationContact: '情報システム部 山田',
        scope: '本社と大阪支社',
        assessors: '佐藤 花子',
        periodStart: '2026-06-01',
        periodEnd: '2026-07-31',
      },
    });
    expect(entry?.actor).toBeTruthy();
    expect(Object.keys(entry?.newValue as object)).not.toContain('profile');
    // The new organization went through the same find-or-create as at creation.
    expect((await call(rt.ctx, 'organizations.list', {})).map((o) => o.name)).toEqual([
      '株式会社サンプル',
      '株式会社サンプル西日本',
    ]);

    const cover = buildReportModel(collectReportInput(rt.ctx, { assessmentId: a.id, lang: 'ja' })).cover;
    expect(cover).toMatchObject({
      assessmentName: '2026年度 点検（改）',
      organization: '株式会社サンプル西日本',
      scope: '本社と大阪支社',
      assessors: '佐藤 花子',
      period: '2026-06-01 〜 2026-07-31',
    });

    // Saving the same details again changes nothing and records nothing.
    await call(rt.ctx, 'assessments.update', { id: a.id, name: '2026年度 点検（改）', scope: '本社と大阪支社' });
    expect(await history(rt, a.id)).toHaveLength(1);
    // Unlinking the organization and clearing the period is recorded too.
    const cleared = await call(rt.ctx, 'assessments.update', {
      id: a.id,
      organization: null,
      periodStart: null,
      periodEnd: null,
    });
    expect(cleared.organization).toBeNull();
    expect((await history(rt, a.id))[0]).toMatchObject({
      oldValue: { organization: '株式会社サンプル西日本', periodStart: '2026-06-01' },
      newValue: { organization: null, periodStart: null, periodEnd: null },
    });
  });

  it('refuses bad details with a clear error and changes nothing', async () => {
    const rt = await freshRuntime();
    const a = await call(rt.ctx, 'assessments.create', { name: 'x', catalog: 'ipa-web-meeting' });
    expect(
      await refusal(
        call(rt.ctx, 'assessments.update', { id: a.id, periodStart: '2026-08-01', periodEnd: '2026-07-31' }),
      ),
    ).toMatchObject({ code: 'bad_input', key: 'periodReversed' });
    expect(await refusal(call(rt.ctx, 'assessments.update', { id: a.id, organizationContact: '山田' }))).toMatchObject({
      key: 'contactWithoutOrganization',
    });
    expect(await refusal(call(rt.ctx, 'assessments.update', { id: a.id, name: '   ' }))).toMatchObject({
      code: 'bad_input',
    });
    expect(await history(rt, a.id)).toEqual([]);
  });

  it('changes the profile only while nothing outside the new profile was answered, naming how many are', async () => {
    const rt = await freshRuntime();
    const a = await call(rt.ctx, 'assessments.create', { name: 'EC', catalog: 'pci-dss@4.0.1' });
    expect(a.progress.total).toBe(280);
    // 1.2.1 is outside SAQ A, 2.2.2 inside.
    await call(rt.ctx, 'answers.set', { assessmentId: a.id, controlKey: '1.2.1', value: 'in_place' });
    await call(rt.ctx, 'answers.set', { assessmentId: a.id, controlKey: '2.2.2', value: 'in_place' });
    const refused = await refusal(call(rt.ctx, 'assessments.update', { id: a.id, profile: 'saq-a' }));
    expect(refused).toMatchObject({
      code: 'conflict',
      key: 'profileChangeHasAnswers',
      params: { profile: 'saq-a', count: 1 },
    });
    expect((await call(rt.ctx, 'assessments.get', { id: a.id })).profile).toBeNull();
    expect(await history(rt, a.id)).toEqual([]);

    // A comment alone counts as an answer too; an emptied answer does not.
    await call(rt.ctx, 'answers.set', { assessmentId: a.id, controlKey: '1.2.1', value: null, comment: 'メモ' });
    expect(await refusal(call(rt.ctx, 'assessments.update', { id: a.id, profile: 'saq-a' }))).toMatchObject({
      params: { count: 1 },
    });
    await call(rt.ctx, 'answers.set', { assessmentId: a.id, controlKey: '1.2.1', comment: '' });
    const narrowed = await call(rt.ctx, 'assessments.update', { id: a.id, profile: 'saq-a' });
    expect(narrowed).toMatchObject({ profile: 'saq-a', progress: { answered: 1, total: 27 } });
    expect((await history(rt, a.id))[0]).toMatchObject({ oldValue: { profile: null }, newValue: { profile: 'saq-a' } });
    // Back to the full catalog: nothing is outside "no profile".
    expect(await call(rt.ctx, 'assessments.update', { id: a.id, profile: null })).toMatchObject({
      profile: null,
      progress: { total: 280 },
    });
  });

  it('locks the details of a final assessment like its answers', async () => {
    const rt = await freshRuntime();
    const a = await call(rt.ctx, 'assessments.create', { name: 'x', catalog: 'ipa-web-meeting' });
    rt.ctx.db.prepare("UPDATE assessments SET status = 'final' WHERE id = ?").run(a.id);
    expect(await refusal(call(rt.ctx, 'assessments.update', { id: a.id, name: 'y' }))).toMatchObject({
      code: 'locked',
      key: 'assessmentFinal',
    });
    expect(
      await refusal(call(rt.ctx, 'answers.set', { assessmentId: a.id, controlKey: 'S-1.1', value: 'yes' })),
    ).toMatchObject({ code: 'locked', key: 'assessmentFinal' });
  });
});
