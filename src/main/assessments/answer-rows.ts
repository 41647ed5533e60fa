import { ANSWER_COLUMNS, answerFieldsOf, type AnswerFields } from '../../core/assessment/answer-fields';
import { controlKey } from '../../core/assessment/control-key';
import type { AnswerRecord } from '../../core/assessment/records';
import type { Db } from '../db/connection';
import { stmt } from '../db/statements';

/** The answers table as rows and back, its editable columns taken from the one field table (answer-fields.ts). */

type AnswerRow = Record<string, unknown> & {
  control_id: string;
  position: number;
  catalog_id: string;
  updated_at: string;
  updated_by: string;
  revision: number;
};

const FIELD_COLUMNS = ANSWER_COLUMNS.map((f) => `x.${f.column}`).join(', ');

const ANSWER_SELECT = `SELECT k.control_id, p.position, c.catalog_id, ${FIELD_COLUMNS}, x.updated_at, x.updated_by, x.revision
  FROM answers x JOIN controls k ON k.id = x.control_row
    JOIN assessment_catalogs p ON p.assessment_id = x.assessment_id AND p.catalog_row = k.catalog_row JOIN catalogs c ON c.id = k.catalog_row`;

function toAnswer(r: AnswerRow): AnswerRecord {
  const fields = Object.fromEntries(ANSWER_COLUMNS.map((f) => [f.name, f.fromDb(r[f.column])])) as AnswerFields;
  return {
    controlId: r.control_id,
    controlKey: controlKey(r.position, r.catalog_id, r.control_id),
    ...fields,
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
    revision: r.revision,
  };
}

/** The answers of an assessment: of one catalog, or of all of them (first catalog first). */
export function answersOf(db: Db, assessmentId: string, catalogRow?: number): AnswerRecord[] {
  const rows =
    catalogRow === undefined
      ? stmt(db, `${ANSWER_SELECT} WHERE x.assessment_id = ? ORDER BY p.position, k.position`).all(assessmentId)
      : stmt(db, `${ANSWER_SELECT} WHERE x.assessment_id = ? AND k.catalog_row = ? ORDER BY k.position`).all(
          assessmentId,
          catalogRow,
        );
  return (rows as AnswerRow[]).map(toAnswer);
}

export type StoredAnswer = { fields: AnswerFields; revision: number; updatedAt: string; updatedBy: string };

/** One answer's row without joins: what a save needs to compare, to write, and to answer with. */
export function storedAnswer(db: Db, assessmentId: string, controlRow: number): StoredAnswer | undefined {
  const r = stmt(
    db,
    `SELECT ${ANSWER_COLUMNS.map((f) => f.column).join(', ')}, revision, updated_at, updated_by FROM answers WHERE assessment_id = ? AND control_row = ?`,
  ).get(assessmentId, controlRow) as Record<string, unknown> | undefined;
  if (!r) return undefined;
  const fields = answerFieldsOf(
    Object.fromEntries(ANSWER_COLUMNS.map((f) => [f.name, f.fromDb(r[f.column])])) as AnswerFields,
  );
  return {
    fields,
    revision: r.revision as number,
    updatedAt: r.updated_at as string,
    updatedBy: r.updated_by as string,
  };
}

const UPSERT = `INSERT INTO answers (assessment_id, control_row, ${ANSWER_COLUMNS.map((f) => f.column).join(', ')}, updated_at, updated_by, revision)
    VALUES (@assessment, @controlRow, ${ANSWER_COLUMNS.map((f) => `@${f.name}`).join(', ')}, @at, @actor, 1)
    ON CONFLICT (assessment_id, control_row) DO UPDATE SET ${ANSWER_COLUMNS.map((f) => `${f.column} = excluded.${f.column}`).join(', ')},
      updated_at = excluded.updated_at, updated_by = excluded.updated_by, revision = answers.revision + 1`;

/** Writes the fields of one answer (insert or update), bumping its revision. */
export function upsertAnswer(
  db: Db,
  at: { assessmentId: string; controlRow: number; at: string; actor: string },
  fields: AnswerFields,
): void {
  const values = Object.fromEntries(ANSWER_COLUMNS.map((f) => [f.name, f.toDb(fields[f.name])]));
  stmt(db, UPSERT).run({
    assessment: at.assessmentId,
    controlRow: at.controlRow,
    ...values,
    at: at.at,
    actor: at.actor,
  });
}
