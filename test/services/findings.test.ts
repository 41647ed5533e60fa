import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { call } from '../../src/main/api/dispatch';
import { buildReport, collectReportInput } from '../../src/main/report/build';
import { buildResultsJson } from '../../src/main/report/results-file';
import { buildReportModel } from '../../src/core/report/model';
import { BLOCKING } from '../../src/main/assessments/status';
import { freshRuntime, snapshotTables } from '../support/workspace';

type Runtime = Awaited<ReturnType<typeof freshRuntime>>;

const exported = async (rt: Runtime, id: string) =>
  Buffer.from((await call(rt.ctx, 'assessments.export', { id })).content, 'base64').toString('utf8');

const CONSTRAINT = '基幹システムが旧版のため、パスワード長 12 文字を設定できない（ベンダー回答 2026-04）。';
const DEFINITION = '多要素認証を全利用者に必須とし、認証ログを毎日レビューする。';

/** A PCI DSS v4.0.1 assessment with three findings of different severity and one CCW item. */
async function pciWithFindings() {
  const rt = await freshRuntime();
  const a = await call(rt.ctx, 'assessments.create', { name: 'PCI 2026', catalog: 'pci-dss@4.0.1' });
  const set = (controlKey: string, fields: Record<string, unknown>) =>
    call(rt.ctx, 'answers.set', { assessmentId: a.id, controlKey, ...fields });
  // Due dates run against severity, so the order shows severity decides first.
  await set('2.2.1', { value: 'not_in_place', dueDate: '2026-12-31' });
  await set('8.3.5', { value: 'not_in_place', dueDate: '2027-01-01', severity: 'low' });
  await set('1.2.1', { value: 'not_in_place', dueDate: '2027-06-01', severity: 'high' });
  await set('8.3.6', {
    value: 'in_place_ccw',
    justification: '旧システムの制約のため代替コントロールで満たす。',
    ccwConstraints: CONSTRAINT,
    ccwDefinition: DEFINITION,
  });
  return { rt, a };
}

