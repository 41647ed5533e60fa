import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_PASSPHRASE_CHARS, normalizePassphrase, passphraseStrength } from '../../../core/exchange/sealed-package';
import { useApi } from '../../api/context';
import { Dialog } from '../../components/Dialog';
import { downloadBase64 } from '../../components/download';
import { useErrorText } from '../../components/error-text';
import { PassphraseStrength } from './PassphraseStrength';

/**
 * Seals the assessment under a passphrase typed twice (a typo would lock the file for good), showing its estimated
 * strength; the service refuses fewer than 12 characters too. The passphrase lives only in this dialog's state.
 */
export function SealedExportDialog({
  id,
  onClose,
  onDone,
}: {
  id: string;
  onClose: () => void;
  onDone: (fileName: string) => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const errorText = useErrorText();
  const [pass, setPass] = useState('');
  const [again, setAgain] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const strength = passphraseStrength(pass);
  const same = normalizePassphrase(pass) === normalizePassphrase(again);
  const ready = strength.level !== 'tooShort' && same && !busy;

  const seal = async () => {
    if (!ready) return;
    setBusy(true);
    setError(null);
    try {
      const f = await api.call('assessments.exportSealed', { id, passphrase: pass });
      downloadBase64(f.fileName, f.mediaType, f.content);
      onDone(f.fileName);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={t('ui.sealed.exportTitle')}
      onClose={() => {
        if (!busy) onClose();
      }}
      closeOnBackdrop={false}
    >
      <form
        className="form sealed-form"
        onSubmit={(e) => {
          e.preventDefault();
          void seal();
        }}
      >
        <p className="field__hint">{t('ui.sealed.exportHint')}</p>
        <label className="field">
          <span className="field__label">{t('ui.sealed.passphrase')}</span>
          <input
            className="input"
            type="password"
            name="passphrase"
            autoComplete="new-password"
            spellCheck={false}
            maxLength={MAX_PASSPHRASE_CHARS}
            value={pass}
            onChange={(e) => setPass(e.target.value)}
            data-autofocus
          />
        </label>
        <PassphraseStrength passphrase={pass} />
        <label className="field">
          <span className="field__label">{t('ui.sealed.passphraseAgain')}</span>
          <input
            className="input"
            type="password"
            name="passphraseAgain"
            autoComplete="new-password"
            spellCheck={false}
            maxLength={MAX_PASSPHRASE_CHARS}
            value={again}
            onChange={(e) => setAgain(e.target.value)}
            aria-invalid={again !== '' && !same}
          />
        </label>
        {again !== '' && !same ? (
          <p className="field__hint field__hint--bad" role="alert">
            {t('ui.sealed.mismatch')}
          </p>
        ) : null}
        {error ? (
          <div className="alert alert--error" role="alert">
            {errorText(error)}
          </div>
        ) : null}
        <div className="form__actions">
          <button type="submit" className="button button--primary" name="seal" disabled={!ready}>
            {busy ? t('ui.sealed.sealing') : t('ui.sealed.seal')}
          </button>
          <button type="button" className="button button--quiet" disabled={busy} onClick={onClose}>
            {t('ui.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
