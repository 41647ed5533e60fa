import { describe, expect, it } from 'vitest';
import { call } from '../../src/main/api/dispatch';
import { AppError } from '../../src/shared/api/errors';
import { freshRuntime, snapshotTables } from '../support/workspace';

const b64 = (s: string) => Buffer.from(s).toString('base64');

/** Last period's PCI DSS assessment: two answers, one with an owner and comment, one evidence file on two controls. */
async function lastPeriod(version = '4.0.1') {
  const rt = await freshRuntime();
  const prev = await call(rt.ctx, 'assessments.create', {
    name: 'PCI 2025',
    catalog: `pci-dss@${version}`,
    organization: '決済株式会社',
    scope: 'カード会員データ環境',
    periodStart: '2025-04-01',
    periodEnd: '2026-03-31',
  });
  const [k1, k2] = version === '4.0.1' ? ['1.2.1', '8.3.6'] : ['1', '8'];
  await call(rt.ctx, 'answers.set', {
    assessmentId: prev.id,
    controlKey: k1 as string,
    value: version === '4.0.1' ? 'in_place' : 'yes',
    comment: 'ルールセットは半期ごとに見直し',
    owner: '情報システム部',
  });
  await call(rt.ctx, 'answers.set', {
    assessmentId: prev.id,
    controlKey: k2 as string,
    value: version === '4.0.1' ? 'not_in_place' : 'no',
    remediation: '長さ 12 文字へ',
  });
  await call(rt.ctx, 'evidence.add', {
    assessmentId: prev.id,
    controlKeys: [k1 as string, k2 as string],
    fileName: 'firewall-review.txt',
    content: b64('reviewed 2025-10'),
  });
  return { rt, prev, k1: k1 as string, k2: k2 as string };
}

