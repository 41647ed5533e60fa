import { useCallback, useRef, useState } from 'react';
import type { AnswerSaved } from '../../../shared/api/types';
import { useApi } from '../../api/context';

export type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: string } | { kind: 'error'; error: unknown };
export type AnswerDraft = { controlId: string; value: string | null; comment: string; justification: string };

/**
 * Saves answers one at a time in the order they were made, so a later edit never overtakes an earlier one;
 * the visible state says whether the last change is safely stored.
 */
export function useAnswerSaver(assessmentId: string, onSaved: (s: AnswerSaved) => void) {
  const api = useApi();
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const chain = useRef<Promise<void>>(Promise.resolve());
  const save = useCallback(
    (draft: AnswerDraft) => {
      setState({ kind: 'saving' });
      chain.current = chain.current.then(async () => {
        try {
          const saved = await api.call('answers.set', { assessmentId, ...draft });
          onSaved(saved);
          setState({ kind: 'saved', at: saved.answer.updatedAt });
        } catch (error) {
          setState({ kind: 'error', error });
        }
      });
      return chain.current;
    },
    [api, assessmentId, onSaved],
  );
  return { state, save };
}
