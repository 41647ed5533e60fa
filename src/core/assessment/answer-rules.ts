import type { AnswerValue } from '../catalog/format';
import type { AnswerFields } from './answer-fields';

/**
 * The rules an answer must keep, in one place, whichever way it is written: a single save, a batch, a number key,
 * an import. Checked on the answer as it would be after the change, so a value that needs a justification may
 * arrive together with it, or later keep the one already written; an answer is never stored in a state that breaks
 * a rule. (Undo only restores states that passed these rules when they were written.)
 */

export type AnswerRuleBreak =
  | { key: 'answerValueUnknown'; params: { value: string; allowed: string } }
  | { key: 'customizedApproachNotAllowed'; params: Record<string, never> }
  | { key: 'justificationRequired'; params: { value: string; label: string } };

/** `catalog.customizedApproach`: whether the catalog lets answers carry the customized-approach marker. */
export function checkAnswer(
  scale: readonly AnswerValue[],
  next: AnswerFields,
  lang: 'ja' | 'en' = 'ja',
  catalog: { customizedApproach?: boolean | undefined } = {},
): AnswerRuleBreak | null {
  if (next.customizedApproach && !catalog.customizedApproach)
    return { key: 'customizedApproachNotAllowed', params: {} };
  if (next.value === null) return null;
  const s = scale.find((x) => x.value === next.value);
  if (!s)
    return { key: 'answerValueUnknown', params: { value: next.value, allowed: scale.map((x) => x.value).join(', ') } };
  if (s.justification === 'required' && next.justification.trim() === '')
    return { key: 'justificationRequired', params: { value: s.value, label: s.label[lang] } };
  return null;
}

/** Whether choosing `value` needs a justification (the screen opens the reason field instead of saving). */
export const needsJustification = (scale: readonly AnswerValue[], value: string | null): boolean =>
  value !== null && scale.some((x) => x.value === value && x.justification === 'required');

/**
 * The compensating-control worksheet (PCI DSS CCW) of a value marked `worksheet: ccw`, in the order the screen and
 * the report show its fields.
 *
 * Decided: for such a value the justification stays required (the rule above, set by the catalog), the six
 * worksheet fields are optional on every save — a worksheet is written over days, and refusing a save until all six
 * are there would lose what was typed — and the quality check before finalizing warns (`ccwIncomplete`, not blocking)
 * naming the fields still empty. Fields written under another value are kept (and shown) but not asked for.
 */
export const CCW_FIELDS = [
  'ccwConstraints',
  'ccwObjective',
  'ccwRisk',
  'ccwDefinition',
  'ccwValidation',
  'ccwMaintenance',
] as const satisfies readonly (keyof AnswerFields)[];
export type CcwField = (typeof CCW_FIELDS)[number];

/** Whether `value` is a scale value that carries the compensating-control worksheet. */
export const asksWorksheet = (scale: readonly AnswerValue[], value: string | null | undefined): boolean =>
  value !== null && value !== undefined && scale.some((x) => x.value === value && x.worksheet === 'ccw');

/** The worksheet fields still empty (blank) in an answer, in worksheet order. */
export const emptyWorksheetFields = (a: Pick<AnswerFields, CcwField>): CcwField[] =>
  CCW_FIELDS.filter((k) => a[k].trim() === '');

/** Whether an answer has any worksheet text (shown even after the value moved away from CCW, so nothing hides). */
export const hasWorksheetText = (a: Pick<AnswerFields, CcwField>): boolean =>
  CCW_FIELDS.some((k) => a[k].trim() !== '');

/** Whether a value's meaning makes the answer a finding (what the report's findings section lists): severity applies. */
export const isFindingMeaning = (meaning: string | null | undefined): boolean =>
  meaning === 'noncompliant' || meaning === 'partial';
