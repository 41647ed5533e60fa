import ExcelJS from 'exceljs';
import { createHash, randomUUID } from 'node:crypto';
import { answerFieldsOf, sameAnswer, type AnswerFields } from '../../core/assessment/answer-fields';
import {
  ANSWER_WORKBOOK_FORMAT,
  WORKBOOK_COLUMNS,
  WORKBOOK_FIELDS,
  diffWorkbook,
  workbookStateHash,
  workbookText,
  type BaseRow,
  type CatalogRules,
  type CurrentControl,
  type WorkbookCell,
  type WorkbookChange,
  type AnswerWorkbookApplied,
  type AnswerWorkbookPreview,
  type WorkbookMarker,
  type WorkbookRow,
} from '../../core/assessment/answer-workbook';
import { controlKey } from '../../core/assessment/control-key';
import { ANSWER_WORKBOOK_WORDS } from '../../core/wording/answer-workbook';
import { AppError } from '../../shared/api/errors';
import { appendAudit } from '../audit/audit-log';
import { MAX_XLSX_BYTES, XlsxReadError, cellText as readCellText, checkZipExpansion } from '../catalogs/xlsx-reader';
import { isoNow, type ServiceContext } from '../context';
import { cellText, sheetName, XLSX_MEDIA_TYPE } from '../report/render/xlsx';
import { actorOf } from '../settings/settings';
import { storedAnswer, upsertAnswer } from './answer-rows';
import { catalogsOf } from './assessment-catalogs';
import { assertEditable, getAssessmentCatalogDetails } from './assessments';

/**
 * The answer workbook: export an assessment's controls as an Excel workbook a department fills in (Excel or
 * LibreOffice), and import it back: preview (every change, or every refused cell) and apply (all or nothing, one
 * transaction, recorded in the history with the file's name and SHA-256). The pure rules are in
 * src/core/assessment/answer-workbook.ts.
 *
 * Sheets: the instructions, the answers (one row per assessable control in scope, every catalog of the
 * assessment), and two hidden sheets: `_tenken` (marker and base) and `_lists` (the answer labels per catalog that
 * the answer column's data validation refers to). The answer sheet is protected without a password: the ID and
 * title columns are locked, the answer, comment, justification, owner and due columns are not. Excel and
 * LibreOffice both honour the protection; it guards against slips, not against a person who unprotects the sheet,
 * so the import checks every ID against the base anyway.
 */

const MARKER_SHEET = '_tenken';
const LISTS_SHEET = '_lists';
const BASE_FIRST_ROW = 10;
const LOCKED_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEDEDED' } };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF5' } };

type Lang = 'ja' | 'en';

const clean = (s: string) => workbookText(cellText(s));
/** Lines a text needs in a wrapped column `width` characters wide (a full-width character counts twice). */
const rowLines = (s: string, width: number) =>
  Math.max(1, Math.ceil([...s].reduce((n, ch) => n + (ch.charCodeAt(0) > 0x2e7f ? 2 : 1), 0) / (width * 0.95)));

function fieldsForWorkbook(a: AnswerFields): BaseRow['fields'] {
  return {
    value: a.value,
    comment: clean(a.comment),
    justification: clean(a.justification),
    owner: clean(a.owner),
    dueDate: a.dueDate,
  };
}

