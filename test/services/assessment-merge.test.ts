import { describe, expect, it } from 'vitest';
import { call } from '../../src/main/api/dispatch';
import { freshRuntime, snapshotTables } from '../support/workspace';

type Runtime = Awaited<ReturnType<typeof freshRuntime>>;

const exported = async (rt: Runtime, id: string) =>
  Buffer.from((await call(rt.ctx, 'assessments.export', { id })).content, 'base64').toString('utf8');

const answerOf = async (rt: Runtime, id: string, controlId: string) =>
  (await call(rt.ctx, 'assessments.get', { id, catalog: 'ipa-web-meeting' })).answers.find(
    (a) => a.controlId === controlId,
  );

const png = (seed: number) =>
  Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    Buffer.from(`evidence ${seed}`),
  ]).toString('base64');

/**
 * Two workspaces with the same assessment (the sample engagement, moved by its file): each side changes one control
 * the other does not touch, both change S-1.3 differently, and their side adds a piece of evidence to S-2.1.
 */
async function twoCopies() {
  const a = await freshRuntime();
  await call(a.ctx, 'settings.update', { userName: '本社 佐藤' });
  const demo = await call(a.ctx, 'demo.create', {});
  const b = await freshRuntime();
  await call(b.ctx, 'settings.update', { userName: '情報システム部 田中' });
  await call(b.ctx, 'assessments.import', { content: await exported(a, demo.id) });

  await call(a.ctx, 'answers.set', {
    assessmentId: demo.id,
    controlKey: 'ipa-web-meeting:S-1.1',
    value: 'implemented',
    comment: '本社: 確認済み',
  });
  await call(a.ctx, 'answers.set', {
    assessmentId: demo.id,
    controlKey: 'ipa-web-meeting:S-1.3',
    value: 'partial',
    comment: '本社: 一部の会議室のみ',
  });
  await call(b.ctx, 'answers.set', {
    assessmentId: demo.id,
    controlKey: 'ipa-web-meeting:S-1.2',
    value: 'not_implemented',
    comment: '情シス: 未対応',
  });
  await call(b.ctx, 'answers.set', {
    assessmentId: demo.id,
    controlKey: 'ipa-web-meeting:S-1.3',
    value: 'not_applicable',
    justification: '会議システムを使っていない',
  });
  await call(b.ctx, 'evidence.add', {
    assessmentId: demo.id,
    controlKeys: ['ipa-web-meeting:S-2.1'],
    fileName: 'screen.png',
    content: png(1),
  });
  return { a, b, id: demo.id, theirs: await exported(b, demo.id) };
}

