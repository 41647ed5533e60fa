import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_PASSPHRASE_CHARS } from '../../../core/exchange/sealed-package';
import type { AssessmentSummary } from '../../../shared/api/types';
import { ApiCallError } from '../../api/client';
import { useApi } from '../../api/context';
import { Dialog } from '../../components/Dialog';
import { useErrorText } from '../../components/error-text';

/**
 * Asks for the passphrase of a picked `.tenken` package and imports it: all of it or nothing. A wrong passphrase
 * keeps the dialog open to try again, with the service's message (wrong passphrase or altered file).
 */
export function SealedImportDialog({
  fileName,
  content,
  onClose,
  onImported,
  onExists,
}: {
  fileName: string;
  content: string;
  onClose: () => void;
  onImported: (a: AssessmentSummary) => void;
  /** The package holds a copy of an assessment that is already here: offer the merge (with the passphrase that opened it). */
  onExists?: (passphrase: string) => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const errorText = useErrorText();
  const [pass, setPass] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const open = async () => {
    if (!pass || busy) return;
    setBusy(true);
    setError(null);
    try {
      onImported(await api.call('assessments.importSealed', { content, passphrase: pass }));
    } catch (e) {
      if (onExists && e instanceof ApiCallError && e.error.key === 'assessmentExists') return onExists(pass);
      setError(e);
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={t('ui.sealed.importTitle')}
      onClose={() => {
        if (!busy) onClose();
      }}
      closeOnBackdrop={false}
    >
      <form
        className="form sealed-form"
        onSubmit={(e) => {
          e.preventDefault();
          void open();
        }}
      >
        <p>{t('ui.sealed.importLead', { file: fileName })}</p>
        <label className="field">
          <span className="field__label">{t('ui.sealed.passphrase')}</span>
          <input
            className="input"
            type="password"
            name="passphrase"
            autoComplete="off"
            spellCheck={false}
            maxLength={MAX_PASSPHRASE_CHARS}
            value={pass}
            onChange={(e) => setPass(e.target.value)}
            data-autofocus
          />
        </label>
        {error ? (
          <div className="alert alert--error" role="alert">
            {errorText(error)}
          </div>
        ) : null}
        <div className="form__actions">
          <button type="submit" className="button button--primary" name="openSealed" disabled={!pass || busy}>
            {busy ? t('ui.sealed.opening') : t('ui.sealed.open')}
          </button>
          <button type="button" className="button button--quiet" disabled={busy} onClick={onClose}>
            {t('ui.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
