import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { call } from '../../src/main/api/dispatch';
import { loadCatalogFile, loadCatalogText } from '../../src/main/catalogs/loader';
import { sniffMediaType } from '../../src/main/assessments/evidence';
import { EVIDENCE_MEDIA_TYPES } from '../../src/core/assessment/evidence-name';
import { freshRuntime } from '../support/workspace';

const fixtures = join(__dirname, '../fixtures/catalogs');

describe('audit verify replays the history of real work without a false alarm', () => {
  it('the sample engagement with batches, undo, evidence, review, status changes, reopening and ignored suggestions', async () => {
    const rt = await freshRuntime();
    const demo = await call(rt.ctx, 'demo.create', {});
    await call(rt.ctx, 'answers.set', {
      assessmentId: demo.id,
      controlKey: 'ipa-web-meeting:S-1.2',
      value: 'partial',
      dueDate: '2026-12-31',
    });
    await call(rt.ctx, 'answers.undo', { assessmentId: demo.id });
    const d = await call(rt.ctx, 'assessments.get', { id: demo.id });
    const keys = d.controls
      .filter((c) => c.assessable && c.applicable)
      .slice(40, 43)
      .map((c) => c.controlId);
    await call(rt.ctx, 'answers.batch', {
      assessmentId: demo.id,
      controlKeys: keys,
      value: 'excluded',
      justification: '対象外の拠点',
    });
    await call(rt.ctx, 'answers.undo', { assessmentId: demo.id });
    const ev = (await call(rt.ctx, 'evidence.list', { assessmentId: demo.id }))[0]!;
    await call(rt.ctx, 'evidence.link', { evidenceId: ev.id, controlKey: ev.controlKeys[0]!, linked: false });
    await call(rt.ctx, 'evidence.link', { evidenceId: ev.id, controlKey: keys[0]!, linked: true });
    await call(rt.ctx, 'assessments.update', { id: demo.id, scope: '本番環境のみ', assessors: '佐藤' });
    await call(rt.ctx, 'assessments.update', { id: demo.id, name: '改名した点検' });
    const s = (await call(rt.ctx, 'suggestions.list', { assessmentId: demo.id }))[0];
    if (s)
      await call(rt.ctx, 'suggestions.dismiss', {
        assessmentId: demo.id,
        controlKey: s.controlKey,
        sourceAssessmentId: s.source.assessmentId,
        sourceControlKey: s.source.controlKey,
      });
    const prev = (await call(rt.ctx, 'assessments.list', {})).find((a) => a.status === 'final')!;
    await call(rt.ctx, 'assessments.setStatus', { id: prev.id, status: 'draft', note: '再確認' });
    const r = await call(rt.ctx, 'audit.verify', {});
    expect(r.divergence).toBeNull();
    expect(r).toMatchObject({ ok: true, reason: null });

    // And in another workspace after moving it there.
    const other = await freshRuntime();
    await call(other.ctx, 'assessments.import', {
      content: Buffer.from((await call(rt.ctx, 'assessments.export', { id: demo.id })).content, 'base64').toString(
        'utf8',
      ),
    });
    expect(await call(other.ctx, 'audit.verify', {})).toMatchObject({ ok: true, divergence: null });
  });

  it('a catalog upgrade that drops answers and links of changed and removed controls', async () => {
    const rt = await freshRuntime({ catalogsDir: fixtures });
    const now = new Date().toISOString();
    loadCatalogFile(rt.ctx.db, join(fixtures, 'mini.yaml'), 'imported', now);
    loadCatalogFile(rt.ctx.db, join(fixtures, 'mini-2.0.yaml'), 'imported', now);
    const a = await call(rt.ctx, 'assessments.create', { name: 'x', catalog: 'mini@1.0' });
    await call(rt.ctx, 'answers.set', { assessmentId: a.id, controlKey: '1.1', value: 'yes' });
    await call(rt.ctx, 'answers.set', { assessmentId: a.id, controlKey: '1.2', value: 'no' });
    await call(rt.ctx, 'answers.set', {
      assessmentId: a.id,
      controlKey: '2.1',
      value: 'na',
      justification: '暗号を使う業務がない',
    });
    await call(rt.ctx, 'evidence.add', {
      assessmentId: a.id,
      controlKeys: ['1.1', '1.2'],
      fileName: 'a.txt',
      content: Buffer.from('x').toString('base64'),
    });
    await call(rt.ctx, 'assessments.upgrade', { id: a.id, toVersion: '2.0' });
    await call(rt.ctx, 'answers.set', { assessmentId: a.id, controlKey: '1.1', value: 'no' });
    expect(await call(rt.ctx, 'audit.verify', {})).toMatchObject({ ok: true, divergence: null });
  });
});

