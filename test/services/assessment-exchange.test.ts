import Ajv2020 from 'ajv/dist/2020';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assessmentFileJsonSchema } from '../../src/core/exchange/assessment-file';
import { call } from '../../src/main/api/dispatch';
import { runCli } from '../../src/main/cli/main';
import { verifyAuditChain } from '../../src/main/audit/audit-log';
import { freshRuntime, snapshotTables, tempDir } from '../support/workspace';

const HOSTILE = {
  comment: '<script>alert(1)</script> と =HYPERLINK("http://x","y")',
  remediation: `長文${'あ'.repeat(10000)}`,
};

/** The sample engagement (two catalogs, evidence, history), with a hostile comment and an ignored suggestion. */
async function filled() {
  const rt = await freshRuntime();
  const demo = await call(rt.ctx, 'demo.create', {});
  await call(rt.ctx, 'answers.set', {
    assessmentId: demo.id,
    controlKey: 'ipa-web-meeting:S-1.2',
    value: 'partial',
    ...HOSTILE,
    dueDate: '2026-12-31',
  });
  const s = (await call(rt.ctx, 'suggestions.list', { assessmentId: demo.id }))[0];
  if (s)
    await call(rt.ctx, 'suggestions.dismiss', {
      assessmentId: demo.id,
      controlKey: s.controlKey,
      sourceAssessmentId: s.source.assessmentId,
      sourceControlKey: s.source.controlKey,
    });
  return { rt, demo };
}

const exported = async (rt: Awaited<ReturnType<typeof freshRuntime>>, id: string) =>
  Buffer.from((await call(rt.ctx, 'assessments.export', { id })).content, 'base64');

