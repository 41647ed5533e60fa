import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { call, dispatch } from '../../src/main/api/dispatch';
import { verifyAuditChain } from '../../src/main/audit/audit-log';
import { DEMO_ORGANIZATION } from '../../src/main/assessments/demo';
import { evidencePath } from '../../src/main/assessments/evidence';
import { proposedMeaning } from '../../src/main/assessments/suggestions';
import { freshRuntime, snapshotTables } from '../support/workspace';

const b64 = (s: string) => Buffer.from(s).toString('base64');

async function pci() {
  const rt = await freshRuntime();
  const a = await call(rt.ctx, 'assessments.create', {
    name: 'PCI',
    catalog: 'pci-dss@4.0.1',
    organization: '決済株式会社',
  });
  return { rt, a };
}

describe('answer workflow', () => {
  it('keeps owner, due date, remediation and the review mark with the answer', async () => {
    const { rt, a } = await pci();
    await call(rt.ctx, 'answers.set', { assessmentId: a.id, controlKey: '1.2.1', value: 'not_in_place' });
    const r = await call(rt.ctx, 'answers.set', {
      assessmentId: a.id,
      controlKey: '1.2.1',
      owner: '情報システム部',
      dueDate: '2026-12-31',
      remediation: 'ルールセットを見直す',
      markedForReview: true,
    });
    expect(r.answer).toMatchObject({
      value: 'not_in_place',
      owner: '情報システム部',
      dueDate: '2026-12-31',
      remediation: 'ルールセットを見直す',
      markedForReview: true,
      revision: 2,
    });
  });

  it('answers a selection in one go and undoes it as one change, recording both', async () => {
    const { rt, a } = await pci();
    await call(rt.ctx, 'answers.set', { assessmentId: a.id, controlKey: '1.1.1', value: 'in_place' });
    const b = await call(rt.ctx, 'answers.batch', {
      assessmentId: a.id,
      controlKeys: ['1.1.1', '1.1.2', '1.2.1'],
      value: 'not_applicable',
      justification: 'カード情報を扱う環境がない',
    });
    expect(b.changed).toBe(3);
    expect(b.progress.answered).toBe(3);
    const u = await call(rt.ctx, 'answers.undo', { assessmentId: a.id });
    expect(u.undone.sort()).toEqual(['1.1.1', '1.1.2', '1.2.1']);
    const after = new Map(
      (await call(rt.ctx, 'assessments.get', { id: a.id })).answers.map((x) => [x.controlId, x.value]),
    );
    expect(after.get('1.1.1')).toBe('in_place');
    expect(after.get('1.1.2') ?? null).toBeNull();
    expect(
      (await call(rt.ctx, 'audit.history', { assessmentId: a.id, controlKey: '1.1.1' })).map((e) => e.action),
    ).toEqual(['answer.undo', 'answer.set', 'answer.set']);
    await expect(call(rt.ctx, 'answers.undo', { assessmentId: a.id })).rejects.toMatchObject({ key: 'nothingToUndo' });
    expect(verifyAuditChain(rt.ctx.db).ok).toBe(true);
  });

  it('finalizes only after the quality check passes, locks answers, and records a reopening with its reason', async () => {
    const rt = await freshRuntime();
    const a = await call(rt.ctx, 'assessments.create', { name: 'Web', catalog: 'ipa-web-meeting' });
    const ids = (await call(rt.ctx, 'assessments.get', { id: a.id })).controls
      .filter((c) => c.assessable)
      .map((c) => c.controlId);
    await call(rt.ctx, 'assessments.setStatus', { id: a.id, status: 'in_review' });
    await expect(call(rt.ctx, 'assessments.setStatus', { id: a.id, status: 'final' })).rejects.toMatchObject({
      key: 'qualityBlocks',
    });
    await call(rt.ctx, 'answers.batch', { assessmentId: a.id, controlKeys: ids, value: 'implemented' });
    // Not applicable needs a reason: refused without one, nothing written.
    const unchanged = snapshotTables(rt.ctx.db);
    await expect(
      call(rt.ctx, 'answers.set', { assessmentId: a.id, controlKey: ids[0]!, value: 'not_applicable' }),
    ).rejects.toMatchObject({ key: 'justificationRequired', params: { control: ids[0] } });
    await expect(
      call(rt.ctx, 'answers.batch', { assessmentId: a.id, controlKeys: ids.slice(0, 2), value: 'not_applicable' }),
    ).rejects.toMatchObject({ key: 'justificationRequired' });
    expect(snapshotTables(rt.ctx.db)).toEqual(unchanged);
    await call(rt.ctx, 'answers.set', {
      assessmentId: a.id,
      controlKey: ids[0]!,
      value: 'not_applicable',
      justification: '録画機能を使わない',
    });
    await expect(
      call(rt.ctx, 'answers.set', { assessmentId: a.id, controlKey: ids[0]!, justification: '  ' }),
    ).rejects.toMatchObject({ key: 'justificationRequired' });
    // A workspace written before the rule may still hold one: the quality check names it and blocks finalizing.
    rt.ctx.db
      .prepare("UPDATE answers SET justification = '' WHERE assessment_id = ? AND value = 'not_applicable'")
      .run(a.id);
    const issues = await call(rt.ctx, 'assessments.quality', { id: a.id });
    expect(issues.filter((i) => i.kind === 'justificationMissing').map((i) => i.controlKey)).toEqual([ids[0]]);
    expect(issues.filter((i) => i.kind === 'compliantWithoutEvidence')).toHaveLength(ids.length - 1);
    await expect(call(rt.ctx, 'assessments.setStatus', { id: a.id, status: 'final' })).rejects.toMatchObject({
      key: 'qualityBlocks',
    });
    await call(rt.ctx, 'answers.set', { assessmentId: a.id, controlKey: ids[0]!, justification: '録画機能を使わない' });
    const fin = await call(rt.ctx, 'assessments.setStatus', { id: a.id, status: 'final' });
    expect(fin.status).toBe('final');
    const before = snapshotTables(rt.ctx.db);
    await expect(
      call(rt.ctx, 'answers.set', { assessmentId: a.id, controlKey: ids[1]!, value: 'partial' }),
    ).rejects.toMatchObject({ code: 'locked' });
    expect(snapshotTables(rt.ctx.db)).toEqual(before);
    await expect(call(rt.ctx, 'assessments.setStatus', { id: a.id, status: 'draft' })).rejects.toMatchObject({
      key: 'reopenReason',
    });
    await call(rt.ctx, 'assessments.setStatus', { id: a.id, status: 'draft', note: '監査人の指摘で再確認' });
    const h = await call(rt.ctx, 'audit.history', { assessmentId: a.id });
    expect(h[0]).toMatchObject({
      action: 'assessment.reopen',
      newValue: { status: 'draft', note: '監査人の指摘で再確認' },
    });
  });

  it('applies an applicability profile: an EC merchant sees and counts only what applies to it', async () => {
    const rt = await freshRuntime();
    const all = await call(rt.ctx, 'assessments.create', { name: 'all', catalog: 'credit-card-gl' });
    const ec = await call(rt.ctx, 'assessments.create', {
      name: 'ec',
      catalog: 'credit-card-gl',
      profile: 'ec-merchant',
    });
    expect(ec.progress.total).toBeLessThan(all.progress.total);
    expect(ec.progress.total).toBeGreaterThan(0);
    await expect(
      call(rt.ctx, 'assessments.create', { name: 'x', catalog: 'credit-card-gl', profile: 'no-such-actor' }),
    ).rejects.toMatchObject({ key: 'profileUnknown' });
  });
});