export async function exportAnswerWorkbook(
  ctx: ServiceContext,
  input: { assessmentId: string; lang: Lang },
): Promise<{ fileName: string; mediaType: string; content: string }> {
  const W = ANSWER_WORKBOOK_WORDS[input.lang];
  const details = getAssessmentCatalogDetails(ctx, input.assessmentId);
  const parts = catalogsOf(ctx, input.assessmentId);
  const first = details[0];
  if (!first) throw new AppError('not_found', 'assessmentNotFound', { id: input.assessmentId });
  const exportId = randomUUID();
  const exportedAt = isoNow(ctx);

  const wb = new ExcelJS.Workbook();
  wb.creator = `Tenken ${ctx.appVersion}`;
  wb.title = `${first.name} — ${W.sheetAnswers}`;
  wb.created = new Date(exportedAt);
  wb.modified = wb.created;

  // Instructions
  const info = wb.addWorksheet(sheetName(W.sheetInstructions), { properties: { tabColor: { argb: 'FF1F4E79' } } });
  info.columns = [{ width: 22 }, { width: 96 }];
  info.pageSetup = { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
  const title = info.addRow([cellText(W.instructionsTitle)]);
  title.font = { bold: true, size: 14 };
  info.addRow([]);
  W.instructions.forEach((line, i) => {
    const r = info.addRow([`${i + 1}.`, cellText(line)]);
    r.getCell(2).alignment = { wrapText: true, vertical: 'top' };
    r.getCell(1).alignment = { vertical: 'top', horizontal: 'right' };
    r.height = 16 * rowLines(line, 96);
  });
  info.addRow([]);
  const kv = (k: string, v: string) => {
    const r = info.addRow([cellText(k), cellText(v)]);
    r.getCell(1).font = { bold: true };
  };
  kv(W.assessment, first.name);
  if (first.organization) kv(W.organization, first.organization.name);
  kv(W.exportedAt, exportedAt);
  kv(W.exportId, exportId);
  info.addRow([]);
  const lists = wb.addWorksheet(LISTS_SHEET, { state: 'hidden' });
  details.forEach((d, i) => {
    const head = info.addRow([cellText(`${W.scaleHeading}: ${d.catalog.title[input.lang]}`)]);
    head.font = { bold: true };
    lists.getCell(1, i + 1).value = d.catalog.catalogId;
    d.answerScale.forEach((s, j) => {
      info.addRow([
        '',
        cellText(
          s.justification === 'required' ? `${s.label[input.lang]}（${W.needsJustification}）` : s.label[input.lang],
        ),
      ]);
      lists.getCell(j + 2, i + 1).value = cellText(s.label[input.lang]);
    });
  });

  // Answers
  const ws = wb.addWorksheet(sheetName(W.sheetAnswers), { views: [{ state: 'frozen', ySplit: 1, xSplit: 2 }] });
  ws.columns = [
    { width: 16 },
    { width: 14 },
    { width: 48 },
    { width: 16 },
    { width: 44 },
    { width: 32 },
    { width: 16 },
    { width: 14 },
  ];
  const header = ws.addRow(
    [W.catalog, W.controlId, W.controlTitle, W.answer, W.comment, W.justification, W.owner, W.dueDate].map(cellText),
  );
  header.font = { bold: true };
  header.height = 30;
  header.eachCell((c) => {
    c.fill = HEADER_FILL;
    c.alignment = { vertical: 'top', wrapText: true };
  });
  const base: BaseRow[] = [];
  details.forEach((d, i) => {
    const part = parts.find((p) => p.catalogRow === d.catalog.ref);
    const position = part?.position ?? i;
    const answers = new Map(d.answers.map((a) => [a.controlId, a]));
    const listRef = `'${LISTS_SHEET}'!$${String.fromCharCode(65 + i)}$2:$${String.fromCharCode(65 + i)}$${d.answerScale.length + 1}`;
    for (const c of d.controls) {
      if (!c.assessable || !c.applicable) continue;
      const a = answers.get(c.controlId);
      const fields = fieldsForWorkbook(answerFieldsOf(a));
      base.push({
        key: controlKey(position, d.catalog.catalogId, c.controlId),
        catalogId: d.catalog.catalogId,
        controlId: c.controlId,
        revision: a?.revision ?? 0,
        fields,
      });
      const label =
        fields.value === null
          ? ''
          : (d.answerScale.find((s) => s.value === fields.value)?.label[input.lang] ?? fields.value);
      const row = ws.addRow([
        d.catalog.catalogId,
        cellText(c.controlId),
        cellText(c.title[input.lang] || c.title.ja || c.title.en),
        cellText(label),
        fields.comment,
        fields.justification,
        fields.owner,
        fields.dueDate ?? '',
      ]);
      row.eachCell({ includeEmpty: true }, (cell, col) => {
        const editable = col >= WORKBOOK_COLUMNS.value;
        cell.protection = { locked: !editable };
        cell.alignment = {
          vertical: 'top',
          wrapText:
            col === WORKBOOK_COLUMNS.title ||
            col === WORKBOOK_COLUMNS.comment ||
            col === WORKBOOK_COLUMNS.justification,
        };
        if (!editable) cell.fill = LOCKED_FILL;
        // Text cells: what is typed stays text (an owner "0012" or an ID-like comment is not turned into a number).
        if (editable && col !== WORKBOOK_COLUMNS.value) cell.numFmt = '@';
      });
      row.height =
        15 *
        Math.min(
          8,
          Math.max(
            rowLines(String(row.getCell(WORKBOOK_COLUMNS.title).value ?? ''), 48),
            rowLines(fields.comment, 44),
            rowLines(fields.justification, 32),
          ),
        );
      row.getCell(WORKBOOK_COLUMNS.value).dataValidation = {
        type: 'list',
        allowBlank: true,
        formulae: [listRef],
        showErrorMessage: true,
        errorStyle: 'stop',
        errorTitle: cellText(W.answer),
        error: cellText(d.answerScale.map((s) => s.label[input.lang]).join(' / ')),
      };
    }
  });
  ws.pageSetup = {
    orientation: 'landscape',
    paperSize: 9,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: '1:1',
  };
  ws.autoFilter = {
    from: { row: 1, column: 1 },
    to: { row: Math.max(1, base.length + 1), column: WORKBOOK_COLUMNS.dueDate },
  };
  await ws.protect('', {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
    autoFilter: true,
    sort: true,
  });

  // Marker and base (hidden)
  const marker: WorkbookMarker = {
    format: ANSWER_WORKBOOK_FORMAT,
    assessmentId: input.assessmentId,
    exportId,
    exportedAt,
    stateSha256: workbookStateHash({ assessmentId: input.assessmentId, exportId, exportedAt }, base),
  };
  const ms = wb.addWorksheet(MARKER_SHEET, { state: 'hidden' });
  (['format', 'assessmentId', 'exportId', 'exportedAt', 'stateSha256'] as const).forEach((k, i) => {
    ms.getCell(i + 1, 1).value = k;
    ms.getCell(i + 1, 2).value = marker[k];
  });
  base.forEach((b, i) => {
    const r = ms.getRow(BASE_FIRST_ROW + i);
    r.values = [b.key, b.catalogId, b.controlId, b.revision, ...WORKBOOK_FIELDS.map((f) => b.fields[f] ?? '')];
  });
  await ms.protect('', {});
  wb.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 1, visibility: 'visible' }];

  const bytes = Buffer.from(await wb.xlsx.writeBuffer());
  return {
    fileName: `tenken-answers-${input.assessmentId.slice(0, 8)}-${exportedAt.slice(0, 10)}.xlsx`,
    mediaType: XLSX_MEDIA_TYPE,
    content: bytes.toString('base64'),
  };
}

