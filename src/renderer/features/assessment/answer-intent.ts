import { answerFieldsOf, mergeAnswer, type AnswerFields } from '../../../core/assessment/answer-fields';
import { checkAnswer, needsJustification } from '../../../core/assessment/answer-rules';
import type { AnswerValue } from '../../../core/catalog/format';

/**
 * What a choice of answer does on the answering screen, decided by the answer rules of the core (answer-rules.ts)
 * that the save service enforces, so the keys, the answer buttons, the batch bar and the single save agree and the
 * screen never sends a save the service would refuse.
 */

/** Choosing a value for the control on screen: saved at once, or held while the reason field asks for the justification. */
export type Choice = { kind: 'save'; value: string | null } | { kind: 'needReason'; value: string };

/** `current`: the answer as it is on screen (stored fields with the text typed so far). */
export function planChoice(
  scale: readonly AnswerValue[],
  current: Partial<AnswerFields> | undefined,
  value: string | null,
): Choice {
  const broken = checkAnswer(scale, mergeAnswer(answerFieldsOf(current), { value }));
  if (value !== null && broken?.key === 'justificationRequired') return { kind: 'needReason', value };
  return { kind: 'save', value };
}

/** A number key (index into the scale; null for 0 = clear) with `selected` rows ticked for a batch. */
export type KeyPlan =
  | { kind: 'none' }
  | { kind: 'choose'; value: string | null }
  | { kind: 'confirmBatch'; value: string | null; count: number; needsReason: boolean };

export function planAnswerKey(scale: readonly AnswerValue[], index: number | null, selected: number): KeyPlan {
  const value = index === null ? null : scale[index]?.value;
  if (value === undefined) return { kind: 'none' };
  // With rows ticked, a key acts on them only after a confirmation naming how many; without, on the control on screen.
  if (selected > 0)
    return { kind: 'confirmBatch', value, count: selected, needsReason: needsJustification(scale, value) };
  return { kind: 'choose', value };
}

/**
 * The selected answers that a batch of `value` with `justification` would leave breaking a rule (the batch keeps a
 * row's own justification when none is given): the confirmation stays disabled while this is not empty.
 */
export function batchBreaks(
  scale: readonly AnswerValue[],
  answers: readonly (Partial<AnswerFields> | undefined)[],
  value: string | null,
  justification: string,
): number {
  const patch = { value, ...(justification.trim() ? { justification: justification.trim() } : {}) };
  return answers.filter((a) => checkAnswer(scale, mergeAnswer(answerFieldsOf(a), patch)) !== null).length;
}
