// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Dialog } from '../../src/renderer/components/Dialog';
import { useAnsweringKeys, type AnsweringKeys } from '../../src/renderer/features/assessment/use-answering-keys';

afterEach(cleanup);

function actions(): AnsweringKeys & Record<string, ReturnType<typeof vi.fn>> {
  const names = [
    'next',
    'previous',
    'answer',
    'clear',
    'focusComment',
    'focusSearch',
    'toggleHelp',
    'attach',
    'undo',
    'toggleCheck',
    'toggleMark',
    'escape',
  ] as const;
  return Object.fromEntries(names.map((n) => [n, vi.fn()])) as never;
}

/** A screen with the answering keys, a text field, and a dialog that a button opens. */
function Screen({ keys }: { keys: AnsweringKeys }) {
  const [open, setOpen] = useState(false);
  const [closed, setClosed] = useState(0);
  useAnsweringKeys(keys);
  return (
    <div>
      <input aria-label="search" />
      <button type="button" onClick={() => setOpen(true)}>
        open
      </button>
      <span data-testid="closed">{closed}</span>
      {open ? (
        <Dialog
          title="確認"
          onClose={() => {
            setOpen(false);
            setClosed((n) => n + 1);
          }}
        >
          <input aria-label="reason" data-autofocus />
          <button type="button">ok</button>
          <button type="button">cancel</button>
        </Dialog>
      ) : null}
    </div>
  );
}
const press = (key: string, target: Element | Window = window, init: KeyboardEventInit = {}) =>
  fireEvent.keyDown(target, { key, bubbles: true, cancelable: true, ...init });

describe('answering keys', () => {
  it('answer, clear, move and leave the selection from the list; type normally in a text field', () => {
    const a = actions();
    render(<Screen keys={a} />);
    press('4');
    press('0');
    press('j');
    press('x');
    press('Escape');
    expect(a.answer).toHaveBeenCalledWith(3);
    expect(a.clear).toHaveBeenCalledTimes(1);
    expect(a.next).toHaveBeenCalledTimes(1);
    expect(a.toggleCheck).toHaveBeenCalledTimes(1);
    expect(a.escape).toHaveBeenCalledTimes(1);

    const search = screen.getByLabelText('search');
    search.focus();
    press('4', search);
    press('x', search);
    expect(a.answer).toHaveBeenCalledTimes(1);
    expect(a.toggleCheck).toHaveBeenCalledTimes(1);
    // Esc in a field leaves the field (and does not clear the selection yet).
    press('Escape', search);
    expect(document.activeElement).not.toBe(search);
    expect(a.escape).toHaveBeenCalledTimes(1);
    // An IME composition (Japanese input) never answers.
    press('1', window, { isComposing: true });
    expect(a.answer).toHaveBeenCalledTimes(1);
  });

  it('do nothing behind an open dialog; the dialog traps Tab, closes on Esc and gives the focus back', () => {
    const a = actions();
    render(<Screen keys={a} />);
    const opener = screen.getByText('open');
    opener.focus();
    fireEvent.click(opener);
    const dialog = screen.getByRole('dialog');
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(screen.getByRole('dialog', { name: '確認' })).toBe(dialog); // labelled by its heading
    const reason = screen.getByLabelText('reason');
    expect(document.activeElement).toBe(reason); // focus moved in

    for (const k of ['1', '4', '0', 'j', 'x', 'u', 'm', '?']) press(k, document.activeElement as Element);
    for (const fn of Object.values(a)) expect(fn).not.toHaveBeenCalled();

    // Tab from the last control wraps to the first, Shift+Tab from the first to the last.
    const cancel = screen.getByText('cancel');
    cancel.focus();
    press('Tab', cancel);
    expect(document.activeElement).toBe(reason);
    press('Tab', reason, { shiftKey: true });
    expect(document.activeElement).toBe(cancel);

    // Esc closes the dialog only: the page's Esc (clear the selection) is not triggered.
    press('Escape', document.activeElement as Element);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByTestId('closed').textContent).toBe('1');
    expect(a.escape).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(opener);

    // Closed again: the keys work.
    press('2');
    expect(a.answer).toHaveBeenCalledWith(1);
  });
});