describe('organizations', () => {
  it('keeps the contact of a client and records a change to it', async () => {
    const rt = await freshRuntime();
    await call(rt.ctx, 'assessments.create', {
      name: 'a',
      catalog: 'ipa-web-meeting',
      organization: '株式会社甲',
      organizationContact: '総務部 山田 03-0000-0000',
    });
    await call(rt.ctx, 'assessments.create', { name: 'b', catalog: 'ipa-web-meeting', organization: '株式会社甲' });
    expect(await call(rt.ctx, 'organizations.list', {})).toMatchObject([
      { name: '株式会社甲', contact: '総務部 山田 03-0000-0000', assessmentCount: 2 },
    ]);
    await call(rt.ctx, 'assessments.create', {
      name: 'c',
      catalog: 'ipa-web-meeting',
      organization: '株式会社甲',
      organizationContact: '情報システム部 佐藤',
    });
    expect((await call(rt.ctx, 'organizations.list', {}))[0]?.contact).toBe('情報システム部 佐藤');
    expect(rt.ctx.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'organization.update'").get()).toEqual(
      { n: 1 },
    );
  });
});

describe('evidence', () => {
  it('stores a file once by SHA-256, links it to many controls, and hands back exactly the stored bytes', async () => {
    const { rt, a } = await pci();
    const e1 = await call(rt.ctx, 'evidence.add', {
      assessmentId: a.id,
      controlKeys: ['1.1.1'],
      fileName: 'ファイアウォール設定.txt',
      content: b64('permit 443'),
    });
    const e2 = await call(rt.ctx, 'evidence.add', {
      assessmentId: a.id,
      controlKeys: ['1.2.1'],
      fileName: 'copy.txt',
      content: b64('permit 443'),
    });
    expect(e2.id).toBe(e1.id);
    expect(e2.controlKeys).toEqual(['1.1.1', '1.2.1']);
    expect(e1.sha256).toBe(createHash('sha256').update('permit 443').digest('hex'));
    const path = evidencePath(rt.ctx.paths.evidenceDir, e1.sha256);
    expect(readFileSync(path, 'utf8')).toBe('permit 443');
    const got = await call(rt.ctx, 'evidence.content', { evidenceId: e1.id });
    expect(Buffer.from(got.content, 'base64').toString()).toBe('permit 443');
    expect((await call(rt.ctx, 'assessments.get', { id: a.id })).answers).toEqual([]);
    await call(rt.ctx, 'evidence.link', { evidenceId: e1.id, controlKey: '1.2.1', linked: false });
    expect((await call(rt.ctx, 'evidence.list', { assessmentId: a.id }))[0]?.controlKeys).toEqual(['1.1.1']);
  });

  it('refuses an altered stored file instead of handing it out', async () => {
    const { rt, a } = await pci();
    const e = await call(rt.ctx, 'evidence.add', {
      assessmentId: a.id,
      controlKeys: ['1.1.1'],
      fileName: 'a.txt',
      content: b64('original'),
    });
    writeFileSync(evidencePath(rt.ctx.paths.evidenceDir, e.sha256), 'tampered');
    await expect(call(rt.ctx, 'evidence.content', { evidenceId: e.id })).rejects.toMatchObject({
      key: 'evidenceAltered',
    });
  });

  it('refuses empty and oversized files and unknown controls, changing nothing', async () => {
    const { rt, a } = await pci();
    const before = snapshotTables(rt.ctx.db);
    expect(
      await dispatch(rt.ctx, 'evidence.add', {
        assessmentId: a.id,
        controlKeys: ['1.1.1'],
        fileName: 'big.bin',
        content: 'A'.repeat(36 * 1024 * 1024),
      }),
    ).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    expect(
      await dispatch(rt.ctx, 'evidence.add', {
        assessmentId: a.id,
        controlKeys: ['9.9.9.9'],
        fileName: 'a.txt',
        content: b64('x'),
      }),
    ).toMatchObject({ ok: false, error: { key: 'controlNotFound' } });
    expect(snapshotTables(rt.ctx.db)).toEqual(before);
    expect(existsSync(rt.ctx.paths.evidenceDir)).toBe(false);
  });
});