describe('carry forward (a new period from the previous assessment)', () => {
  it('carries answers, owners, comments and evidence links, marks each to confirm, and leaves the source alone', async () => {
    const { rt, prev } = await lastPeriod();
    const seen = async () => [
      (await call(rt.ctx, 'assessments.get', { id: prev.id })).answers,
      await call(rt.ctx, 'evidence.list', { assessmentId: prev.id }),
    ];
    const before = await seen();
    const next = await call(rt.ctx, 'assessments.carryForward', {
      from: prev.id,
      name: 'PCI 2026',
      periodStart: '2026-04-01',
      periodEnd: '2027-03-31',
    });
    expect(next).toMatchObject({
      name: 'PCI 2026',
      periodStart: '2026-04-01',
      organization: { name: '決済株式会社' },
      carriedFrom: prev.id,
      status: 'draft',
    });
    const d = await call(rt.ctx, 'assessments.get', { id: next.id });
    expect(d.scope).toBe('カード会員データ環境');
    const a = new Map(d.answers.map((x) => [x.controlKey, x]));
    expect(a.get('1.2.1')).toMatchObject({
      value: 'in_place',
      comment: 'ルールセットは半期ごとに見直し',
      owner: '情報システム部',
      carriedForward: true,
    });
    expect(a.get('8.3.6')).toMatchObject({
      value: 'not_in_place',
      remediation: '長さ 12 文字へ',
      carriedForward: true,
    });
    const ev = await call(rt.ctx, 'evidence.list', { assessmentId: next.id });
    expect(ev.map((e) => [e.fileName, e.controlKeys])).toEqual([['firewall-review.txt', ['1.2.1', '8.3.6']]]);
    // The quality check names every carried answer, and they block finalizing until confirmed.
    const q = await call(rt.ctx, 'assessments.quality', { id: next.id });
    expect(q.filter((i) => i.kind === 'carriedUnconfirmed').map((i) => i.controlKey)).toEqual(['1.2.1', '8.3.6']);
    // The previous assessment is unchanged.
    expect(await seen()).toEqual(before);
    // Both histories record it, and the new one replays to its answers and evidence.
    const hNew = await call(rt.ctx, 'audit.history', { assessmentId: next.id, entity: 'assessment' });
    expect(hNew.map((e) => e.action)).toContain('assessment.carryForward');
    const hOld = await call(rt.ctx, 'audit.history', { assessmentId: prev.id, entity: 'assessment' });
    expect(hOld.map((e) => e.action)).toContain('assessment.carriedForward');
    expect((await call(rt.ctx, 'audit.verify', {})).ok).toBe(true);
  });

  it('clears the mark when the user confirms the answer or changes it, and not otherwise', async () => {
    const { rt, prev } = await lastPeriod();
    const next = await call(rt.ctx, 'assessments.carryForward', { from: prev.id, name: 'PCI 2026' });
    const confirmed = await call(rt.ctx, 'answers.set', {
      assessmentId: next.id,
      controlKey: '1.2.1',
      carriedForward: false,
    });
    expect(confirmed.answer).toMatchObject({ value: 'in_place', owner: '情報システム部', carriedForward: false });
    const changed = await call(rt.ctx, 'answers.set', {
      assessmentId: next.id,
      controlKey: '8.3.6',
      comment: '今期に対応済み',
    });
    expect(changed.answer.carriedForward).toBe(false);
    const q = await call(rt.ctx, 'assessments.quality', { id: next.id });
    expect(q.some((i) => i.kind === 'carriedUnconfirmed')).toBe(false);
    expect((await call(rt.ctx, 'audit.verify', {})).ok).toBe(true);
  });

  it('on a new catalog version, calls out what is not carried and keeps the answers it can', async () => {
    const { rt, prev } = await lastPeriod('3.2.1');
    const next = await call(rt.ctx, 'assessments.carryForward', { from: prev.id, name: 'PCI v4', version: '4.0.1' });
    expect(next.catalogs[0]).toMatchObject({ catalogId: 'pci-dss', version: '4.0.1' });
    const r = await call(rt.ctx, 'assessments.carryReport', { id: next.id });
    expect(r?.catalogs).toEqual([{ from: 'pci-dss@3.2.1', to: 'pci-dss@4.0.1' }]);
    // Every previous answer is either carried or listed with its previous value; none silently lost.
    expect((r?.carried.length ?? 0) + (r?.notCarried.length ?? 0)).toBe(2);
    for (const n of r?.notCarried ?? []) expect(n.previous.value).not.toBeNull();
    expect((await call(rt.ctx, 'audit.verify', {})).ok).toBe(true);
  });

  it('refuses a reversed period and an unknown version, changing nothing', async () => {
    const { rt, prev } = await lastPeriod();
    const before = snapshotTables(rt.ctx.db);
    await expect(
      call(rt.ctx, 'assessments.carryForward', {
        from: prev.id,
        name: 'x',
        periodStart: '2027-01-01',
        periodEnd: '2026-01-01',
      }),
    ).rejects.toMatchObject({ key: 'periodReversed' });
    await expect(
      call(rt.ctx, 'assessments.carryForward', { from: prev.id, name: 'x', version: '9.9' }),
    ).rejects.toBeInstanceOf(AppError);
    expect(snapshotTables(rt.ctx.db)).toEqual(before);
  });
});

