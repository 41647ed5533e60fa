import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { call } from '../../src/main/api/dispatch';
import { AppError } from '../../src/shared/api/errors';
import { freshRuntime, snapshotTables } from '../support/workspace';

type Rt = Awaited<ReturnType<typeof freshRuntime>>;

async function exported(rt: Rt, assessmentId: string, lang: 'ja' | 'en' = 'ja') {
  const f = await call(rt.ctx, 'answers.exportWorkbook', { assessmentId, lang });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(f.content, 'base64') as unknown as ArrayBuffer);
  return { file: f, wb };
}
const bytesOf = async (wb: ExcelJS.Workbook) => Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
const sheet = (wb: ExcelJS.Workbook, name: string) => wb.getWorksheet(name) as ExcelJS.Worksheet;

/** The data rows of the answer sheet (row number, catalog, control ID, answer cell text). */
function dataRows(ws: ExcelJS.Worksheet) {
  const out: { row: number; catalog: string; controlId: string; answer: string }[] = [];
  ws.eachRow((r, n) => {
    if (n === 1) return;
    out.push({
      row: n,
      catalog: String(r.getCell(1).value),
      controlId: String(r.getCell(2).value),
      answer: String(r.getCell(4).value ?? ''),
    });
  });
  return out;
}

async function demo() {
  const rt = await freshRuntime();
  const a = await call(rt.ctx, 'demo.create', {});
  return { rt, a };
}

