import { useRef, type ReactNode, type RefObject } from 'react';

type Props = {
  /** The file input's name (tests and the e key find it by name). */
  name: string;
  accept?: string;
  multiple?: boolean;
  disabled?: boolean;
  className?: string;
  /** Where a key press (e) opens the same chooser. */
  inputRef?: RefObject<HTMLInputElement | null>;
  onFiles: (files: File[]) => void;
  children: ReactNode;
};

/**
 * Choosing a file with the app's own button: reachable by Tab and Enter like every other action (a <label> around a
 * hidden input is not), and worded in the app's language (the browser's own file button speaks the browser's).
 */
export function FileButton({ name, accept, multiple, disabled, className, inputRef, onFiles, children }: Props) {
  const own = useRef<HTMLInputElement>(null);
  const ref = inputRef ?? own;
  return (
    <>
      <button type="button" className={className ?? 'button'} disabled={disabled} onClick={() => ref.current?.click()}>
        {children}
      </button>
      <input
        ref={ref}
        type="file"
        name={name}
        hidden
        tabIndex={-1}
        {...(accept ? { accept } : {})}
        multiple={multiple}
        disabled={disabled}
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          e.target.value = ''; // the same file can be chosen again
          if (files.length) onFiles(files);
        }}
      />
    </>
  );
}
