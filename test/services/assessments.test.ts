import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { call } from '../../src/main/api/dispatch';
import { verifyAuditChain } from '../../src/main/audit/audit-log';
import { loadCatalogFile, loadShippedCatalogs } from '../../src/main/catalogs/loader';
import { AppError } from '../../src/shared/api/errors';
import { startRuntime } from '../../src/main/app/runtime';
import { freshRuntime, tempDir } from '../support/workspace';

const fixtures = join(__dirname, '../fixtures/catalogs');

describe('catalog loading', () => {
  it('loads the shipped catalogs once and does no work for unchanged files', async () => {
    const rt = await startRuntime({ dataDir: tempDir(), shell: 'cli' });
    expect(rt.catalogs.every((c) => c.status === 'added')).toBe(true);
    const again = loadShippedCatalogs(rt.ctx.db, join(__dirname, '../../catalogs'), new Date().toISOString());
    expect(again.map((c) => c.status)).toEqual(rt.catalogs.map(() => 'unchanged'));
    rt.close();
  });

  it('ships the IPA web-conference checklist', async () => {
    const rt = await freshRuntime();
    const list = await call(rt.ctx, 'catalogs.list', {});
    const web = list.find((c) => c.catalogId === 'ipa-web-meeting');
    expect(web?.version).toBe('2020-07-14');
    expect(web?.assessableCount).toBeGreaterThan(20);
    expect(web?.textKind).toBe('own-summary');
  });
});

describe('assessments and answers', () => {
  async function withMini() {
    const rt = await freshRuntime({ catalogsDir: fixtures });
    loadCatalogFile(rt.ctx.db, join(fixtures, 'mini.yaml'), 'imported', new Date().toISOString());
    return rt;
  }

  it('creates an assessment pinned to a catalog version, with its organization', async () => {
    const rt = await withMini();
    const a = await call(rt.ctx, 'assessments.create', {
      name: '点検 2026',
      catalog: 'mini@1.0',
      organization: '株式会社テスト',
    });
    expect(a.catalog).toMatchObject({ catalogId: 'mini', version: '1.0' });
    expect(a.progress).toEqual({ answered: 0, total: 3 });
    expect(await call(rt.ctx, 'organizations.list', {})).toMatchObject([
      { name: '株式会社テスト', assessmentCount: 1 },
    ]);
  });

  it('saves an answer with who and when, counts progress, and records the change in the history chain', async () => {
    const rt = await withMini();
    const a = await call(rt.ctx, 'assessments.create', { name: 'x', catalog: 'mini' });
    const first = await call(rt.ctx, 'answers.set', {
      assessmentId: a.id,
      controlKey: '1.1',
      value: 'yes',
      comment: '規程 v3 を確認',
    });
    expect(first.progress).toEqual({ answered: 1, total: 3 });
    expect(first.answer).toMatchObject({ value: 'yes', comment: '規程 v3 を確認', revision: 1 });
    const second = await call(rt.ctx, 'answers.set', { assessmentId: a.id, controlKey: '1.1', value: 'no' });
    expect(second.answer).toMatchObject({ value: 'no', comment: '規程 v3 を確認', revision: 2 });
    const history = rt.ctx.db
      .prepare("SELECT action, old_value, new_value FROM audit_log WHERE action = 'answer.set' ORDER BY seq")
      .all() as { old_value: string | null; new_value: string }[];
    expect(history).toHaveLength(2);
    expect(JSON.parse(history[1]!.old_value!)).toMatchObject({ value: 'yes' });
    expect(JSON.parse(history[1]!.new_value)).toMatchObject({ value: 'no' });
    expect(verifyAuditChain(rt.ctx.db)).toMatchObject({ ok: true, entries: 3 });
  });

  it('writes nothing for a save that changes nothing', async () => {
    const rt = await withMini();
    const a = await call(rt.ctx, 'assessments.create', { name: 'x', catalog: 'mini' });
    await call(rt.ctx, 'answers.set', { assessmentId: a.id, controlKey: '1.1', value: 'yes' });
    const r = await call(rt.ctx, 'answers.set', { assessmentId: a.id, controlKey: '1.1', value: 'yes' });
    expect(r.answer.revision).toBe(1);
    expect(rt.ctx.db.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual({ n: 2 });
  });

  it('refuses values outside the catalog scale, headings and unknown controls', async () => {
    const rt = await withMini();
    const a = await call(rt.ctx, 'assessments.create', { name: 'x', catalog: 'mini' });
    await expect(
      call(rt.ctx, 'answers.set', { assessmentId: a.id, controlKey: '1.1', value: 'maybe' }),
    ).rejects.toMatchObject({ key: 'answerValueUnknown' });
    await expect(
      call(rt.ctx, 'answers.set', { assessmentId: a.id, controlKey: '1', value: 'yes' }),
    ).rejects.toMatchObject({ key: 'controlNotAssessable' });
    await expect(
      call(rt.ctx, 'answers.set', { assessmentId: a.id, controlKey: '9.9', value: 'yes' }),
    ).rejects.toBeInstanceOf(AppError);
    expect(rt.ctx.db.prepare('SELECT count(*) AS n FROM answers').get()).toEqual({ n: 0 });
  });

  it('detects an edited history row', async () => {
    const rt = await withMini();
    const a = await call(rt.ctx, 'assessments.create', { name: 'x', catalog: 'mini' });
    await call(rt.ctx, 'answers.set', { assessmentId: a.id, controlKey: '1.1', value: 'yes' });
    await call(rt.ctx, 'answers.set', { assessmentId: a.id, controlKey: '1.2', value: 'no' });
    // Someone with the file drops the trigger and rewrites history.
    rt.ctx.db.exec('DROP TRIGGER audit_log_no_update');
    rt.ctx.db.prepare(`UPDATE audit_log SET new_value = '{"value":"yes"}' WHERE seq = 3`).run();
    expect(verifyAuditChain(rt.ctx.db)).toMatchObject({ ok: false, brokenAt: 3, reason: 'hash' });
  });
});
