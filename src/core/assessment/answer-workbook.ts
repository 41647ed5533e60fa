import type { AnswerValue } from '../catalog/format';
import { canonicalJson } from '../util/canonical-json';
import { sha256Hex } from '../util/sha256';
import type { AnswerFields } from './answer-fields';
import { checkAnswer } from './answer-rules';

/**
 * The answer workbook (`tenken-answer-workbook/1`), pure part: what an export records about the state it was
 * made from, and how a filled-in workbook becomes a list of changes (or of refused cells) against the state the
 * assessment has now. The workbook itself is written and read in src/main/assessments/answer-workbook.ts.
 *
 * The export writes, on a hidden sheet, the marker (assessment ID, export ID, time, a SHA-256 over all of it) and
 * the base: every exported control with its revision and the five workbook fields as they were written. On import,
 * a field counts as changed by the person filling in the workbook when its cell differs from the base; only those
 * fields are applied, each checked with the one rule engine (answer-rules.ts) on the answer as it would be stored.
 * A control whose revision moved on since the export was changed in the app meanwhile: its changes say so.
 */

export const ANSWER_WORKBOOK_FORMAT = 'tenken-answer-workbook/1';
export const WORKBOOK_FIELDS = ['value', 'comment', 'justification', 'owner', 'dueDate'] as const;
export type WorkbookField = (typeof WORKBOOK_FIELDS)[number];
export type WorkbookFields = Pick<AnswerFields, WorkbookField>;

/** Answer-sheet columns (1-based), fixed: A catalog, B control ID, C title, D answer, E comment, F justification, G owner, H due. */
export const WORKBOOK_COLUMNS = {
  catalog: 1,
  controlId: 2,
  title: 3,
  value: 4,
  comment: 5,
  justification: 6,
  owner: 7,
  dueDate: 8,
} as const;
export const columnLetter = (n: number): string =>
  n <= 26 ? String.fromCharCode(64 + n) : columnLetter(Math.floor((n - 1) / 26)) + columnLetter(((n - 1) % 26) + 1);

export type BaseRow = { key: string; catalogId: string; controlId: string; revision: number; fields: WorkbookFields };
export type WorkbookMarker = {
  format: string;
  assessmentId: string;
  exportId: string;
  exportedAt: string;
  stateSha256: string;
};

/** The hash that ties the marker to the base rows: a changed hidden sheet no longer matches it. */
export function workbookStateHash(m: Omit<WorkbookMarker, 'stateSha256' | 'format'>, base: readonly BaseRow[]): string {
  return sha256Hex(
    canonicalJson({
      format: ANSWER_WORKBOOK_FORMAT,
      assessmentId: m.assessmentId,
      exportId: m.exportId,
      exportedAt: m.exportedAt,
      base,
    }),
  );
}

/** Text as the workbook holds it: line ends as LF (Excel and LibreOffice may write CR LF). */
export const workbookText = (s: string): string => s.replace(/\r\n?/g, '\n');

export type WorkbookCell = { text: string; formula: boolean };
/** One non-empty row of the answer sheet as read: cells by column number. */
export type WorkbookRow = { sheet: string; row: number; cells: Partial<Record<number, WorkbookCell>> };

export type CatalogRules = {
  scale: readonly AnswerValue[];
  customizedApproach: boolean;
};
/** The control as the assessment has it now. */
export type CurrentControl = {
  key: string;
  catalogId: string;
  controlId: string;
  revision: number;
  fields: AnswerFields;
  /** Whether the catalog lets this control be excluded (exclusion-rule.ts). */
  excludable: boolean;
};

export type WorkbookProblem = {
  sheet: string;
  row: number;
  column: string;
  key: string;
  params: Record<string, string | number>;
};

export type WorkbookChange = {
  controlKey: string;
  catalogId: string;
  controlId: string;
  field: WorkbookField;
  /** As the assessment has it now, and as the workbook has it (answer values as their IDs). */
  before: string | null;
  after: string | null;
  /** As exported; differs from `before` when the control was changed in the app after the export. */
  exported: string | null;
  changedSinceExport: boolean;
};

export type WorkbookDiff = { changes: WorkbookChange[]; problems: WorkbookProblem[]; rows: number };

/** What answers.previewWorkbook returns: the diff, the file's identity and the export it came from. */
export type AnswerWorkbookPreview = WorkbookDiff & {
  fileName: string;
  sha256: string;
  exportId: string;
  exportedAt: string;
  /** Answer labels in the language asked for, by `<catalog-id>:<value>` (to show the value field's changes). */
  labels: Record<string, string>;
};
export type AnswerWorkbookApplied = { changed: number; controls: number; sha256: string; changes: WorkbookChange[] };

const LIMITS: Record<Exclude<WorkbookField, 'value' | 'dueDate'>, number> = {
  comment: 20000,
  justification: 20000,
  owner: 200,
};