describe('finding severity and the compensating-control worksheet', () => {
  it('are saved and recorded, reach every report format, and travel in the assessment file byte for byte', async () => {
    const { rt, a } = await pciWithFindings();
    const detail = await call(rt.ctx, 'assessments.get', { id: a.id });
    // The catalog marks the CCW value, and only it.
    expect(detail.answerScale.filter((s) => s.worksheet === 'ccw').map((s) => s.value)).toEqual(['in_place_ccw']);
    expect(detail.answers.find((x) => x.controlId === '1.2.1')?.severity).toBe('high');
    expect(detail.answers.find((x) => x.controlId === '8.3.6')).toMatchObject({
      ccwConstraints: CONSTRAINT,
      ccwDefinition: DEFINITION,
      ccwRisk: '',
    });
    const hist = await call(rt.ctx, 'audit.history', { assessmentId: a.id, controlKey: '8.3.6' });
    expect(hist[0]?.newValue).toMatchObject({ ccwConstraints: CONSTRAINT });
    expect(
      (await call(rt.ctx, 'audit.history', { assessmentId: a.id, controlKey: '1.2.1' }))[0]?.newValue,
    ).toMatchObject({ severity: 'high' });

    const input = collectReportInput(rt.ctx, { assessmentId: a.id, lang: 'ja' });
    const model = buildReportModel(input);
    // Highest severity first, not set last, whatever the due dates say.
    expect(model.findings.map((f) => [f.controlId, f.severityLabel])).toEqual([
      ['1.2.1', '高'],
      ['8.3.5', '低'],
      ['2.2.1', ''],
    ]);
    expect(model.hasWorksheet).toBe(true);
    const pci = model.scheme?.kind === 'pci' ? model.scheme.pci : null;
    expect(pci?.worksheets.map((w) => w.controlId)).toEqual(['8.3.6']);
    expect(pci?.worksheets[0]?.fields.map((f) => [f.label, f.empty])).toEqual([
      ['制約', false],
      ['本来の目的', true],
      ['特定したリスク', true],
      ['代替コントロールの内容', false],
      ['検証方法', true],
      ['維持方法', true],
    ]);
    expect(pci?.requirements.find((r) => r.controlId === '8')?.ccw).toBe(1);

    const results = JSON.parse(buildResultsJson(input).text) as {
      answers: { controlId: string; severity: string | null; ccwDefinition: string }[];
    };
    expect(results.answers.find((x) => x.controlId === '1.2.1')?.severity).toBe('high');
    expect(results.answers.find((x) => x.controlId === '8.3.6')?.ccwDefinition).toBe(DEFINITION);

    const csv = (await buildReport(rt.ctx, { assessmentId: a.id, format: 'csv', lang: 'en' })).bytes.toString('utf8');
    const [header, ...lines] = csv.slice(1).split('\r\n');
    expect(header).toContain('Severity,Constraints,Objective of the original requirement,Identified risk');
    expect(lines.find((l) => l.startsWith('1.2.1,'))).toContain(',High,');
    expect(lines.find((l) => l.startsWith('8.3.6,'))).toContain(CONSTRAINT);

    const xlsx = (await buildReport(rt.ctx, { assessmentId: a.id, format: 'xlsx', lang: 'ja' })).bytes;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['概要', '回答', '指摘事項', '代替コントロール', '証跡']);
    const actions = wb.getWorksheet('指摘事項') as ExcelJS.Worksheet;
    expect([2, 3, 4].map((r) => [actions.getRow(r).getCell(1).value, actions.getRow(r).getCell(3).value])).toEqual([
      ['高', '1.2.1'],
      ['低', '8.3.5'],
      ['', '2.2.1'],
    ]);
    const ccw = wb.getWorksheet('代替コントロール') as ExcelJS.Worksheet;
    expect(ccw.getRow(1).getCell(5).value).toBe('制約');
    expect(ccw.getRow(2).getCell(1).value).toBe('8.3.6');
    expect(ccw.getRow(2).getCell(5).value).toBe(CONSTRAINT);
    expect(ccw.getRow(2).getCell(8).value).toBe(DEFINITION);

    // Export → import elsewhere → export: the same bytes, the fields kept, the history verifies.
    const file = await exported(rt, a.id);
    const other = await freshRuntime();
    await call(other.ctx, 'assessments.import', { content: file });
    expect(await exported(other, a.id)).toBe(file);
    expect(
      (await call(other.ctx, 'assessments.get', { id: a.id })).answers.find((x) => x.controlId === '8.3.6')
        ?.ccwDefinition,
    ).toBe(DEFINITION);
    expect((await call(other.ctx, 'audit.verify', {})).ok).toBe(true);
  }, 120_000);

  it('the quality check warns, without blocking, about a worksheet with empty fields and names them', async () => {
    const { rt, a } = await pciWithFindings();
    const issues = await call(rt.ctx, 'assessments.quality', { id: a.id });
    const ccw = issues.filter((i) => i.kind === 'ccwIncomplete');
    expect(ccw).toEqual([
      expect.objectContaining({
        controlKey: '8.3.6',
        detail: 'ccwObjective, ccwRisk, ccwValidation, ccwMaintenance',
      }),
    ]);
    expect(BLOCKING.has('ccwIncomplete')).toBe(false);
    for (const k of ['ccwObjective', 'ccwRisk', 'ccwValidation', 'ccwMaintenance'])
      await call(rt.ctx, 'answers.set', { assessmentId: a.id, controlKey: '8.3.6', [k]: `記入済み（${k}）` });
    expect((await call(rt.ctx, 'assessments.quality', { id: a.id })).some((i) => i.kind === 'ccwIncomplete')).toBe(
      false,
    );
  }, 60_000);

  it('refuses a severity outside 高/中/低, and nothing changes', async () => {
    const { rt, a } = await pciWithFindings();
    const before = snapshotTables(rt.ctx.db);
    await expect(
      call(rt.ctx, 'answers.set', { assessmentId: a.id, controlKey: '2.2.1', severity: 'critical' as 'high' }),
    ).rejects.toMatchObject({ code: 'bad_input' });
    expect(snapshotTables(rt.ctx.db)).toEqual(before);
  }, 60_000);
});

