import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scoreAssessment } from '../../src/core/assessment/scoring';
import { buildReportModel } from '../../src/core/report/model';
import { call } from '../../src/main/api/dispatch';
import { collectReportInput } from '../../src/main/report/build';
import { RESULTS_SCHEMA } from '../../src/core/report/results-json';
import { buildResultsJson } from '../../src/main/report/results-file';
import { DEMO_ORGANIZATION } from '../../src/main/assessments/demo';
import { evidencePath } from '../../src/main/assessments/evidence';
import { freshRuntime } from '../support/workspace';

const NOW = new Date('2026-07-01T03:04:05Z');

async function demo() {
  const rt = await freshRuntime({ now: () => NOW });
  const a = await call(rt.ctx, 'demo.create', {});
  return { rt, a };
}

describe('report model (demo ISMAP assessment)', () => {
  it('has a cover with the engagement, the catalog and its source, the time, the tool and the marking', async () => {
    const { rt, a } = await demo();
    const m = buildReportModel(collectReportInput(rt.ctx, { assessmentId: a.id, lang: 'ja' }));
    expect(m.marking).toBe('社外秘');
    expect(m.cover).toMatchObject({
      organization: DEMO_ORGANIZATION,
      assessmentName: a.name,
      scope: 'SaaS「サンプルクラウド」の本番環境と運用部門',
      assessors: '佐藤 花子、田中 誠',
      period: '2026-06-01 〜 2026-07-31',
      status: '作成中',
      catalogVersion: '2024-07',
      sourceUrl: 'https://www.ismap.go.jp/',
      generatedAt: '2026-07-01 03:04 UTC',
      appVersion: `Tenken ${rt.ctx.appVersion}`,
    });
    expect(m.cover.catalog).toContain('ISMAP');
    expect(m.cover.publisher).not.toBe('');
    expect(m.cover.textKindNote).toContain('要約');
    expect(m.cover.fields.map((f) => f.label)).toEqual(
      expect.arrayContaining([
        '組織',
        '点検名',
        '対象範囲',
        '点検者',
        '点検期間',
        '管理策カタログ',
        '発行者',
        '出典 URL',
        '作成日時',
        '作成ツール',
      ]),
    );
  });

  it('summarises with the dashboard\u2019s scoring, per group figures and a radar chart', async () => {
    const { rt, a } = await demo();
    const input = collectReportInput(rt.ctx, { assessmentId: a.id, lang: 'ja' });
    const m = buildReportModel(input);
    const d = input.detail;
    const expected = scoreAssessment({
      controls: d.controls,
      answers: d.answers,
      scale: d.answerScale,
      scoring: d.scoring,
    });
    expect(m.summary.total).toBe(expected.overall.total);
    expect(m.summary.answered).toBe(expected.overall.answered);
    expect(m.summary.score).toBe(
      `${(Math.round((expected.overall.score as number) * 10) / 10).toFixed(1).replace(/\.0$/, '')}%`,
    );
    expect(m.summary.counts.reduce((n, c) => n + c.count, 0)).toBe(m.summary.total);
    expect(m.summary.counts.map((c) => c.label)).toEqual(['実施', '一部実施', '未実施', '除外', '未回答']);
    expect(m.summary.groups).toHaveLength(16);
    expect(m.summary.groups.reduce((n, g) => n + g.total, 0)).toBe(m.summary.total);
    expect(m.summary.radar?.labels).toHaveLength(16);
    expect(m.summary.radar?.labels[0]?.text).toMatch(/^3 /);
  });

  it('lists every control in scope once in its group, with answer label, comment, justification and evidence names', async () => {
    const { rt, a } = await demo();
    const m = buildReportModel(collectReportInput(rt.ctx, { assessmentId: a.id, lang: 'ja' }));
    const rows = m.groups.flatMap((g) => g.rows);
    expect(rows).toHaveLength(m.summary.total);
    expect(new Set(rows.map((r) => r.controlId)).size).toBe(rows.length);
    expect(m.groups[0]?.heading).toMatch(/^3 /);
    const withEvidence = rows.find((r) => r.controlId === '4.2');
    expect(withEvidence?.evidence).toEqual(['IAMポリシー設定画面.png']);
    expect(rows.some((r) => r.comment.includes('議事録'))).toBe(true);
    expect(rows.filter((r) => r.value === null).every((r) => r.answer === '未回答')).toBe(true);
  });

  it('sorts findings by due date (none last) and lists exclusions with their justification', async () => {
    const { rt, a } = await demo();
    const m = buildReportModel(collectReportInput(rt.ctx, { assessmentId: a.id, lang: 'ja' }));
    expect(m.findings.length).toBe(
      (m.summary.counts.find((c) => c.meaning === 'partial')?.count ?? 0) +
        (m.summary.counts.find((c) => c.meaning === 'noncompliant')?.count ?? 0),
    );
    expect(m.findings.every((f) => f.meaning === 'partial' || f.meaning === 'noncompliant')).toBe(true);
    const dues = m.findings.map((f) => f.dueDate ?? '9999');
    expect(dues).toEqual([...dues].sort());
    expect(m.findings[0]?.dueDate).toBe('2026-09-30');
    expect(m.findings.at(-1)?.dueDate).toBeNull();
    expect(m.findings.find((f) => f.dueDate)?.owner).not.toBe('');
    expect(m.exclusions.length).toBeGreaterThan(0);
    expect(m.exclusions.every((x) => x.justification.includes('スコープ定義書') && !x.missing)).toBe(true);
  });

  it('carries the evidence manifest with the SHA-256 of the stored files, the history chain and the catalog licence', async () => {
    const { rt, a } = await demo();
    const m = buildReportModel(collectReportInput(rt.ctx, { assessmentId: a.id, lang: 'ja' }));
    expect(m.evidence.map((e) => e.fileName).sort()).toEqual([
      'IAMポリシー設定画面.png',
      'ログ保管設定_確認記録.txt',
      '情報セキュリティ基本方針_v3.pdf',
    ]);
    for (const e of m.evidence) {
      expect(e.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(
        createHash('sha256')
          .update(readFileSync(evidencePath(rt.ctx.paths.evidenceDir, e.sha256)))
          .digest('hex'),
      ).toBe(e.sha256);
      expect(e.controlIds.length).toBeGreaterThan(0);
      expect(e.addedBy).not.toBe('');
      expect(e.sizeText).toMatch(/バイト$/);
    }
    expect(m.audit.ok).toBe(true);
    expect(m.audit.head).toMatch(/^[0-9a-f]{64}$/);
    expect(m.audit.assessmentEntries).toBeGreaterThan(80);
    expect(m.audit.entries).toBeGreaterThanOrEqual(m.audit.assessmentEntries ?? 0);
    expect(m.source.fields.find((f) => f.label === '利用条件')?.value).not.toBe('');
  });

  it('is plain, deterministic data in the chosen report language', async () => {
    const { rt, a } = await demo();
    const input = collectReportInput(rt.ctx, { assessmentId: a.id, lang: 'en', marking: 'CONFIDENTIAL' });
    const m = buildReportModel(input);
    expect(JSON.parse(JSON.stringify(m))).toEqual(m);
    expect(buildReportModel(input)).toEqual(m);
    expect(m.labels.findings).toBe('Findings and remediation plan');
    expect(m.summary.counts.map((c) => c.label)).toEqual([
      'Implemented',
      'Partially implemented',
      'Not implemented',
      'Excluded',
      'Unanswered',
    ]);
    expect(m.marking).toBe('CONFIDENTIAL');
    expect(m.cover.status).toBe('Draft');
  });

  it('keeps user text as plain strings (escaping is the renderers\u2019 job)', async () => {
    const { rt, a } = await demo();
    await call(rt.ctx, 'answers.set', {
      assessmentId: a.id,
      controlKey: '4.2',
      comment: '<script>alert(1)</script> & "x"',
    });
    const m = buildReportModel(collectReportInput(rt.ctx, { assessmentId: a.id, lang: 'ja' }));
    expect(m.groups.flatMap((g) => g.rows).find((r) => r.controlId === '4.2')?.comment).toBe(
      '<script>alert(1)</script> & "x"',
    );
  });
});

describe('results JSON', () => {
  it('is versioned, canonical and hashes the same for the same data', async () => {
    const { rt, a } = await demo();
    const input = collectReportInput(rt.ctx, { assessmentId: a.id, lang: 'ja' });
    const r = buildResultsJson(input);
    expect(buildResultsJson(input).sha256).toBe(r.sha256);
    expect(r.sha256).toBe(createHash('sha256').update(r.text, 'utf8').digest('hex'));
    const doc = JSON.parse(r.text) as {
      schema: string;
      answers: { controlId: string; value: string | null; evidenceSha256: string[] }[];
      evidence: { sha256: string }[];
      audit: { head: string };
      catalog: { catalogId: string; version: string };
    };
    expect(doc.schema).toBe(RESULTS_SCHEMA);
    expect(Object.keys(doc)).toEqual([...Object.keys(doc)].sort());
    expect(doc.catalog).toMatchObject({ catalogId: 'ismap', version: '2024-07' });
    const { progress } = await call(rt.ctx, 'assessments.get', { id: a.id });
    expect(doc.answers).toHaveLength(progress.total);
    expect(doc.answers.filter((x) => x.value !== null)).toHaveLength(progress.answered);
    expect(doc.answers.find((x) => x.controlId === '4.2')?.evidenceSha256).toEqual([
      expect.stringMatching(/^[0-9a-f]{64}$/),
    ]);
    expect(doc.evidence).toHaveLength(3);
    expect(doc.audit.head).toMatch(/^[0-9a-f]{64}$/);
  });
});