describe('answer workbook (export → fill in → import)', () => {
  it('lists exactly the 10 answers changed in the workbook, applies them in one recorded step, and undo takes them back', async () => {
    const { rt, a } = await demo();
    const { wb } = await exported(rt, a.id);
    expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual([
      ['記入方法', 'visible'],
      ['_lists', 'hidden'],
      ['回答', 'visible'],
      ['_tenken', 'hidden'],
    ]);
    const ws = sheet(wb, '回答');
    expect(ws.getCell('A1').value).toBe('カタログ');
    // Sheet protection on, ID columns locked, answer column open and validated from the catalog's scale.
    expect((ws as unknown as { sheetProtection: { sheet: boolean } }).sheetProtection.sheet).toBe(true);
    expect(ws.getCell('B2').protection?.locked).not.toBe(false); // locked is the default of a cell
    expect(ws.getCell('D2').protection?.locked).toBe(false);
    expect(ws.getCell('D2').dataValidation?.type).toBe('list');
    const detail = await call(rt.ctx, 'assessments.get', { id: a.id });
    const compliant = detail.answerScale.find((s) => s.meaning === 'compliant');
    expect(compliant).toBeDefined();
    const rows = dataRows(ws).filter((r) => r.catalog === 'ismap' && r.answer !== compliant?.label.ja);
    expect(rows.length).toBeGreaterThan(10);
    const picked = rows.slice(0, 10);
    for (const r of picked) ws.getCell(r.row, 4).value = compliant?.label.ja ?? '';
    const content = await bytesOf(wb);

    const before = snapshotTables(rt.ctx.db);
    const p = await call(rt.ctx, 'answers.previewWorkbook', {
      assessmentId: a.id,
      fileName: 'dept.xlsx',
      content,
      lang: 'ja',
    });
    expect(p.problems).toEqual([]);
    expect(p.changes.map((c) => [c.controlId, c.field, c.after])).toEqual(
      picked.map((r) => [r.controlId, 'value', compliant?.value]),
    );
    expect(p.changes.every((c) => !c.changedSinceExport)).toBe(true);
    expect(snapshotTables(rt.ctx.db)).toEqual(before); // preview writes nothing

    const applied = await call(rt.ctx, 'answers.importWorkbook', {
      assessmentId: a.id,
      fileName: 'dept.xlsx',
      content,
      lang: 'ja',
      sha256: p.sha256,
    });
    expect(applied.changed).toBe(10);
    const after = await call(rt.ctx, 'assessments.get', { id: a.id });
    for (const r of picked)
      expect(after.answers.find((x) => x.controlId === r.controlId)?.value).toBe(compliant?.value);
    const hist = rt.ctx.db
      .prepare(
        "SELECT new_value FROM audit_log WHERE assessment_id = ? AND json_extract(new_value, '$.source.sha256') = ?",
      )
      .all(a.id, p.sha256) as { new_value: string }[];
    expect(hist.length).toBe(10);
    expect(JSON.parse(hist[0]?.new_value ?? '{}').source.fileName).toBe('dept.xlsx');
    expect((await call(rt.ctx, 'audit.verify', { assessmentId: a.id })).ok).toBe(true);

    // The same workbook again changes nothing; undo takes the whole import back as one step.
    const again = await call(rt.ctx, 'answers.previewWorkbook', {
      assessmentId: a.id,
      fileName: 'dept.xlsx',
      content,
      lang: 'ja',
    });
    expect(again.changes).toEqual([]);
    const undone = await call(rt.ctx, 'answers.undo', { assessmentId: a.id });
    expect(undone.undone.length).toBe(10);
  });

  it('refuses a workbook with a bad value, naming sheet, row and column, and changes nothing', async () => {
    const { rt, a } = await demo();
    const { wb } = await exported(rt, a.id);
    const ws = sheet(wb, '回答');
    const [r1, r2] = dataRows(ws);
    ws.getCell(`D${r1?.row}`).value = 'たぶん大丈夫';
    ws.getCell(`E${r2?.row}`).value = 'ok';
    const content = await bytesOf(wb);
    const before = snapshotTables(rt.ctx.db);
    const p = await call(rt.ctx, 'answers.previewWorkbook', {
      assessmentId: a.id,
      fileName: 'bad.xlsx',
      content,
      lang: 'ja',
    });
    expect(p.problems).toEqual([
      expect.objectContaining({ sheet: '回答', row: r1?.row, column: 'D', key: 'answerWorkbook.badValue' }),
    ]);
    const e = await call(rt.ctx, 'answers.importWorkbook', {
      assessmentId: a.id,
      fileName: 'bad.xlsx',
      content,
      lang: 'ja',
    }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).key).toBe('answerWorkbook.badValue');
    expect((e as AppError).params).toMatchObject({
      sheet: '回答',
      row: r1?.row as number,
      column: 'D',
      value: 'たぶん大丈夫',
    });
    expect(snapshotTables(rt.ctx.db)).toEqual(before);
  });

  it('refuses formulas, unknown IDs, a missing justification and a workbook of another assessment; flags changes made in the app since the export', async () => {
    const { rt, a } = await demo();
    const { wb } = await exported(rt, a.id, 'en');
    const ws = sheet(wb, 'Answers');
    const rows = dataRows(ws).filter((r) => r.catalog === 'ismap');
    const detail = await call(rt.ctx, 'assessments.get', { id: a.id });
    const needs = detail.answerScale.find((s) => s.justification === 'required');
    const partial = detail.answerScale.find((s) => s.meaning === 'partial');
    const excludableRow = rows.find((r) => detail.controls.find((c) => c.controlId === r.controlId)?.excludable);
    const [f, u, changedInApp] = rows.filter((r) => r !== excludableRow);
    ws.getCell(`E${f?.row}`).value = { formula: 'HYPERLINK("http://x","y")' } as ExcelJS.CellFormulaValue;
    ws.getCell(`B${u?.row}`).value = '99.99.99';
    ws.getCell(`D${excludableRow?.row}`).value = needs?.label.en ?? '';
    ws.getCell(`E${changedInApp?.row}`).value = 'from the workbook';
    const content = await bytesOf(wb);
    await call(rt.ctx, 'answers.set', {
      assessmentId: a.id,
      controlKey: changedInApp?.controlId ?? '',
      value: partial?.value ?? null,
    });
    const p = await call(rt.ctx, 'answers.previewWorkbook', {
      assessmentId: a.id,
      fileName: 'x.xlsx',
      content,
      lang: 'en',
    });
    expect(p.problems.map((x) => [x.row, x.column, x.key])).toEqual(
      [
        [excludableRow?.row, 'F', 'answerWorkbook.justificationRequired'],
        [f?.row, 'E', 'answerWorkbook.formula'],
        [u?.row, 'B', 'answerWorkbook.unknownControl'],
      ].sort((x, y) => (x[0] as number) - (y[0] as number)),
    );
    expect(p.changes).toEqual([
      expect.objectContaining({
        controlId: changedInApp?.controlId,
        field: 'comment',
        after: 'from the workbook',
        changedSinceExport: true,
      }),
    ]);

    const other = await call(rt.ctx, 'assessments.create', { name: 'other', catalog: 'ismap' });
    const e = await call(rt.ctx, 'answers.previewWorkbook', {
      assessmentId: other.id,
      fileName: 'x.xlsx',
      content,
      lang: 'ja',
    }).catch((x: unknown) => x);
    expect((e as AppError).key).toBe('answerWorkbook.otherAssessment');
    // The hidden base edited by hand: refused, the origin cannot be confirmed.
    sheet(wb, '_tenken').getCell('E10').value = 'tampered';
    const e2 = await call(rt.ctx, 'answers.previewWorkbook', {
      assessmentId: a.id,
      fileName: 'x.xlsx',
      content: await bytesOf(wb),
      lang: 'ja',
    }).catch((x: unknown) => x);
    expect((e2 as AppError).key).toBe('answerWorkbook.markerDamaged');
  });
});