describe('suggestions from mappings', () => {
  it('turns coverage into a proposed meaning, never more than the mapping supports', () => {
    expect(proposedMeaning('compliant', 'equal')).toBe('compliant');
    expect(proposedMeaning('compliant', 'intersect')).toBe('partial');
    expect(proposedMeaning('noncompliant', 'superset')).toBe('noncompliant');
    expect(proposedMeaning('noncompliant', 'subset')).toBeNull();
    expect(proposedMeaning('not_applicable', 'equal')).toBeNull();
  });

  it('suggests ISMAP answers from a PCI DSS assessment of the same organization, and nothing from another organization', async () => {
    const rt = await freshRuntime();
    const p = await call(rt.ctx, 'assessments.create', { name: 'PCI', catalog: 'pci-dss@4.0.1', organization: 'A社' });
    const other = await call(rt.ctx, 'assessments.create', {
      name: 'PCI other',
      catalog: 'pci-dss@4.0.1',
      organization: 'B社',
    });
    const i = await call(rt.ctx, 'assessments.create', { name: 'ISMAP', catalog: 'ismap', organization: 'A社' });
    const mapped = rt.ctx.db
      .prepare(
        "SELECT l.source_control_id AS s, l.target_control_id AS t FROM mapping_links l JOIN mapping_sets m ON m.id = l.set_row WHERE m.mapping_id = 'pci-dss--ismap' LIMIT 1",
      )
      .get() as { s: string; t: string };
    await call(rt.ctx, 'answers.set', { assessmentId: other.id, controlKey: mapped.s, value: 'in_place' });
    expect(await call(rt.ctx, 'suggestions.list', { assessmentId: i.id })).toEqual([]);
    await call(rt.ctx, 'answers.set', { assessmentId: p.id, controlKey: mapped.s, value: 'in_place' });
    const s = await call(rt.ctx, 'suggestions.list', { assessmentId: i.id });
    expect(
      s.some((x) => x.controlKey === mapped.t && x.source.controlId === mapped.s && x.source.assessmentId === p.id),
    ).toBe(true);
    // Nothing was applied by itself.
    expect((await call(rt.ctx, 'assessments.get', { id: i.id })).answers).toEqual([]);
  });
});