/** The answer value a cell names: a label of the scale in either language, or the value's ID; '' = not answered. */
export function answerValueOf(scale: readonly AnswerValue[], text: string): string | null | undefined {
  const t = text.normalize('NFKC').trim();
  if (t === '') return null;
  const low = t.toLowerCase();
  const hit = scale.find(
    (s) =>
      s.value.toLowerCase() === low ||
      s.label.ja.normalize('NFKC').trim() === t ||
      s.label.en.normalize('NFKC').trim().toLowerCase() === low,
  );
  return hit ? hit.value : undefined;
}

const validDate = (s: string): boolean => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};

const fieldText = (v: string | null): string | null => v;

/**
 * The changes a filled-in workbook asks for, or the cells it is refused for (all of them, each named by sheet,
 * row and column). `rules` by catalog ID. Rows left out of the workbook change nothing.
 */
export function diffWorkbook(
  base: readonly BaseRow[],
  rows: readonly WorkbookRow[],
  current: ReadonlyMap<string, CurrentControl>,
  rules: ReadonlyMap<string, CatalogRules>,
  lang: 'ja' | 'en',
): WorkbookDiff {
  const C = WORKBOOK_COLUMNS;
  const byId = new Map(base.map((b) => [`${b.catalogId}\u0000${b.controlId}`, b]));
  const seen = new Map<string, number>();
  const problems: WorkbookProblem[] = [];
  const changes: WorkbookChange[] = [];
  for (const r of rows) {
    const at = (col: number, key: string, params: Record<string, string | number> = {}) =>
      problems.push({ sheet: r.sheet, row: r.row, column: columnLetter(col), key, params });
    const text = (col: number) => workbookText(r.cells[col]?.text ?? '');
    let formula = false;
    for (const [col, cell] of Object.entries(r.cells))
      if (cell?.formula) {
        formula = true;
        at(Number(col), 'answerWorkbook.formula');
      }
    if (formula) continue;
    const catalogId = text(C.catalog).trim();
    const controlId = text(C.controlId).trim();
    const b = byId.get(`${catalogId}\u0000${controlId}`);
    const cur = b ? current.get(b.key) : undefined;
    const rule = b ? rules.get(b.catalogId) : undefined;
    if (!b || !cur || !rule) {
      at(C.controlId, 'answerWorkbook.unknownControl', { control: controlId || '—', catalog: catalogId || '—' });
      continue;
    }
    const dup = seen.get(b.key);
    if (dup !== undefined) {
      at(C.controlId, 'answerWorkbook.duplicateRow', { control: controlId, first: dup });
      continue;
    }
    seen.set(b.key, r.row);

    const parsed: Partial<WorkbookFields> = {};
    let bad = false;
    const valueText = text(C.value);
    const value = answerValueOf(rule.scale, valueText);
    if (value === undefined) {
      at(C.value, 'answerWorkbook.badValue', {
        value: valueText.trim().slice(0, 60),
        allowed: rule.scale.map((s) => s.label[lang]).join(' / '),
      });
      bad = true;
    } else parsed.value = value;
    const due = text(C.dueDate).trim();
    if (due !== '' && !validDate(due)) {
      at(C.dueDate, 'answerWorkbook.badDate', { value: due.slice(0, 40) });
      bad = true;
    } else parsed.dueDate = due === '' ? null : due;
    for (const f of ['comment', 'justification', 'owner'] as const) {
      const t = text(C[f]);
      if (t.length > LIMITS[f]) {
        at(C[f], 'answerWorkbook.tooLong', { length: t.length, max: LIMITS[f] });
        bad = true;
      } else parsed[f] = t;
    }
    if (bad) continue;

    const edited = WORKBOOK_FIELDS.filter((f) => parsed[f] !== undefined && parsed[f] !== b.fields[f]);
    const rowChanges = edited.filter((f) => parsed[f] !== cur.fields[f]);
    if (rowChanges.length === 0) continue;
    const next: AnswerFields = { ...cur.fields };
    for (const f of rowChanges) (next as Record<string, unknown>)[f] = parsed[f];
    const broken = checkAnswer(rule.scale, next, lang, { customizedApproach: rule.customizedApproach });
    if (broken) {
      if (broken.key === 'justificationRequired')
        at(C.justification, 'answerWorkbook.justificationRequired', { label: broken.params.label, control: controlId });
      else at(C.value, `answerWorkbook.rule`, { control: controlId, rule: broken.key });
      continue;
    }
    if (rowChanges.includes('value') && next.value !== null && !cur.excludable) {
      const meaning = rule.scale.find((s) => s.value === next.value)?.meaning;
      if (meaning === 'not_applicable') {
        at(C.value, 'answerWorkbook.exclusionNotAllowed', { control: controlId, value: valueText.trim() });
        continue;
      }
    }
    const changedSinceExport = cur.revision !== b.revision;
    for (const f of rowChanges)
      changes.push({
        controlKey: b.key,
        catalogId: b.catalogId,
        controlId: b.controlId,
        field: f,
        before: fieldText(cur.fields[f] as string | null),
        after: fieldText(parsed[f] as string | null),
        exported: fieldText(b.fields[f]),
        changedSinceExport,
      });
  }
  return { changes, problems, rows: rows.length };
}
