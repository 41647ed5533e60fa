import { z } from 'zod';

/**
 * The fields of an answer a person edits, defined once. Everything else is derived from this table: the API's
 * input schema (answers.set), the service's patch and merge, the empty answer, equality, the SQL columns, the
 * history entries (which store exactly these fields), the assessment file and the report rows. Adding a field is
 * one entry here, one migration for its column, and whatever screen or report shows it.
 *
 * `column` is the answers table's column; `toDb`/`fromDb` convert where SQLite has no matching type.
 */
const Text = (max: number) => z.string().max(max);
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

type Field<S extends z.ZodType> = {
  schema: S;
  empty: z.output<S>;
  column: string;
  toDb?: (v: z.output<S>) => unknown;
  fromDb?: (v: unknown) => z.output<S>;
};
const field = <S extends z.ZodType>(f: Field<S>) => f;

export const ANSWER_FIELDS = {
  /** The answer value's id in the catalog's scale; null = not answered. */
  value: field({ schema: z.string().min(1).max(32).nullable(), empty: null, column: 'value' }),
  comment: field({ schema: Text(20000), empty: '', column: 'comment' }),
  /** Why a value was chosen, required where the scale says so (e.g. 除外 / not applicable). */
  justification: field({ schema: Text(20000), empty: '', column: 'justification' }),
  /** Who is responsible for the control or its remediation. */
  owner: field({ schema: Text(200), empty: '', column: 'owner' }),
  /** Due date of the remediation action (YYYY-MM-DD). */
  dueDate: field({ schema: IsoDate.nullable(), empty: null, column: 'due_date' }),
  remediation: field({ schema: Text(20000), empty: '', column: 'remediation' }),
  markedForReview: field({
    schema: z.boolean(),
    empty: false,
    column: 'marked_for_review',
    toDb: (v) => (v ? 1 : 0),
    fromDb: (v) => v === 1,
  }),
  /** Met by a customized approach (only where the catalog allows it, e.g. PCI DSS v4; recorded apart from CCW). */
  customizedApproach: field({
    schema: z.boolean(),
    empty: false,
    column: 'customized_approach',
    toDb: (v) => (v ? 1 : 0),
    fromDb: (v) => v === 1,
  }),
  /**
   * Carried from the previous period's assessment and not yet confirmed (carry forward): shown as 要確認 until the
   * user confirms the answer or changes it (the save clears it; carried-forward.ts).
   */
  carriedForward: field({
    schema: z.boolean(),
    empty: false,
    column: 'carried_forward',
    toDb: (v) => (v ? 1 : 0),
    fromDb: (v) => v === 1,
  }),
  /** How serious a finding is (高/中/低), for answers that are findings (not or partly implemented); null = not set. */
  severity: field({ schema: z.enum(['high', 'medium', 'low']).nullable(), empty: null, column: 'severity' }),
  /**
   * The compensating-control worksheet (PCI DSS CCW), asked only for a scale value marked `worksheet: ccw`
   * (answer-rules.ts): the constraint, the original objective, the identified risk, the compensating control, how
   * it was validated, and how it is maintained. Our own short labels, not the official form's text.
   */
  ccwConstraints: field({ schema: Text(4000), empty: '', column: 'ccw_constraints' }),
  ccwObjective: field({ schema: Text(4000), empty: '', column: 'ccw_objective' }),
  ccwRisk: field({ schema: Text(4000), empty: '', column: 'ccw_risk' }),
  ccwDefinition: field({ schema: Text(4000), empty: '', column: 'ccw_definition' }),
  ccwValidation: field({ schema: Text(4000), empty: '', column: 'ccw_validation' }),
  ccwMaintenance: field({ schema: Text(4000), empty: '', column: 'ccw_maintenance' }),
} as const;

type Fields = typeof ANSWER_FIELDS;
export type AnswerFieldName = keyof Fields;
export const ANSWER_FIELD_NAMES = Object.keys(ANSWER_FIELDS) as AnswerFieldName[];

const shape = Object.fromEntries(ANSWER_FIELD_NAMES.map((k) => [k, ANSWER_FIELDS[k].schema])) as {
  [K in AnswerFieldName]: Fields[K]['schema'];
};

/** All editable fields of an answer, as stored and as recorded in history. */
export const AnswerFieldsSchema = z.strictObject(shape);
export type AnswerFields = z.output<typeof AnswerFieldsSchema>;
/**
 * The fields of an answer as read from a file (assessment file, package): a field the file predates — written by a
 * Tenken from before the field existed — takes its empty value, so adding a row above never breaks old files.
 */
export const AnswerFieldsWithDefaultsSchema = z.strictObject(
  Object.fromEntries(
    ANSWER_FIELD_NAMES.map((k) => [k, (ANSWER_FIELDS[k].schema as z.ZodType).default(ANSWER_FIELDS[k].empty)]),
  ) as { [K in AnswerFieldName]: z.ZodDefault<Fields[K]['schema']> },
);
/** Some fields of an answer; a field left out keeps its value. */
export const AnswerPatchSchema = AnswerFieldsSchema.partial();
export type AnswerPatch = { [K in AnswerFieldName]?: AnswerFields[K] | undefined };

export const EMPTY_ANSWER: Readonly<AnswerFields> = Object.freeze(
  Object.fromEntries(ANSWER_FIELD_NAMES.map((k) => [k, ANSWER_FIELDS[k].empty])) as AnswerFields,
);

/** The editable fields of any answer-like record (a stored answer, a view); the empty answer for none. */
export function answerFieldsOf(a: Partial<AnswerFields> | null | undefined): AnswerFields {
  const out = { ...EMPTY_ANSWER } as Record<AnswerFieldName, unknown>;
  if (a) for (const k of ANSWER_FIELD_NAMES) if (a[k] !== undefined) out[k] = a[k];
  return out as AnswerFields;
}

export function mergeAnswer(before: AnswerFields, patch: AnswerPatch): AnswerFields {
  const out = { ...before } as Record<AnswerFieldName, unknown>;
  for (const k of ANSWER_FIELD_NAMES) if (patch[k] !== undefined) out[k] = patch[k];
  return out as AnswerFields;
}

export const sameAnswer = (a: AnswerFields, b: AnswerFields): boolean => ANSWER_FIELD_NAMES.every((k) => a[k] === b[k]);

/** The answers table's columns for the editable fields, with their conversions (for the SQL in main). */
export const ANSWER_COLUMNS = ANSWER_FIELD_NAMES.map((name) => {
  const f: Field<z.ZodType> = ANSWER_FIELDS[name] as Field<z.ZodType>;
  return { name, column: f.column, toDb: f.toDb ?? ((v: unknown) => v), fromDb: f.fromDb ?? ((v: unknown) => v) };
});