describe('sample engagement', () => {
  it('creates a half-finished assessment with evidence and history, a previous final one, and suggestions; only once', async () => {
    const rt = await freshRuntime();
    const a = await call(rt.ctx, 'demo.create', {});
    expect(a.organization?.name).toBe(DEMO_ORGANIZATION);
    expect(a.progress.answered / a.progress.total).toBeGreaterThan(0.3);
    expect(a.progress.answered).toBeLessThan(a.progress.total);
    expect((await call(rt.ctx, 'evidence.list', { assessmentId: a.id })).length).toBe(3);
    const list = await call(rt.ctx, 'assessments.list', {});
    expect(
      list
        .filter((x) => x.organization?.name === DEMO_ORGANIZATION)
        .map((x) => x.status)
        .sort(),
    ).toEqual(['draft', 'draft', 'final']);
    expect((await call(rt.ctx, 'suggestions.list', { assessmentId: a.id })).length).toBeGreaterThan(0);
    expect((await call(rt.ctx, 'demo.create', {})).id).toBe(a.id);
    expect(verifyAuditChain(rt.ctx.db).ok).toBe(true);
  });
});

describe('revealing evidence', () => {
  it('is refused outside the desktop app and hands the workspace path (never a renderer path) to the desktop shell', async () => {
    const { rt, a } = await pci();
    const e = await call(rt.ctx, 'evidence.add', {
      assessmentId: a.id,
      controlKeys: ['1.1.1'],
      fileName: 'a.txt',
      content: b64('x'),
    });
    await expect(call(rt.ctx, 'evidence.reveal', { evidenceId: e.id })).rejects.toMatchObject({ key: 'desktopOnly' });
    const revealed: string[] = [];
    const desktop = {
      ...rt.ctx,
      platform: {
        revealFile: (p: string) => {
          revealed.push(p);
        },
      },
    };
    await call(desktop, 'evidence.reveal', { evidenceId: e.id });
    expect(revealed).toEqual([evidencePath(rt.ctx.paths.evidenceDir, e.sha256)]);
  });
});
