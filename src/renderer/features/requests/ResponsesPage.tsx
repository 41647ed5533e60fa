import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_PASSPHRASE_CHARS } from '../../../core/exchange/sealed-package';
import { useApi } from '../../api/context';
import { readPickedFile } from '../../components/download';
import { useErrorText } from '../../components/error-text';
import { formatDateTime, useLang } from '../../components/lang';
import { useLoader } from '../../components/use-loader';
import { href, navigate } from '../../navigation/routes';
import { FileButton } from '../../components/FileButton';

/** The respondent's list of opened requests, and opening a request package (`.tenken` of kind request). */
export function ResponsesPage() {
  const { t } = useTranslation();
  const api = useApi();
  const lang = useLang();
  const errorText = useErrorText();
  const list = useLoader(useCallback(() => api.call('responses.list', {}), [api]));
  const [picked, setPicked] = useState<{ fileName: string; content: string } | null>(null);
  const [pass, setPass] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const open = async () => {
    if (!picked) return;
    setBusy(true);
    setError(null);
    try {
      const item = await api.call('responses.open', { content: picked.content, passphrase: pass });
      navigate({ name: 'response', requestId: item.requestId });
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  return (
    <section className="page">
      <div className="page__header">
        <div>
          <h1 className="page__title">{t('requests.ui.responsesTitle')}</h1>
          <p className="page__lead">{t('requests.ui.responsesLead')}</p>
        </div>
      </div>
      {error || list.error ? (
        <div className="alert alert--error" role="alert">
          {errorText(error ?? list.error)}
        </div>
      ) : null}
      <form
        className="form card"
        aria-label={t('requests.ui.openTitle')}
        onSubmit={(e) => {
          e.preventDefault();
          void open();
        }}
      >
        <h2>{t('requests.ui.openTitle')}</h2>
        <div>
          <FileButton
            name="requestFile"
            accept=".tenken"
            onFiles={async ([f]) => {
              if (f) {
                const r = await readPickedFile(f, { binary: true });
                setPicked({ fileName: r.fileName, content: r.content });
              }
            }}
          >
            {t('requests.ui.requestFile')}
          </FileButton>{' '}
          {picked ? <span className="mono">{picked.fileName}</span> : null}
        </div>
        <label className="field">
          <span className="field__label">{t('ui.sealed.passphrase')}</span>
          <input
            className="input"
            type="password"
            name="passphrase"
            autoComplete="off"
            maxLength={MAX_PASSPHRASE_CHARS}
            value={pass}
            onChange={(e) => setPass(e.target.value)}
          />
        </label>
        <div className="form__actions">
          <button
            type="submit"
            className="button button--primary"
            name="openRequest"
            disabled={!picked || !pass || busy}
          >
            {busy ? t('ui.sealed.opening') : t('ui.sealed.open')}
          </button>
        </div>
      </form>
      <ul className="response-items">
        {(list.data ?? []).map((i) => (
          <li key={i.requestId} className="card">
            <a href={href({ name: 'response', requestId: i.requestId })}>
              {t('requests.ui.responseTitle', { assessment: i.assessmentName })} — {i.respondent}
            </a>
            <p>
              {t('requests.ui.progress', { answered: i.answered, count: i.controls })} · {t('requests.col.due')}:{' '}
              {i.due ?? '—'} · {formatDateTime(i.openedAt, lang)}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
