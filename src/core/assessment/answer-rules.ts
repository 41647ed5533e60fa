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