type ReadWorkbook = { marker: WorkbookMarker; base: BaseRow[]; rows: WorkbookRow[] };

const refuse = (key: string, params: Record<string, string | number> = {}) =>
  new AppError('bad_input', `answerWorkbook.${key}`, params);

/** Reads a workbook with the catalog importer's guards (size, ZIP bomb) before exceljs sees it. */
async function readWorkbook(bytes: Buffer, fileName: string): Promise<ReadWorkbook> {
  if (bytes.byteLength > MAX_XLSX_BYTES)
    throw refuse('tooLarge', { file: fileName, maxMb: MAX_XLSX_BYTES / 1024 / 1024 });
  if (bytes.byteLength < 4 || bytes.readUInt32LE(0) !== 0x04034b50) throw refuse('notWorkbook', { file: fileName });
  try {
    checkZipExpansion(bytes);
  } catch (e) {
    if (e instanceof XlsxReadError && e.key === 'xlsxUnpackedTooLarge')
      throw refuse('tooLarge', { file: fileName, maxMb: 100 });
    throw refuse('notWorkbook', { file: fileName });
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as Parameters<typeof wb.xlsx.load>[0]);
  } catch {
    throw refuse('notWorkbook', { file: fileName });
  }
  const ms = wb.getWorksheet(MARKER_SHEET);
  if (!ms) throw refuse('notAnswerWorkbook', { file: fileName });
  const str = (r: number, c: number) => readCellText(ms.getCell(r, c).value);
  const marker: WorkbookMarker = {
    format: str(1, 2),
    assessmentId: str(2, 2),
    exportId: str(3, 2),
    exportedAt: str(4, 2),
    stateSha256: str(5, 2),
  };
  if (marker.format !== ANSWER_WORKBOOK_FORMAT) throw refuse('notAnswerWorkbook', { file: fileName });
  const base: BaseRow[] = [];
  for (let r = BASE_FIRST_ROW; r < BASE_FIRST_ROW + 100_000; r++) {
    const key = str(r, 1);
    if (key === '') break;
    const t = (c: number) => workbookText(str(r, c));
    base.push({
      key,
      catalogId: str(r, 2),
      controlId: str(r, 3),
      revision: Number(str(r, 4)),
      fields: {
        value: t(5) === '' ? null : t(5),
        comment: t(6),
        justification: t(7),
        owner: t(8),
        dueDate: t(9) === '' ? null : t(9),
      },
    });
  }
  if (workbookStateHash(marker, base) !== marker.stateSha256)
    throw refuse('markerDamaged', { file: fileName, sheet: MARKER_SHEET });

  // The answer sheet: the visible sheet whose header row starts with the catalog and control-ID columns.
  const heads = new Set(
    (['ja', 'en'] as const).flatMap((l) => [
      `${ANSWER_WORKBOOK_WORDS[l].catalog}\u0000${ANSWER_WORKBOOK_WORDS[l].controlId}`,
    ]),
  );
  const ws = wb.worksheets.find(
    (w) =>
      w.state !== 'hidden' &&
      w.state !== 'veryHidden' &&
      heads.has(`${readCellText(w.getCell(1, 1).value)}\u0000${readCellText(w.getCell(1, 2).value)}`),
  );
  if (!ws) throw refuse('noAnswerSheet', { file: fileName });
  const rows: WorkbookRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    if (n === 1) return;
    const cells: Partial<Record<number, WorkbookCell>> = {};
    let any = false;
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      if (col > WORKBOOK_COLUMNS.dueDate) return;
      const v = cell.value;
      const formula = typeof v === 'object' && v !== null && ('formula' in v || 'sharedFormula' in v);
      const text = formula ? '' : readCellText(v, cell.numFmt);
      if (text !== '' || formula) any = true;
      cells[col] = { text, formula };
    });
    if (any) rows.push({ sheet: ws.name, row: n, cells });
  });
  return { marker, base, rows };
}