describe('assessment file (tenken-assessment/1)', () => {
  it('moves an assessment to another workspace whole: export → import → export gives the same bytes', async () => {
    const { rt, demo } = await filled();
    const first = await exported(rt, demo.id);
    const doc = JSON.parse(first.toString('utf8')) as {
      format: string;
      catalogs: { catalog: string }[];
      answers: unknown[];
      evidence: { content: string }[];
      history: unknown[];
      dismissedSuggestions: unknown[];
    };
    expect(doc.format).toBe('tenken-assessment/1');
    expect(doc.catalogs.map((c) => c.catalog)).toEqual(['ismap', 'ipa-web-meeting']);
    expect(doc.evidence.length).toBe(3);
    expect(doc.history.length).toBeGreaterThan(doc.answers.length);
    expect(doc.dismissedSuggestions.length).toBeGreaterThanOrEqual(0);

    const other = await freshRuntime();
    const imported = await call(other.ctx, 'assessments.import', { content: first.toString('utf8') });
    expect(imported).toMatchObject({
      id: demo.id,
      name: demo.name,
      status: demo.status,
      progress: demo.progress,
      organization: { name: demo.organization?.name },
    });
    expect((await exported(other, demo.id)).equals(first)).toBe(true);

    // Everything works there: answers per catalog, history per control, evidence bytes, a verifiable chain.
    const web = await call(other.ctx, 'assessments.get', { id: demo.id, catalog: 'ipa-web-meeting' });
    expect(web.answers.find((a) => a.controlId === 'S-1.2')).toMatchObject({
      value: 'partial',
      comment: HOSTILE.comment,
      remediation: HOSTILE.remediation,
      dueDate: '2026-12-31',
    });
    const hist = await call(other.ctx, 'audit.history', { assessmentId: demo.id, controlKey: 'ipa-web-meeting:S-1.2' });
    expect(hist[0]).toMatchObject({ action: 'answer.set' });
    const ev = await call(other.ctx, 'evidence.list', { assessmentId: demo.id });
    const content = await call(other.ctx, 'evidence.content', { evidenceId: ev[0]!.id });
    expect(content.sha256).toBe(ev[0]!.sha256);
    expect(verifyAuditChain(other.ctx.db).ok).toBe(true);
  });

  it('imports a file written before the newer answer fields existed: each missing field takes its empty value and the history still verifies', async () => {
    const { rt, demo } = await filled();
    const doc = JSON.parse((await exported(rt, demo.id)).toString('utf8')) as {
      answers: Record<string, unknown>[];
      history: { newValue: unknown; oldValue: unknown }[];
    };
    // The fields wave 2 added (review mark, customized approach, carried forward, severity, the PCI worksheet).
    const newer = [
      'markedForReview',
      'customizedApproach',
      'carriedForward',
      'severity',
      'ccwConstraints',
      'ccwObjective',
      'ccwRisk',
      'ccwDefinition',
      'ccwValidation',
      'ccwMaintenance',
    ];
    const strip = (v: unknown) => {
      if (v && typeof v === 'object') for (const k of newer) delete (v as Record<string, unknown>)[k];
    };
    doc.answers.forEach(strip);
    doc.history.forEach((h) => (strip(h.newValue), strip(h.oldValue)));
    expect(JSON.stringify(doc.answers)).not.toContain('ccwRisk');

    const other = await freshRuntime();
    await call(other.ctx, 'assessments.import', { content: JSON.stringify(doc) });
    const web = await call(other.ctx, 'assessments.get', { id: demo.id, catalog: 'ipa-web-meeting' });
    expect(web.answers.find((a) => a.controlId === 'S-1.2')).toMatchObject({
      value: 'partial',
      comment: HOSTILE.comment,
      severity: null,
      ccwRisk: '',
      markedForReview: false,
    });
    expect(verifyAuditChain(other.ctx.db).ok).toBe(true);
    expect((await call(other.ctx, 'audit.verify', {})).ok).toBe(true);
  });

  it('refuses, changing nothing: the same assessment twice, altered evidence, a catalog the workspace lacks, broken JSON, another format', async () => {
    const { rt, demo } = await filled();
    const text = (await exported(rt, demo.id)).toString('utf8');
    const before = snapshotTables(rt.ctx.db);
    await expect(call(rt.ctx, 'assessments.import', { content: text })).rejects.toMatchObject({
      key: 'assessmentExists',
    });
    expect(snapshotTables(rt.ctx.db)).toEqual(before);

    const other = await freshRuntime();
    const clean = snapshotTables(other.ctx.db);
    const doc = JSON.parse(text) as {
      evidence: { content: string }[];
      catalogs: { version: string }[];
      format: string;
    };
    const altered = structuredClone(doc);
    altered.evidence[0]!.content = Buffer.from('not the same bytes').toString('base64');
    await expect(call(other.ctx, 'assessments.import', { content: JSON.stringify(altered) })).rejects.toMatchObject({
      key: 'assessmentFileEvidence',
    });
    const missing = structuredClone(doc);
    missing.catalogs[0]!.version = '1999-01';
    await expect(call(other.ctx, 'assessments.import', { content: JSON.stringify(missing) })).rejects.toMatchObject({
      key: 'importCatalogMissing',
      params: { catalog: 'ismap@1999-01' },
    });
    await expect(call(other.ctx, 'assessments.import', { content: text.slice(0, 500) })).rejects.toMatchObject({
      key: 'assessmentFileInvalid',
    });
    await expect(
      call(other.ctx, 'assessments.import', { content: JSON.stringify({ ...doc, format: 'tenken-assessment/9' }) }),
    ).rejects.toMatchObject({ key: 'assessmentFileFormat' });
    await expect(
      call(other.ctx, 'assessments.import', { content: JSON.stringify({ ...doc, answers: [{ bogus: true }] }) }),
    ).rejects.toMatchObject({ key: 'assessmentFileInvalid' });
    expect(snapshotTables(other.ctx.db)).toEqual(clean);
  });

  it('round-trips through the CLI: tenken assessment export / import', async () => {
    const { rt, demo } = await filled();
    const out = join(tempDir(), 'engagement.json');
    writeFileSync(out, ''); // the export overwrites
    rt.close();
    const io = { out: () => undefined, err: () => undefined };
    expect(
      await runCli(
        ['--data-dir', rt.ctx.paths.dataDir, 'assessment', 'export', demo.id, '--format', 'json', '--out', out],
        io,
      ),
    ).toBe(0);
    const target = tempDir();
    expect(await runCli(['--data-dir', target, 'assessment', 'import', out], io)).toBe(0);
    const again = join(tempDir(), 'again.json');
    expect(await runCli(['--data-dir', target, 'assessment', 'export', demo.id, '--out', again], io)).toBe(0);
    expect(readFileSync(again).equals(readFileSync(out))).toBe(true);
    expect(await runCli(['--data-dir', target, 'assessment', 'import', out], io)).toBe(1);
  });
});

describe('docs/tenken-assessment.schema.json', () => {
  const file = join(__dirname, '../../docs/tenken-assessment.schema.json');
  it('is up to date with the zod schema, accepts a real export and refuses an answer without its control', async () => {
    const published = JSON.parse(readFileSync(file, 'utf8')) as object;
    expect(published).toEqual(assessmentFileJsonSchema());
    const validate = new Ajv2020({ strict: false, allErrors: true }).compile(published);
    const { rt, demo } = await filled();
    const doc = JSON.parse((await exported(rt, demo.id)).toString('utf8')) as { answers: Record<string, unknown>[] };
    expect(validate(doc), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    delete doc.answers[0]!.controlId;
    expect(validate(doc)).toBe(false);
  });
});