describe('the overall comment (総評)', () => {
  const COMMENT =
    '全体として管理策は概ね整備されているが、脆弱性管理と委託先管理に改善の余地がある。\n次回までに是正を確認する。';

  it('is one recorded detail: history entry, replay (audit verify), results JSON, report summary, XLSX', async () => {
    const rt = await freshRuntime();
    const a = await call(rt.ctx, 'assessments.create', { name: '2026年度 点検', catalog: 'ismap' });
    expect((await call(rt.ctx, 'assessments.get', { id: a.id })).overallComment).toBe('');
    await call(rt.ctx, 'assessments.update', { id: a.id, overallComment: COMMENT });
    expect((await call(rt.ctx, 'assessments.get', { id: a.id })).overallComment).toBe(COMMENT);
    const entries = await call(rt.ctx, 'audit.history', { assessmentId: a.id, entity: 'assessment' });
    const entry = entries.find((e) => e.action === 'assessment.update');
    expect(entry).toMatchObject({ oldValue: { overallComment: '' }, newValue: { overallComment: COMMENT } });
    // Saving the same text again writes nothing.
    const count = entries.length;
    await call(rt.ctx, 'assessments.update', { id: a.id, overallComment: COMMENT });
    expect(await call(rt.ctx, 'audit.history', { assessmentId: a.id, entity: 'assessment' })).toHaveLength(count);
    expect((await call(rt.ctx, 'audit.verify', {})).ok).toBe(true);

    const input = collectReportInput(rt.ctx, { assessmentId: a.id, lang: 'ja' });
    expect(buildReportModel(input).summary.overallComment).toBe(COMMENT);
    const results = JSON.parse(buildResultsJson(input).text) as { assessment: { overallComment: string } };
    expect(results.assessment.overallComment).toBe(COMMENT);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(
      (await buildReport(rt.ctx, { assessmentId: a.id, format: 'xlsx', lang: 'en' })).bytes as unknown as ArrayBuffer,
    );
    const rows: unknown[][] = [];
    (wb.getWorksheet('Summary') as ExcelJS.Worksheet).eachRow((r) =>
      rows.push([r.getCell(1).value, r.getCell(2).value]),
    );
    expect(rows).toContainEqual(['Overall assessment', COMMENT]);

    // Changed behind the history's back: the replay names the field.
    rt.ctx.db.prepare('UPDATE assessments SET overall_comment = ? WHERE id = ?').run('書き換え', a.id);
    const check = await call(rt.ctx, 'audit.verify', {});
    expect(check.ok).toBe(false);
    expect(JSON.stringify(check)).toContain('overallComment');
  }, 60_000);

  it('travels in the assessment file (byte for byte; a file from before it imports with an empty one) and merges like a detail', async () => {
    const a = await freshRuntime();
    const created = await call(a.ctx, 'assessments.create', { name: '2026年度 点検', catalog: 'ismap' });
    const id = created.id;
    const plain = await exported(a, id);
    // A file written before the field existed: imported with '', exported again as today's file.
    const old = JSON.parse(plain) as { assessment: Record<string, unknown> };
    expect(old.assessment.overallComment).toBe('');
    delete old.assessment.overallComment;
    const fromOld = await freshRuntime();
    await call(fromOld.ctx, 'assessments.import', { content: JSON.stringify(old) });
    expect((await call(fromOld.ctx, 'assessments.get', { id })).overallComment).toBe('');
    expect(await exported(fromOld, id)).toBe(plain);

    // The other copy writes the 総評; merging its file brings it over with its history entry.
    const b = await freshRuntime();
    await call(b.ctx, 'assessments.import', { content: plain });
    await call(b.ctx, 'assessments.update', { id, overallComment: COMMENT });
    const theirs = await exported(b, id);
    const c = await freshRuntime();
    await call(c.ctx, 'assessments.import', { content: theirs });
    expect(await exported(c, id)).toBe(theirs);

    const preview = await call(a.ctx, 'assessments.mergePreview', { content: theirs });
    expect(preview).toMatchObject({ outcome: 'merge', incoming: { details: ['overallComment'] }, conflicts: [] });
    await call(a.ctx, 'assessments.merge', { content: theirs });
    expect((await call(a.ctx, 'assessments.get', { id })).overallComment).toBe(COMMENT);
    expect((await call(a.ctx, 'audit.verify', {})).ok).toBe(true);
  }, 120_000);
});