async function previewOf(
  ctx: ServiceContext,
  input: { assessmentId: string; fileName: string; content: string; lang: Lang },
): Promise<AnswerWorkbookPreview> {
  const bytes = Buffer.from(input.content, 'base64');
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const wb = await readWorkbook(bytes, input.fileName);
  if (wb.marker.assessmentId !== input.assessmentId)
    throw refuse('otherAssessment', {
      file: input.fileName,
      workbook: wb.marker.assessmentId,
      assessment: input.assessmentId,
    });
  const details = getAssessmentCatalogDetails(ctx, input.assessmentId);
  const parts = catalogsOf(ctx, input.assessmentId);
  const current = new Map<string, CurrentControl>();
  const rules = new Map<string, CatalogRules>();
  const labels: Record<string, string> = {};
  for (const d of details) {
    const position = parts.find((p) => p.catalogRow === d.catalog.ref)?.position ?? 0;
    rules.set(d.catalog.catalogId, { scale: d.answerScale, customizedApproach: d.customizedApproach });
    for (const s of d.answerScale) labels[`${d.catalog.catalogId}:${s.value}`] = s.label[input.lang];
    const answers = new Map(d.answers.map((a) => [a.controlId, a]));
    for (const c of d.controls) {
      if (!c.assessable) continue;
      const key = controlKey(position, d.catalog.catalogId, c.controlId);
      const a = answers.get(c.controlId);
      current.set(key, {
        key,
        catalogId: d.catalog.catalogId,
        controlId: c.controlId,
        revision: a?.revision ?? 0,
        fields: answerFieldsOf(a),
        excludable: c.excludable,
      });
    }
  }
  const diff = diffWorkbook(wb.base, wb.rows, current, rules, input.lang);
  return {
    ...diff,
    fileName: input.fileName,
    sha256,
    exportId: wb.marker.exportId,
    exportedAt: wb.marker.exportedAt,
    labels,
  };
}

