import {
  ANSWER_FIELD_NAMES,
  answerFieldsOf,
  type AnswerFieldName,
  type AnswerFields,
} from '../../../core/assessment/answer-fields';

/** What one undo changed on one control: its key, the value before and after, and the other fields it restored. */
export type UndoItem = { controlKey: string; from: string | null; to: string | null; fields: AnswerFieldName[] };
/** The status message after an undo: the first controls it touched and how many in all. */
export type UndoNote = { items: UndoItem[]; total: number };

export const UNDO_NOTE_ITEMS = 3;

export function undoItem(
  controlKey: string,
  before: Partial<AnswerFields> | null | undefined,
  after: Partial<AnswerFields> | null | undefined,
): UndoItem {
  const b = answerFieldsOf(before);
  const a = answerFieldsOf(after);
  return {
    controlKey,
    from: b.value,
    to: a.value,
    fields: ANSWER_FIELD_NAMES.filter((k) => k !== 'value' && b[k] !== a[k]),
  };
}

/**
 * An undo that reached into another catalog of the assessment opens that catalog's page; its note is carried there
 * (read once by the page that shows the control).
 */
let carried: UndoNote | null = null;
export const carryUndoNote = (note: UndoNote): void => {
  carried = note;
};
export const takeUndoNote = (): UndoNote | null => {
  const n = carried;
  carried = null;
  return n;
};
