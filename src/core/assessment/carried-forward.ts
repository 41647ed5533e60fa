import { sameAnswer, type AnswerFields, type AnswerPatch } from './answer-fields';

/**
 * A carried-forward answer (new period from the previous one) stays marked until a person looks at it: confirming
 * clears the mark and nothing else; any change to the answer clears it too (the person has looked). A patch that
 * sets the mark itself (an import, an undo restoring an earlier state) keeps what it says.
 */
export function clearCarriedOnChange(before: AnswerFields, next: AnswerFields, patch: AnswerPatch): AnswerFields {
  if (!before.carriedForward || patch.carriedForward !== undefined || sameAnswer(before, next)) return next;
  return { ...next, carriedForward: false };
}

/** What a new period does with one answer of the previous one. */
export type CarryDecision = 'carry' | 'carryTextChanged' | 'textChanged' | 'removed';

/**
 * The decision for a control of a catalog moved to another version on the way (`plan`: planCarryForward's, with the
 * diff's removed controls, which include controls no longer assessed), or carried as it is when the catalog keeps its version (`plan` null). `present`: the control exists, not withdrawn,
 * in the new version.
 */
export function carryDecision(
  controlId: string,
  plan: {
    review: readonly string[];
    changed: readonly { controlId: string }[];
    removed: readonly { controlId: string }[];
  } | null,
  present: boolean,
): CarryDecision {
  if (!present) return 'removed';
  if (!plan) return 'carry';
  if (plan.removed.some((c) => c.controlId === controlId)) return 'removed';
  if (plan.changed.some((c) => c.controlId === controlId)) return 'textChanged';
  if (plan.review.includes(controlId)) return 'carryTextChanged';
  return 'carry';
}
