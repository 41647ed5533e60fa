import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { calendarDateProblem, normalizeCalendarDate } from './calendar-date';

type Props = {
  /** The field's label, shown above it. */
  label: string;
  /** Extra class names of the field (beside `field`). */
  className?: string;
  name: string;
  /** What is typed (the stored YYYY-MM-DD, or a draft). */
  value: string;
  /** Every keystroke; on leaving the field the typed text comes back in its stored form (2027/3/31 → 2027-03-31). */
  onChange: (value: string) => void;
  /** Leaving the field, with the typed text in its stored form: where a date is saved as soon as it is entered. */
  onCommit?: (value: string) => void;
  disabled?: boolean;
  invalid?: boolean;
};

/**
 * A labelled date as text, YYYY-MM-DD, with the app's own message in the app's language (no native picker or
 * bubble). The message shows once the field is left (or ten characters are typed); forms refuse to send while
 * `calendarDateProblem` finds one. The message is outside the <label>, so the field's accessible name is its label
 * alone; the message is its description.
 */
export function DateField({ label, className, name, value, onChange, onCommit, disabled, invalid }: Props) {
  const { t } = useTranslation();
  const inputId = useId();
  const messageId = useId();
  const [editing, setEditing] = useState(false);
  const problem = calendarDateProblem(value);
  const shown = problem && (!editing || value.trim().length >= 10) ? problem : null;
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label className="field__label" htmlFor={inputId}>
        {label}
      </label>
      <input
        id={inputId}
        className="input"
        type="text"
        inputMode="numeric"
        autoComplete="off"
        name={name}
        value={value}
        maxLength={20}
        placeholder={t('ui.date.placeholder')}
        disabled={disabled}
        aria-invalid={shown || invalid ? true : undefined}
        aria-describedby={shown ? messageId : undefined}
        onFocus={() => setEditing(true)}
        onChange={(e) => onChange(e.target.value)}
        onBlur={() => {
          setEditing(false);
          const normal = normalizeCalendarDate(value);
          if (normal !== value) onChange(normal);
          onCommit?.(normal);
        }}
      />
      {shown ? (
        <span id={messageId} className="field__error" role="alert">
          {t(`ui.date.${shown}`, { value: normalizeCalendarDate(value) })}
        </span>
      ) : null}
    </div>
  );
}
