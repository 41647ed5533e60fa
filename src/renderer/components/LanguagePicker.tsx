import { useTranslation } from 'react-i18next';
import type { Language } from '../../shared/api/types';

/** Japanese / English as a segmented choice (the UI language in settings, a report's language on the report page). */
export function LanguagePicker({
  name,
  legend,
  value,
  onChange,
}: {
  name: string;
  legend: string;
  value: Language;
  onChange: (l: Language) => void;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="field">
      <legend className="field__label">{legend}</legend>
      <div className="segmented" role="radiogroup">
        {(['ja', 'en'] as const).map((l) => (
          <label key={l} className={value === l ? 'segmented__option is-selected' : 'segmented__option'}>
            <input type="radio" name={name} value={l} checked={value === l} onChange={() => onChange(l)} />
            {t(`ui.settings.languageName.${l}`)}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