describe('audit verify after a catalog version was corrected in place and then upgraded', () => {
  it('an answered control withdrawn in place is dropped by the upgrade without a false alarm', async () => {
    const rt = await freshRuntime({ catalogsDir: fixtures });
    const now = new Date().toISOString();
    const text = readFileSync(join(fixtures, 'mini.yaml'), 'utf8');
    loadCatalogText(rt.ctx.db, text, 'mini-in-place', 'imported', now);
    loadCatalogFile(rt.ctx.db, join(fixtures, 'mini-2.0.yaml'), 'imported', now);
    const a = await call(rt.ctx, 'assessments.create', { name: 'x', catalog: 'mini@1.0' });
    await call(rt.ctx, 'answers.set', { assessmentId: a.id, controlKey: '1.2', value: 'no' });
    await call(rt.ctx, 'answers.set', {
      assessmentId: a.id,
      controlKey: '2.1',
      value: 'na',
      justification: '暗号を使う業務がない',
    });
    await call(rt.ctx, 'evidence.add', {
      assessmentId: a.id,
      controlKeys: ['1.2', '2.1'],
      fileName: 'a.txt',
      content: Buffer.from('x').toString('base64'),
    });
    // The same version corrected in place: 2.1 disappears, and is kept as withdrawn because it was answered.
    const corrected = text.replace(/\n {2}- id: "2"[\s\S]*$/, '\n');
    expect(corrected).not.toContain('2.1');
    loadCatalogText(rt.ctx.db, corrected, 'mini-in-place', 'imported', now);
    expect(await call(rt.ctx, 'audit.verify', {})).toMatchObject({ ok: true });
    await call(rt.ctx, 'assessments.upgrade', { id: a.id, toVersion: '2.0' });
    expect((await call(rt.ctx, 'assessments.get', { id: a.id })).answers.map((x) => x.controlId)).toEqual(['1.2']);
    expect(await call(rt.ctx, 'audit.verify', {})).toMatchObject({ ok: true, divergence: null });
    // And moved to a workspace that has only the original 1.0 and 2.0.
    const other = await freshRuntime({ catalogsDir: fixtures });
    loadCatalogFile(other.ctx.db, join(fixtures, 'mini.yaml'), 'imported', now);
    loadCatalogFile(other.ctx.db, join(fixtures, 'mini-2.0.yaml'), 'imported', now);
    await call(other.ctx, 'assessments.import', {
      content: Buffer.from((await call(rt.ctx, 'assessments.export', { id: a.id })).content, 'base64').toString('utf8'),
    });
    expect(await call(other.ctx, 'audit.verify', {})).toMatchObject({ ok: true, divergence: null });
  });
});

describe('evidence media types', () => {
  it('every type the app assigns is one the importer accepts, and no other', () => {
    const names = [
      'a.txt',
      'a.csv',
      'a.log',
      'a.md',
      'a.json',
      'a.xml',
      'a.docx',
      'a.xlsx',
      'a.pptx',
      'a.zip',
      'a.eml',
      'a.html',
      'a.sh',
      'a',
    ];
    const magic = ['89504e470d0a1a0a', 'ffd8ffe0', '47494638', '25504446', '524946460000000057454250'].map((h) =>
      Buffer.from(h, 'hex'),
    );
    const assigned = new Set([
      ...names.map((n) => sniffMediaType(Buffer.from('plain'), n)),
      ...magic.map((b) => sniffMediaType(b, 'x')),
    ]);
    expect([...assigned].sort()).toEqual([...EVIDENCE_MEDIA_TYPES].sort());
  });
});
