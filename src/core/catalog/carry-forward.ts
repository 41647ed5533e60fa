import type { CatalogDiff } from './diff';

/**
 * Which answers an upgrade carries forward. The default rule (STIG Manager's) carries an answer only where the
 * control's ID and text are both unchanged. A target version that declares `keeps_ids_of: <from version>` says it
 * keeps every control ID of that version and only filled in or replaced texts (e.g. the official wording from the
 * user's copy of the workbook): then an answer to a changed control is carried too, but marked for review, because
 * the text it was given against is no longer the text shown. Removed controls are never carried.
 */
export type CarryPlan = {
  /** ID and text unchanged: carried as they are. */
  unchanged: string[];
  /** Same ID, text changed, target keeps the IDs of the source version: carried and marked for review. */
  review: string[];
  /** Text changed and not covered by the target's declaration: taken off the assessment, kept in the report. */
  changed: CatalogDiff['changed'];
};

export function planCarryForward(
  diff: CatalogDiff,
  fromVersion: string,
  target: { keeps_ids_of?: string | undefined },
): CarryPlan {
  const keeps = target.keeps_ids_of !== undefined && target.keeps_ids_of === fromVersion;
  return keeps
    ? { unchanged: diff.unchanged, review: diff.changed.map((c) => c.controlId), changed: [] }
    : { unchanged: diff.unchanged, review: [], changed: diff.changed };
}
