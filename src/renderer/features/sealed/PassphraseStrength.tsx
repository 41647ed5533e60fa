import { useTranslation } from 'react-i18next';
import { MIN_PASSPHRASE_CHARS, passphraseStrength } from '../../../core/exchange/sealed-package';

/**
 * The passphrase's estimated strength while it is typed: a bar and one sentence, from its length, the kinds of
 * characters and the number of words only (the core's estimate), with the plain warning that a known phrase is weaker than it looks.
 */
export function PassphraseStrength({ passphrase }: { passphrase: string }) {
  const { t } = useTranslation();
  const s = passphraseStrength(passphrase);
  // Nothing typed yet is no fault: say what is wanted, in the neutral colour, not "too short" in red.
  const level = passphrase === '' ? 'empty' : s.level;
  return (
    <div className="passphrase-strength" data-level={level}>
      <span className="field__label" id="passphrase-strength-label">
        {t('ui.sealed.strengthLabel')}
      </span>
      <meter
        className="passphrase-strength__meter"
        aria-labelledby="passphrase-strength-label"
        min={0}
        max={120}
        low={60}
        high={90}
        optimum={120}
        value={s.level === 'tooShort' ? Math.min(s.bits, 30) : Math.min(s.bits, 120)}
      />
      <span className="passphrase-strength__text" role="status">
        {t(`ui.sealed.strength.${level}`, {
          min: MIN_PASSPHRASE_CHARS,
          length: s.length,
          bits: s.bits,
        })}
      </span>
      <span className="field__hint">{t('ui.sealed.strengthNote')}</span>
    </div>
  );
}
