/**
 * Sign-off of an assessment: who prepared, reviewed and approved it, with their role and when. Approval is the
 * status step after `final`: only a final assessment can be approved, reopening it clears the approval (the
 * preparer and reviewer stay). A report is a draft (watermarked) unless the assessment is final and approved.
 * Pure: the service stores the rows, the history replay (core/audit/replay.ts) folds the entries with the functions
 * here, and the report prints them.
 */

export const SIGNOFF_STEPS = ['prepared', 'reviewed', 'approved'] as const;
export type SignoffStep = (typeof SIGNOFF_STEPS)[number];

export type SignoffEntry = { name: string; role: string; at: string };
export type Signoff = Readonly<Record<SignoffStep, SignoffEntry | null>>;

export const NO_SIGNOFF: Signoff = { prepared: null, reviewed: null, approved: null };

/** History actions: `assessment.signoff` records a preparer or reviewer, `assessment.approve` the approval. */
export const SIGNOFF_ACTION = 'assessment.signoff';
export const APPROVE_ACTION = 'assessment.approve';

export const isSignoffStep = (v: unknown): v is SignoffStep =>
  typeof v === 'string' && (SIGNOFF_STEPS as readonly string[]).includes(v);

/** Rows (any order, any subset) → the three steps. */
export function signoffOf(rows: readonly ({ step: SignoffStep } & SignoffEntry)[]): Signoff {
  const out: Record<SignoffStep, SignoffEntry | null> = { ...NO_SIGNOFF };
  for (const r of rows) out[r.step] = { name: r.name, role: r.role, at: r.at };
  return out;
}

/** Whether a report of this assessment is final: the assessment is final and approved (no DRAFT watermark). */
export function isReleased(status: string, signoff: Signoff | null | undefined): boolean {
  return status === 'final' && !!signoff?.approved;
}

/** The history entry's values for one step: old (what it replaces, or null) and new. */
export function signoffEntryValues(
  step: SignoffStep,
  before: SignoffEntry | null,
  after: { name: string; role: string },
): { oldValue: Record<string, unknown>; newValue: Record<string, unknown> } {
  return {
    oldValue: before ? { step, name: before.name, role: before.role } : { step },
    newValue: { step, name: after.name, role: after.role },
  };
}
