import { useCallback, useRef, useState } from 'react';
import type { AnswerPatch as AnswerFieldsPatch } from '../../../core/assessment/answer-fields';
import type { AnswerView, Progress } from '../../../shared/api/types';
import { useApi } from '../../api/context';

export type SaveState =
  { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: string } | { kind: 'error'; error: unknown };
/** A change to one answer (controlId: the ID in the catalog on screen): only the fields given are written. */
export type AnswerPatch = { controlId: string } & AnswerFieldsPatch;
/** One value for several controls of the catalog on screen (IDs in that catalog). */
export type BatchPatch = {
  controlIds: string[];
  value: string | null;
  justification?: string | undefined;
  comment?: string | undefined;
};

/**
 * Saves answer changes one at a time in the order they were made, so a later edit never overtakes an earlier one;
 * the visible state says whether the last change is safely stored.
 */
export function useAnswerSaver(
  assessmentId: string,
  keyPrefix: string,
  onSaved: (answers: AnswerView[], progress: Progress) => void,
) {
  const api = useApi();
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const chain = useRef<Promise<void>>(Promise.resolve());
  const run = useCallback(
    (job: () => Promise<{ answers: AnswerView[]; progress: Progress; at: string }>) => {
      setState({ kind: 'saving' });
      chain.current = chain.current.then(async () => {
        try {
          const r = await job();
          onSaved(r.answers, r.progress);
          setState({ kind: 'saved', at: r.at });
        } catch (error) {
          setState({ kind: 'error', error });
        }
      });
      return chain.current;
    },
    [onSaved],
  );
  const save = useCallback(
    ({ controlId, ...fields }: AnswerPatch) =>
      run(async () => {
        const s = await api.call('answers.set', { assessmentId, ...fields, controlKey: keyPrefix + controlId });
        return { answers: [s.answer], progress: s.progress, at: s.answer.updatedAt };
      }),
    [api, assessmentId, keyPrefix, run],
  );
  const batch = useCallback(
    ({ controlIds, ...rest }: BatchPatch) =>
      run(async () => {
        const r = await api.call('answers.batch', {
          assessmentId,
          ...rest,
          controlKeys: controlIds.map((id) => keyPrefix + id),
        });
        return { answers: r.answers, progress: r.progress, at: r.answers[0]?.updatedAt ?? new Date().toISOString() };
      }),
    [api, assessmentId, keyPrefix, run],
  );
  /** Undoes the last change; `describe` hears what was undone before the screen takes the restored answers. */
  const undo = useCallback(
    (describe?: (r: { undone: string[]; answers: AnswerView[] }) => void | Promise<void>) =>
      run(async () => {
        const r = await api.call('answers.undo', { assessmentId });
        try {
          await describe?.(r);
        } catch {
          // Only the description failed (e.g. reading another catalog's history): the undo itself is done.
        }
        return { answers: r.answers, progress: r.progress, at: r.answers[0]?.updatedAt ?? new Date().toISOString() };
      }),
    [api, assessmentId, run],
  );
  return { state, save, batch, undo };
}