describe('merging a copy of an assessment (the same ID) through the two histories', () => {
  it('applies what only one side changed, presents the conflict side by side, records the choice; verify passes here and on the exported file', async () => {
    const { a, b, id, theirs } = await twoCopies();
    // Import refuses a copy that is already here (the start screen then offers the merge).
    await expect(call(a.ctx, 'assessments.import', { content: theirs })).rejects.toMatchObject({
      key: 'assessmentExists',
    });

    const before = snapshotTables(a.ctx.db);
    const preview = await call(a.ctx, 'assessments.mergePreview', { content: theirs });
    expect(snapshotTables(a.ctx.db)).toEqual(before);
    expect(preview).toMatchObject({
      outcome: 'merge',
      incoming: { answers: ['ipa-web-meeting:S-1.2'], evidence: 1, links: 1 },
      oursOnly: 1,
      base: { from: 'common' },
    });
    expect(preview.conflicts).toHaveLength(1);
    expect(preview.conflicts[0]).toMatchObject({
      key: 'ipa-web-meeting:S-1.3',
      kind: 'answer',
      ours: { value: 'partial', by: '本社 佐藤', fields: { comment: '本社: 一部の会議室のみ' } },
      theirs: {
        value: 'not_applicable',
        by: '情報システム部 田中',
        fields: { justification: '会議システムを使っていない' },
      },
    });

    // A conflict left without a choice, or a choice for something that is not a conflict: refused, nothing changed.
    await expect(call(a.ctx, 'assessments.merge', { content: theirs })).rejects.toMatchObject({
      key: 'mergeUnchosen',
      params: { key: 'ipa-web-meeting:S-1.3' },
    });
    await expect(
      call(a.ctx, 'assessments.merge', {
        content: theirs,
        take: 'ours',
        choices: { 'ipa-web-meeting:S-1.1': 'theirs' },
      }),
    ).rejects.toMatchObject({ key: 'mergeNotConflict' });
    // The preview's head no longer ours: refused.
    await expect(
      call(a.ctx, 'assessments.merge', { content: theirs, take: 'ours', expectOurs: preview.theirs.head }),
    ).rejects.toMatchObject({ key: 'mergeChangedSincePreview' });
    expect(snapshotTables(a.ctx.db)).toEqual(before);

    const merged = await call(a.ctx, 'assessments.merge', {
      content: theirs,
      choices: { 'ipa-web-meeting:S-1.3': 'theirs' },
      expectOurs: preview.ours.head,
    });
    expect(merged.outcome).toBe('merged');
    expect(await answerOf(a, id, 'S-1.1')).toMatchObject({ value: 'implemented', updatedBy: '本社 佐藤' });
    expect(await answerOf(a, id, 'S-1.2')).toMatchObject({
      value: 'not_implemented',
      updatedBy: '情報システム部 田中',
    });
    expect(await answerOf(a, id, 'S-1.3')).toMatchObject({
      value: 'not_applicable',
      justification: '会議システムを使っていない',
      updatedBy: '情報システム部 田中',
    });
    const ev = await call(a.ctx, 'evidence.list', { assessmentId: id });
    const screen = ev.find((e) => e.fileName === 'screen.png');
    expect(screen?.controlKeys).toEqual(['ipa-web-meeting:S-2.1']);
    expect((await call(a.ctx, 'evidence.content', { evidenceId: screen!.id })).content).toBe(png(1));

    // One merge entry with both heads and the choice.
    const hist = await call(a.ctx, 'audit.history', { assessmentId: id, entity: 'assessment' });
    const entry = hist.find((h) => h.action === 'assessment.merge');
    expect(entry?.newValue).toMatchObject({
      ours: preview.ours,
      theirs: preview.theirs,
      choices: [{ key: 'ipa-web-meeting:S-1.3', take: 'theirs' }],
    });
    expect(await call(a.ctx, 'audit.verify', {})).toMatchObject({ ok: true });
    // The control's own history explains its new answer: the merge, with who answered in the copy.
    const s12 = await call(a.ctx, 'audit.history', { assessmentId: id, controlKey: 'ipa-web-meeting:S-1.2' });
    expect(s12[0]).toMatchObject({
      action: 'assessment.merge',
      actor: '本社 佐藤',
      newValue: { value: 'not_implemented', mergedFrom: '情報システム部 田中' },
    });

    // The merged assessment's file re-imports and verifies elsewhere, and exports to the same bytes.
    const file = await exported(a, id);
    const c = await freshRuntime();
    await call(c.ctx, 'assessments.import', { content: file });
    expect(await call(c.ctx, 'audit.verify', {})).toMatchObject({ ok: true });
    expect(await exported(c, id)).toBe(file);
    // A merge entry rewritten in the file (it now claims another value than the answer the file holds): refused, named.
    const forged = JSON.parse(file) as {
      history: { action: string; newValue: { answers: { controlKey: string; fields: { value: string } }[] } }[];
    };
    const m = forged.history.findIndex((h) => h.action === 'assessment.merge');
    forged.history[m]!.newValue.answers.find((x) => x.controlKey === 'ipa-web-meeting:S-1.2')!.fields.value =
      'implemented';
    await expect(
      call((await freshRuntime()).ctx, 'assessments.import', { content: JSON.stringify(forged) }),
    ).rejects.toMatchObject({
      key: 'assessmentFileHistoryDiffers',
      params: { entry: m + 1, action: 'assessment.merge' },
    });

    // The same file twice: nothing to do, nothing written.
    const after = snapshotTables(a.ctx.db);
    expect((await call(a.ctx, 'assessments.mergePreview', { content: theirs })).outcome).toBe('nothing');
    expect((await call(a.ctx, 'assessments.merge', { content: theirs, take: 'theirs' })).outcome).toBe('nothing');
    expect(snapshotTables(a.ctx.db)).toEqual(after);

    // Back the other way: their side takes in our merged file with no conflict (S-1.3 is already theirs there).
    const back = await call(b.ctx, 'assessments.mergePreview', { content: file });
    expect(back.conflicts).toEqual([]);
    expect(back.incoming.answers).toEqual(['ipa-web-meeting:S-1.1']);
    await call(b.ctx, 'assessments.merge', { content: file });
    expect(await call(b.ctx, 'audit.verify', {})).toMatchObject({ ok: true });
    // Then a new change on their side merges without the old conflict coming back (the base is the merged copy).
    await call(b.ctx, 'answers.set', { assessmentId: id, controlKey: 'ipa-web-meeting:S-1.3', value: 'implemented' });
    const again = await call(a.ctx, 'assessments.mergePreview', { content: await exported(b, id) });
    expect(again).toMatchObject({ conflicts: [], incoming: { answers: ['ipa-web-meeting:S-1.3'] } });
  }, 120_000);

  it('a status change and a details change on their side come over; differing details are a conflict', async () => {
    const { a, b, id, theirs: _t } = await twoCopies();
    await call(b.ctx, 'assessments.update', { id, scope: '本社と全拠点' });
    await call(b.ctx, 'assessments.update', { id, assessors: '情報システム部' });
    await call(a.ctx, 'assessments.update', { id, assessors: '内部監査室' });
    await call(b.ctx, 'assessments.setStatus', { id, status: 'in_review' });
    const theirs = await exported(b, id);
    const p = await call(a.ctx, 'assessments.mergePreview', { content: theirs });
    expect(p.incoming).toMatchObject({ status: 'in_review', details: ['scope'] });
    expect(p.conflicts.map((c) => c.key).sort()).toEqual(['@assessors', 'ipa-web-meeting:S-1.3']);
    await call(a.ctx, 'assessments.merge', { content: theirs, take: 'ours', choices: { '@assessors': 'theirs' } });
    const s = (await call(a.ctx, 'assessments.list', {})).find((x) => x.id === id);
    expect(s).toMatchObject({ status: 'in_review', assessors: '情報システム部' });
    expect((await answerOf(a, id, 'S-1.3'))?.value).toBe('partial');
    expect(await call(a.ctx, 'audit.verify', {})).toMatchObject({ ok: true });
  }, 120_000);

  it('refuses with nothing changed: no common history, a tampered history (naming the entry), a sealed copy with a wrong passphrase', async () => {
    const { a, id, theirs } = await twoCopies();
    const before = snapshotTables(a.ctx.db);

    // Another assessment of the same catalogs given this ID: no entry in common, not even the creation.
    const other = await freshRuntime();
    const stranger = await call(other.ctx, 'demo.create', {});
    const unrelated = (await exported(other, stranger.id)).split(stranger.id).join(id);
    await expect(call(a.ctx, 'assessments.mergePreview', { content: unrelated })).rejects.toMatchObject({
      code: 'conflict',
      key: 'mergeNoCommonHistory',
    });
    await expect(call(a.ctx, 'assessments.merge', { content: unrelated, take: 'theirs' })).rejects.toMatchObject({
      key: 'mergeNoCommonHistory',
    });

    // Their history rewritten: the answer S-1.2 claims another value in its entry than the file's answer.
    const doc = JSON.parse(theirs) as { history: { action: string; entityId: string; newValue: { value: string } }[] };
    const i = doc.history.findLastIndex((h) => h.action === 'answer.set' && h.entityId === 'ipa-web-meeting:S-1.2');
    doc.history[i]!.newValue.value = 'implemented';
    await expect(
      call(a.ctx, 'assessments.merge', { content: JSON.stringify(doc), take: 'theirs' }),
    ).rejects.toMatchObject({ key: 'assessmentFileHistoryDiffers', params: { entry: i + 1 } });

    // A sealed copy opens with its passphrase only.
    const sealed = await call(other.ctx, 'assessments.exportSealed', {
      id: stranger.id,
      passphrase: 'correct horse battery staple',
    });
    await expect(
      call(a.ctx, 'assessments.mergePreview', { content: sealed.content, passphrase: 'wrong horse battery staple' }),
    ).rejects.toMatchObject({ key: 'sealedOpenFailed' });
    expect(snapshotTables(a.ctx.db)).toEqual(before);
  }, 120_000);

  it('a sealed package of the copy previews and merges the same as its file', async () => {
    const { a, b, id } = await twoCopies();
    const pass = 'correct horse battery staple';
    const sealed = await call(b.ctx, 'assessments.exportSealed', { id, passphrase: pass });
    const p = await call(a.ctx, 'assessments.mergePreview', { content: sealed.content, passphrase: pass });
    expect(p.conflicts.map((c) => c.key)).toEqual(['ipa-web-meeting:S-1.3']);
    const r = await call(a.ctx, 'assessments.merge', { content: sealed.content, passphrase: pass, take: 'ours' });
    expect(r.outcome).toBe('merged');
    expect((await answerOf(a, id, 'S-1.3'))?.value).toBe('partial');
    expect((await answerOf(a, id, 'S-1.2'))?.value).toBe('not_implemented');
    expect(await call(a.ctx, 'audit.verify', {})).toMatchObject({ ok: true });
  }, 120_000);
});
