import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

/**
 * The open dialogs, innermost last. While one is open the page behind it takes no keys (the answering keys ask
 * `dialogOpen()`), and only the innermost one closes on Esc.
 */
const open: symbol[] = [];
export const dialogOpen = (): boolean => open.length > 0;

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

type Props = {
  /** The dialog's name, shown as its heading and given to assistive technology (aria-labelledby). */
  title: string;
  onClose: () => void;
  children: ReactNode;
  wide?: boolean;
  /** alertdialog for a question that must be answered (a confirmation), dialog otherwise. */
  role?: 'dialog' | 'alertdialog';
  /** Clicking outside the box closes the dialog (off for confirmations, where a stray click should not answer). */
  closeOnBackdrop?: boolean;
  className?: string;
};

/**
 * The one dialog of the app: modal (aria-modal, labelled by its heading), focus moves in on opening (to the element
 * marked autoFocus/data-autofocus, else the first control) and is trapped there (Tab and Shift+Tab cycle), Esc
 * closes it, and focus returns to whatever had it before (the button or the list the dialog was opened from).
 */
export function Dialog({ title, onClose, children, wide, role = 'dialog', closeOnBackdrop = true, className }: Props) {
  const titleId = useId();
  const box = useRef<HTMLDivElement>(null);
  const onCloseRef = useRef(onClose);
  // Taken while rendering, before a child's autoFocus moves the focus in: the element to give the focus back to.
  const [opener] = useState(() => (document.activeElement instanceof HTMLElement ? document.activeElement : null));
  useEffect(() => {
    onCloseRef.current = onClose;
  });

  useEffect(() => {
    const me = Symbol('dialog');
    open.push(me);
    const el = box.current;
    if (el && !el.contains(document.activeElement)) {
      const first = el.querySelector<HTMLElement>('[data-autofocus]') ?? el.querySelector<HTMLElement>(FOCUSABLE) ?? el;
      first.focus();
    }
    const onKey = (e: KeyboardEvent) => {
      if (open[open.length - 1] !== me) return;
      if (e.key === 'Escape' && !e.isComposing) {
        e.preventDefault();
        e.stopImmediatePropagation();
        onCloseRef.current();
        return;
      }
      if (e.key === 'Tab' && box.current) {
        const items = [...box.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
        if (items.length === 0) {
          e.preventDefault();
          box.current.focus();
          return;
        }
        const first = items[0] as HTMLElement;
        const last = items[items.length - 1] as HTMLElement;
        const inside = box.current.contains(document.activeElement);
        if (e.shiftKey && (document.activeElement === first || !inside)) {
          e.preventDefault();
          last.focus();
        } else if (!e.shiftKey && (document.activeElement === last || !inside)) {
          e.preventDefault();
          first.focus();
        }
      }
    };
    // Capture phase: the dialog sees Esc and Tab before anything behind it does.
    window.addEventListener('keydown', onKey, true);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      const i = open.indexOf(me);
      if (i >= 0) open.splice(i, 1);
      if (opener && opener.isConnected && opener !== document.body) opener.focus();
    };
  }, [opener]);

  return (
    <div
      className="modal"
      onMouseDown={(e) => {
        if (closeOnBackdrop && e.target === e.currentTarget) onClose();
      }}
    >
      <div
        ref={box}
        className={`modal__box${wide ? ' modal__box--wide' : ''}${className ? ` ${className}` : ''}`}
        role={role}
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
      >
        <h2 className="modal__title" id={titleId}>
          {title}
        </h2>
        {children}
      </div>
    </div>
  );
}
