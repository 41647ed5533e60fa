import { useEffect, useRef } from 'react';
import { dialogOpen } from '../../components/Dialog';

export type AnsweringKeys = {
  next: () => void;
  previous: () => void;
  answer: (index: number) => void;
  clear: () => void;
  focusComment: () => void;
  focusSearch: () => void;
  toggleHelp: () => void;
  attach: () => void;
  undo: () => void;
  toggleCheck: () => void;
  toggleMark: () => void;
  /** Esc outside a text field: clears the batch selection. */
  escape: () => void;
};

const isTyping = (el: Element | null) =>
  el instanceof HTMLInputElement ||
  el instanceof HTMLTextAreaElement ||
  el instanceof HTMLSelectElement ||
  (el instanceof HTMLElement && el.isContentEditable);

/**
 * Keyboard-first answering: j/k or arrows move, 1–9 answer, 0 clears, c comments, e attaches evidence, m marks for
 * review, x selects for a batch answer (Esc clears the selection), u or Ctrl+Z undoes, / searches, ? lists the keys.
 * While a text field has focus keys type normally; Esc leaves the field. While a dialog is open the keys do nothing
 * here: the dialog has the keyboard (Dialog.tsx).
 */
export function useAnsweringKeys(actions: AnsweringKeys): void {
  const ref = useRef(actions);
  useEffect(() => {
    ref.current = actions;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const a = ref.current;
      if (e.isComposing || e.altKey || e.defaultPrevented || dialogOpen()) return;
      if ((e.ctrlKey || e.metaKey) && e.key === 'z' && !isTyping(document.activeElement)) {
        e.preventDefault();
        a.undo();
        return;
      }
      if (e.ctrlKey || e.metaKey) return;
      if (isTyping(document.activeElement)) {
        if (e.key === 'Escape') (document.activeElement as HTMLElement).blur();
        return;
      }
      let handled = true;
      if (e.key === 'j' || e.key === 'ArrowDown') a.next();
      else if (e.key === 'k' || e.key === 'ArrowUp') a.previous();
      else if (/^[1-9]$/.test(e.key)) a.answer(Number(e.key) - 1);
      else if (e.key === '0') a.clear();
      else if (e.key === 'c') a.focusComment();
      else if (e.key === '/') a.focusSearch();
      else if (e.key === '?') a.toggleHelp();
      else if (e.key === 'e') a.attach();
      else if (e.key === 'u') a.undo();
      else if (e.key === 'x') a.toggleCheck();
      else if (e.key === 'm') a.toggleMark();
      else if (e.key === 'Escape') a.escape();
      else handled = false;
      if (handled) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
