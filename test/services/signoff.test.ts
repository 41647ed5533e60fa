import { describe, expect, it } from 'vitest';
import { call } from '../../src/main/api/dispatch';
import { freshRuntime, snapshotTables } from '../support/workspace';

type Rt = Awaited<ReturnType<typeof freshRuntime>>;

/** An assessment answered in full (so it can be finalized), still in draft. */
async function answered(rt: Rt) {
  const a = await call(rt.ctx, 'assessments.create', {
    name: 'Web会議',
    catalog: 'ipa-web-meeting',
    organization: '点検株式会社',
  });
  const ids = (await call(rt.ctx, 'assessments.get', { id: a.id })).controls
    .filter((c) => c.assessable)
    .map((c) => c.controlId);
  await call(rt.ctx, 'answers.batch', { assessmentId: a.id, controlKeys: ids, value: 'implemented' });
  return a;
}
const finalize = async (rt: Rt, id: string) => {
  await call(rt.ctx, 'assessments.setStatus', { id, status: 'in_review' });
  await call(rt.ctx, 'assessments.setStatus', { id, status: 'final' });
};
const exported = async (rt: Rt, id: string) =>
  Buffer.from((await call(rt.ctx, 'assessments.export', { id })).content, 'base64').toString('utf8');

describe('sign-off and approval', () => {
  it('approves only a final assessment; refused elsewhere with nothing changed', async () => {
    const rt = await freshRuntime();
    const a = await answered(rt);
    for (const status of ['draft', 'in_review'] as const) {
      if (status === 'in_review') await call(rt.ctx, 'assessments.setStatus', { id: a.id, status });
      const before = snapshotTables(rt.ctx.db);
      await expect(
        call(rt.ctx, 'signoff.set', { assessmentId: a.id, step: 'approved', name: '部長 山田' }),
      ).rejects.toMatchObject({ code: 'conflict', key: 'signoffNotFinal' });
      expect(snapshotTables(rt.ctx.db)).toEqual(before);
    }
    await expect(
      call(rt.ctx, 'signoff.set', { assessmentId: a.id, step: 'prepared', name: '   ' }),
    ).rejects.toMatchObject({ code: 'bad_input' });
  });

  it('records preparer, reviewer and approver in the history; approval locks the sign-off; reopening withdraws it', async () => {
    let now = Date.parse('2026-12-03T02:00:00Z');
    const rt = await freshRuntime({ now: () => new Date((now += 60_000)) });
    const a = await answered(rt);
    await call(rt.ctx, 'signoff.set', {
      assessmentId: a.id,
      step: 'prepared',
      name: '佐藤 花子',
      role: '情報システム部',
    });
    // The same name and role again changes nothing and writes no entry.
    const entries = (await call(rt.ctx, 'audit.history', { assessmentId: a.id })).length;
    await call(rt.ctx, 'signoff.set', {
      assessmentId: a.id,
      step: 'prepared',
      name: '佐藤 花子',
      role: '情報システム部',
    });
    expect(await call(rt.ctx, 'audit.history', { assessmentId: a.id })).toHaveLength(entries);
    await finalize(rt, a.id);
    await call(rt.ctx, 'signoff.set', { assessmentId: a.id, step: 'reviewed', name: '鈴木 一郎', role: '内部監査室' });
    const s = await call(rt.ctx, 'signoff.set', {
      assessmentId: a.id,
      step: 'approved',
      name: '山田 太郎',
      role: 'CISO',
    });
    expect(s.prepared).toMatchObject({ name: '佐藤 花子', role: '情報システム部' });
    expect(s.reviewed).toMatchObject({ name: '鈴木 一郎', role: '内部監査室' });
    expect(s.approved).toMatchObject({ name: '山田 太郎', role: 'CISO' });
    expect(s.approved!.at > s.reviewed!.at).toBe(true);
    const h = await call(rt.ctx, 'audit.history', { assessmentId: a.id, entity: 'assessment' });
    expect(h[0]).toMatchObject({
      action: 'assessment.approve',
      oldValue: { status: 'final' },
      newValue: { step: 'approved', name: '山田 太郎', role: 'CISO' },
    });
    expect(
      h.filter((e) => e.action === 'assessment.signoff').map((e) => (e.newValue as { step: string }).step),
    ).toEqual(['reviewed', 'prepared']);
    expect((await call(rt.ctx, 'audit.verify', {})).ok).toBe(true);

    // While approved, nothing of the sign-off changes.
    const before = snapshotTables(rt.ctx.db);
    await expect(
      call(rt.ctx, 'signoff.set', { assessmentId: a.id, step: 'reviewed', name: '別の人' }),
    ).rejects.toMatchObject({ key: 'signoffApproved', params: { name: '山田 太郎' } });
    await expect(
      call(rt.ctx, 'signoff.set', { assessmentId: a.id, step: 'approved', name: '別の人' }),
    ).rejects.toMatchObject({ key: 'signoffApproved' });
    expect(snapshotTables(rt.ctx.db)).toEqual(before);

    // Reopening withdraws the approval (kept in the entry); preparer and reviewer stay.
    await call(rt.ctx, 'assessments.setStatus', { id: a.id, status: 'draft', note: '監査人の指摘' });
    const after = await call(rt.ctx, 'signoff.get', { assessmentId: a.id });
    expect(after.approved).toBeNull();
    expect(after.reviewed?.name).toBe('鈴木 一郎');
    const reopen = (await call(rt.ctx, 'audit.history', { assessmentId: a.id }))[0]!;
    expect(reopen).toMatchObject({
      action: 'assessment.reopen',
      oldValue: { status: 'final', approved: { name: '山田 太郎', role: 'CISO' } },
    });
    expect((await call(rt.ctx, 'audit.verify', {})).ok).toBe(true);
    // Approving again needs final again.
    await expect(
      call(rt.ctx, 'signoff.set', { assessmentId: a.id, step: 'approved', name: '山田 太郎' }),
    ).rejects.toMatchObject({ key: 'signoffNotFinal' });
  });

  it('audit verify names a sign-off changed or added without its history entry', async () => {
    const rt = await freshRuntime();
    const a = await answered(rt);
    await finalize(rt, a.id);
    await call(rt.ctx, 'signoff.set', { assessmentId: a.id, step: 'approved', name: '山田 太郎' });
    rt.ctx.db.prepare("UPDATE assessment_signoffs SET name = '偽の承認者' WHERE step = 'approved'").run();
    const v = await call(rt.ctx, 'audit.verify', { assessmentId: a.id });
    expect(v).toMatchObject({
      ok: false,
      reason: 'replay',
      divergence: {
        subject: 'signoff',
        key: 'approved',
        field: 'name',
        expected: '"山田 太郎"',
        stored: '"偽の承認者"',
      },
    });
    rt.ctx.db.prepare("UPDATE assessment_signoffs SET name = '山田 太郎' WHERE step = 'approved'").run();
    expect((await call(rt.ctx, 'audit.verify', { assessmentId: a.id })).ok).toBe(true);
    rt.ctx.db
      .prepare(
        "INSERT INTO assessment_signoffs (assessment_id, step, name, role, signed_at) VALUES (?, 'reviewed', '誰か', '', '2026-01-01T00:00:00.000Z')",
      )
      .run(a.id);
    expect(await call(rt.ctx, 'audit.verify', { assessmentId: a.id })).toMatchObject({
      ok: false,
      divergence: { subject: 'signoff', key: 'reviewed', seq: null },
    });
  });

  it('the assessment file carries the sign-off; a file whose sign-off disagrees with its history is refused', async () => {
    const rt = await freshRuntime();
    const a = await answered(rt);
    const plain = JSON.parse(await exported(rt, a.id)) as Record<string, unknown>;
    expect('signoff' in plain).toBe(false);
    await call(rt.ctx, 'signoff.set', {
      assessmentId: a.id,
      step: 'prepared',
      name: '佐藤 花子',
      role: '情報システム部',
    });
    await finalize(rt, a.id);
    await call(rt.ctx, 'signoff.set', { assessmentId: a.id, step: 'approved', name: '山田 太郎', role: 'CISO' });
    const text = await exported(rt, a.id);
    const doc = JSON.parse(text) as { signoff: { step: string; name: string }[] } & Record<string, unknown>;
    expect(doc.signoff.map((s) => `${s.step}:${s.name}`)).toEqual(['prepared:佐藤 花子', 'approved:山田 太郎']);

    const other = await freshRuntime();
    await call(other.ctx, 'assessments.import', { content: text });
    // A report issued after the import continues the sequence.
    const reportNumber = async (r: Rt) =>
      (
        JSON.parse(
          Buffer.from(
            (await call(r.ctx, 'report.build', { assessmentId: a.id, format: 'json', lang: 'ja' })).content,
            'base64',
          ).toString('utf8'),
        ) as { reportNumber: number }
      ).reportNumber;
    expect(await call(other.ctx, 'signoff.get', { assessmentId: a.id })).toEqual(
      await call(rt.ctx, 'signoff.get', { assessmentId: a.id }),
    );
    expect(await exported(other, a.id)).toBe(text);
    expect((await call(other.ctx, 'audit.verify', {})).ok).toBe(true);
    expect(await reportNumber(rt)).toBe(1);
    expect(await reportNumber(rt)).toBe(2);
    const numbered = await exported(rt, a.id);
    expect((JSON.parse(numbered) as { assessment: { reportNumber: number } }).assessment.reportNumber).toBe(2);
    const fourth = await freshRuntime();
    await call(fourth.ctx, 'assessments.import', { content: numbered });
    expect(await reportNumber(fourth)).toBe(3);

    // Dropped, renamed or doubled: refused, nothing imported.
    const third = await freshRuntime();
    const before = snapshotTables(third.ctx.db);
    const { signoff: _dropped, ...withoutSignoff } = doc;
    const renamed = { ...doc, signoff: doc.signoff.map((s) => (s.step === 'approved' ? { ...s, name: '偽' } : s)) };
    const doubled = { ...doc, signoff: [...doc.signoff, doc.signoff[1]] };
    for (const bad of [withoutSignoff, renamed])
      await expect(call(third.ctx, 'assessments.import', { content: JSON.stringify(bad) })).rejects.toMatchObject({
        code: 'bad_input',
        params: { subject: 'signoff' },
      });
    await expect(call(third.ctx, 'assessments.import', { content: JSON.stringify(doubled) })).rejects.toMatchObject({
      key: 'assessmentFileInvalid',
    });
    expect(snapshotTables(third.ctx.db)).toEqual(before);
  });
});