/** Every change the workbook asks for and every refused cell; writes nothing. */
export function previewAnswerWorkbook(
  ctx: ServiceContext,
  input: { assessmentId: string; fileName: string; content: string; lang: Lang },
): Promise<AnswerWorkbookPreview> {
  assertEditable(ctx, input.assessmentId);
  return previewOf(ctx, input);
}

/**
 * Applies the workbook: all of its changes in one transaction, or nothing when any cell is refused (the first one
 * is the error, with how many there are). `sha256`, when given, must be the file previewed: a different file is
 * refused. Each changed answer is one history entry (`answer.set`) carrying the batch and the file's name and
 * SHA-256, so undo takes the whole import back as one step.
 */
export async function applyAnswerWorkbook(
  ctx: ServiceContext,
  input: { assessmentId: string; fileName: string; content: string; lang: Lang; sha256?: string | undefined },
): Promise<AnswerWorkbookApplied> {
  assertEditable(ctx, input.assessmentId);
  const p = await previewOf(ctx, input);
  if (input.sha256 !== undefined && input.sha256 !== p.sha256) throw refuse('fileChanged', { file: input.fileName });
  const firstProblem = p.problems[0];
  if (firstProblem)
    throw new AppError('bad_input', firstProblem.key, {
      ...firstProblem.params,
      sheet: firstProblem.sheet,
      row: firstProblem.row,
      column: firstProblem.column,
      more: p.problems.length - 1,
    });
  const byKey = new Map<string, WorkbookChange[]>();
  for (const c of p.changes) byKey.set(c.controlKey, [...(byKey.get(c.controlKey) ?? []), c]);
  const at = isoNow(ctx);
  const actor = actorOf(ctx);
  const batch = randomUUID();
  const source = {
    kind: 'answer-workbook',
    fileName: input.fileName.slice(0, 255),
    sha256: p.sha256,
    exportId: p.exportId,
  };
  ctx.db
    .transaction(() => {
      for (const [key, list] of byKey) {
        const c = list[0] as WorkbookChange;
        const row = ctx.db
          .prepare(
            'SELECT k.id FROM controls k JOIN assessment_catalogs p ON p.catalog_row = k.catalog_row JOIN catalogs c ON c.id = k.catalog_row WHERE p.assessment_id = ? AND c.catalog_id = ? AND k.control_id = ? AND k.withdrawn = 0',
          )
          .get(input.assessmentId, c.catalogId, c.controlId) as { id: number } | undefined;
        if (!row) throw new AppError('not_found', 'controlNotFound', { control: key });
        const stored = storedAnswer(ctx.db, input.assessmentId, row.id);
        const before = stored?.fields ?? answerFieldsOf(undefined);
        const after = { ...before } as Record<string, unknown>;
        for (const ch of list) after[ch.field] = ch.after;
        if (sameAnswer(before, after as AnswerFields)) continue;
        upsertAnswer(
          ctx.db,
          { assessmentId: input.assessmentId, controlRow: row.id, at, actor },
          after as AnswerFields,
        );
        appendAudit(ctx.db, {
          at,
          actor,
          action: 'answer.set',
          assessmentId: input.assessmentId,
          entity: 'answer',
          entityId: key,
          oldValue: stored ? before : null,
          newValue: { ...after, batch, source },
          appVersion: ctx.appVersion,
        });
      }
      if (byKey.size) ctx.db.prepare('UPDATE assessments SET updated_at = ? WHERE id = ?').run(at, input.assessmentId);
    })
    .immediate();
  return { changed: p.changes.length, controls: byKey.size, sha256: p.sha256, changes: p.changes };
}