describe('duplicate, archive and the trash', () => {
  it('duplicates exactly (answers not marked), with its own history', async () => {
    const { rt, prev } = await lastPeriod();
    const copy = await call(rt.ctx, 'assessments.duplicate', { id: prev.id, name: 'PCI 2025 (写し)' });
    expect(copy).toMatchObject({ periodStart: '2025-04-01', periodEnd: '2026-03-31', carriedFrom: null });
    const d = await call(rt.ctx, 'assessments.get', { id: copy.id });
    expect(d.answers.map((x) => [x.controlKey, x.value, x.carriedForward])).toEqual([
      ['1.2.1', 'in_place', false],
      ['8.3.6', 'not_in_place', false],
    ]);
    expect((await call(rt.ctx, 'audit.verify', {})).ok).toBe(true);
  });

  it('archives: hidden from the home list, shown by the filter, read-only until unarchived (recorded)', async () => {
    const { rt, prev } = await lastPeriod();
    await call(rt.ctx, 'assessments.archive', { id: prev.id, archived: true });
    expect((await call(rt.ctx, 'assessments.list', {})).map((a) => a.id)).not.toContain(prev.id);
    expect((await call(rt.ctx, 'assessments.list', { show: 'archived' })).map((a) => a.id)).toEqual([prev.id]);
    await expect(
      call(rt.ctx, 'answers.set', { assessmentId: prev.id, controlKey: '1.2.1', comment: 'x' }),
    ).rejects.toMatchObject({ key: 'periods.archived' });
    // A new period can still start from an archived one.
    await call(rt.ctx, 'assessments.carryForward', { from: prev.id, name: 'PCI 2026' });
    await call(rt.ctx, 'assessments.archive', { id: prev.id, archived: false });
    await call(rt.ctx, 'answers.set', { assessmentId: prev.id, controlKey: '1.2.1', comment: 'x' });
    const h = await call(rt.ctx, 'audit.history', { assessmentId: prev.id, entity: 'assessment' });
    expect(h.map((e) => e.action)).toEqual(expect.arrayContaining(['assessment.archive', 'assessment.unarchive']));
  });

  it('moves to a recoverable trash, restores, and empties it for good with the deletion on record', async () => {
    const { rt, prev } = await lastPeriod();
    await call(rt.ctx, 'assessments.trash', { id: prev.id });
    expect(await call(rt.ctx, 'assessments.list', {})).toEqual([]);
    expect((await call(rt.ctx, 'assessments.list', { show: 'trash' })).map((a) => a.id)).toEqual([prev.id]);
    await expect(call(rt.ctx, 'assessments.carryForward', { from: prev.id, name: 'x' })).rejects.toMatchObject({
      key: 'periods.inTrash',
    });
    await call(rt.ctx, 'assessments.restore', { id: prev.id });
    expect((await call(rt.ctx, 'assessments.get', { id: prev.id })).answers).toHaveLength(2);
    await call(rt.ctx, 'assessments.trash', { id: prev.id });
    expect(await call(rt.ctx, 'assessments.emptyTrash', {})).toEqual({ deleted: 1 });
    await expect(call(rt.ctx, 'assessments.get', { id: prev.id })).rejects.toMatchObject({ key: 'assessmentNotFound' });
    expect(rt.ctx.db.prepare('SELECT count(*) AS n FROM answers').get()).toEqual({ n: 0 });
    const last = rt.ctx.db
      .prepare('SELECT action FROM audit_log WHERE assessment_id = ? ORDER BY seq DESC LIMIT 1')
      .get(prev.id);
    expect(last).toEqual({ action: 'assessment.delete' });
    expect((await call(rt.ctx, 'audit.verify', {})).ok).toBe(true);
  });
});

describe('evidence validity', () => {
  it('flags a file past its date and, in a carried period, a file older than the period start; recorded', async () => {
    const { rt, prev } = await lastPeriod();
    const [file] = await call(rt.ctx, 'evidence.list', { assessmentId: prev.id });
    // The workspace clock is today; a date in the past is expired, a later one is not.
    const set = await call(rt.ctx, 'evidence.setValidity', { evidenceId: file!.id, validUntil: '2000-01-01' });
    expect(set.stale).toEqual({ reason: 'expired', date: '2000-01-01' });
    const q = await call(rt.ctx, 'assessments.quality', { id: prev.id });
    expect(q.filter((i) => i.kind === 'evidenceStale').map((i) => [i.controlKey, i.detail])).toEqual([
      ['1.2.1', 'firewall-review.txt'],
      ['8.3.6', 'firewall-review.txt'],
    ]);
    await call(rt.ctx, 'evidence.setValidity', { evidenceId: file!.id, validUntil: null });
    expect((await call(rt.ctx, 'evidence.validity', { assessmentId: prev.id }))[0]?.stale).toBeNull();
    // Carried into a period that starts after the file was first added: older than the period.
    const next = await call(rt.ctx, 'assessments.carryForward', {
      from: prev.id,
      name: 'PCI 2099',
      periodStart: '2099-04-01',
    });
    const [carried] = await call(rt.ctx, 'evidence.validity', { assessmentId: next.id });
    expect(carried?.firstAddedAt).toBe(file!.addedAt);
    expect(carried?.stale?.reason).toBe('beforePeriod');
    // A validity date within the new period clears it.
    const ok = await call(rt.ctx, 'evidence.setValidity', {
      evidenceId: carried!.evidenceId,
      validUntil: '2100-03-31',
    });
    expect(ok.stale).toBeNull();
    await expect(
      call(rt.ctx, 'evidence.setValidity', { evidenceId: carried!.evidenceId, validUntil: '31/03/2100' }),
    ).rejects.toMatchObject({ code: 'bad_input' });
    const h = await call(rt.ctx, 'audit.history', { assessmentId: next.id });
    expect(h.some((e) => e.action === 'evidence.validity')).toBe(true);
    expect((await call(rt.ctx, 'audit.verify', {})).ok).toBe(true);
  });
});
