/**
 * An assessment's details as a person edits them after creation (printed on the report cover; the overall comment
 * 総評 in the report's summary), and what an edit
 * changed: only the fields whose value differs, old and new side by side, for the history entry. Pure.
 */
export type AssessmentDetails = {
  name: string;
  organization: string | null;
  organizationContact: string;
  scope: string;
  assessors: string;
  periodStart: string | null;
  periodEnd: string | null;
  profile: string | null;
  /** 総評: the assessor's overall comment on the assessment, free text ('' = none). */
  overallComment: string;
};

export const DETAIL_FIELDS = [
  'name',
  'organization',
  'organizationContact',
  'scope',
  'assessors',
  'periodStart',
  'periodEnd',
  'profile',
  'overallComment',
] as const satisfies readonly (keyof AssessmentDetails)[];

export type DetailsPatch = { [K in keyof AssessmentDetails]?: AssessmentDetails[K] | undefined };

/** The details after a patch: a field left out (undefined) keeps its value; null clears a field that may be empty. */
export function mergeDetails(before: AssessmentDetails, patch: DetailsPatch): AssessmentDetails {
  const out = { ...before };
  for (const k of DETAIL_FIELDS) {
    const v = patch[k];
    if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  }
  return out;
}

/** The changed fields only, `{ old, new }` each as a partial details object; null when nothing changed. */
export function detailChanges(
  before: AssessmentDetails,
  after: AssessmentDetails,
): { oldValue: Partial<AssessmentDetails>; newValue: Partial<AssessmentDetails> } | null {
  const oldValue: Record<string, unknown> = {};
  const newValue: Record<string, unknown> = {};
  for (const k of DETAIL_FIELDS) {
    if (before[k] !== after[k]) {
      oldValue[k] = before[k];
      newValue[k] = after[k];
    }
  }
  return Object.keys(newValue).length
    ? { oldValue: oldValue as Partial<AssessmentDetails>, newValue: newValue as Partial<AssessmentDetails> }
    : null;
}

/** A period whose end lies before its start is refused (both given as YYYY-MM-DD, which sort as text). */
export const periodInOrder = (d: Pick<AssessmentDetails, 'periodStart' | 'periodEnd'>): boolean =>
  !d.periodStart || !d.periodEnd || d.periodStart <= d.periodEnd;
