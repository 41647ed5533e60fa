import { CONTROL_KEY_SQL } from './assessment-parts';
import type { AnswerView } from '../../shared/api/types';
import type { Db } from '../db/connection';

export type AnswerRow = {
  control_id: string; control_key: string; value: string | null; comment: string; justification: string; updated_at: string; updated_by: string; revision: number;
  owner: string; due_date: string | null; remediation: string; marked_for_review: number; evidence: number;
};

export const ANSWER_SELECT = `SELECT k.control_id, ${CONTROL_KEY_SQL} AS control_key, x.value, x.comment, x.justification, x.updated_at, x.updated_by, x.revision,
    x.owner, x.due_date, x.remediation, x.marked_for_review,
    (SELECT count(*) FROM evidence_links l JOIN evidence e ON e.id = l.evidence_id WHERE l.control_row = x.control_row AND e.assessment_id = x.assessment_id) AS evidence
  FROM answers x JOIN controls k ON k.id = x.control_row
    JOIN assessment_catalogs p ON p.assessment_id = x.assessment_id AND p.catalog_row = k.catalog_row JOIN catalogs c ON c.id = k.catalog_row`;

export const toAnswer = (r: AnswerRow): AnswerView => ({
  controlId: r.control_id, key: r.control_key, value: r.value, comment: r.comment, justification: r.justification, updatedAt: r.updated_at, updatedBy: r.updated_by,
  revision: r.revision, owner: r.owner, dueDate: r.due_date, remediation: r.remediation, markedForReview: r.marked_for_review === 1, evidenceCount: r.evidence,
});

/** The answers of an assessment: of one catalog, or of all of them (first catalog first). */
export function answersOf(db: Db, assessmentId: string, catalogRow?: number): AnswerView[] {
  const rows = catalogRow === undefined
    ? db.prepare(`${ANSWER_SELECT} WHERE x.assessment_id = ? ORDER BY p.position, k.position`).all(assessmentId)
    : db.prepare(`${ANSWER_SELECT} WHERE x.assessment_id = ? AND k.catalog_row = ? ORDER BY k.position`).all(assessmentId, catalogRow);
  return (rows as AnswerRow[]).map(toAnswer);
}

/** The fields of an answer a user edits; history entries store exactly these. */
export type AnswerFields = { value: string | null; comment: string; justification: string; owner: string; dueDate: string | null; remediation: string; markedForReview: boolean };

export const EMPTY_ANSWER: AnswerFields = { value: null, comment: '', justification: '', owner: '', dueDate: null, remediation: '', markedForReview: false };

export function fieldsOf(a: AnswerView | undefined): AnswerFields {
  return a ? { value: a.value, comment: a.comment, justification: a.justification, owner: a.owner, dueDate: a.dueDate, remediation: a.remediation, markedForReview: a.markedForReview } : { ...EMPTY_ANSWER };
}

export const sameFields = (a: AnswerFields, b: AnswerFields) =>
  a.value === b.value && a.comment === b.comment && a.justification === b.justification && a.owner === b.owner && a.dueDate === b.dueDate && a.remediation === b.remediation && a.markedForReview === b.markedForReview;
