import { useCallback, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language, Settings } from '../../../shared/api/types';
import { useApi } from '../../api/context';
import { useErrorText } from '../../components/error-text';
import { LanguagePicker } from '../../components/LanguagePicker';
import { useLoader } from '../../components/use-loader';

export function SettingsPage({ settings, onSaved }: { settings: Settings; onSaved: (s: Settings) => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const errorText = useErrorText();
  const info = useLoader(useCallback(() => api.call('app.info', {}), [api]));
  const [language, setLanguage] = useState<Language>(settings.language);
  const [userName, setUserName] = useState(settings.userName);
  const [state, setState] = useState<'idle' | 'saving' | 'saved'>('idle');
  const [error, setError] = useState<unknown>(null);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setState('saving');
    setError(null);
    try {
      const s = await api.call('settings.update', { language, userName: userName.trim() });
      onSaved(s);
      setState('saved');
    } catch (err) {
      setError(err);
      setState('idle');
    }
  };

  return (
    <section className="page page--narrow">
      <div className="page__header"><h1 className="page__title">{t('ui.settings.title')}</h1></div>
      <form className="form" onSubmit={(e) => void save(e)}>
        <LanguagePicker name="language" legend={t('ui.settings.language')} value={language} onChange={setLanguage} />
        <label className="field">
          <span className="field__label">{t('ui.settings.userName')}</span>
          <input className="input" name="userName" value={userName} onChange={(e) => setUserName(e.target.value)} maxLength={200} required />
          <span className="field__hint">{t('ui.settings.userNameHint')}</span>
        </label>
        {error ? <div className="alert alert--error" role="alert">{errorText(error)}</div> : null}
        <div className="form__actions">
          <button className="button button--primary" type="submit" disabled={state === 'saving' || userName.trim() === ''}>{t('ui.save')}</button>
          {state === 'saved' ? <span className="saved-note" role="status">{t('ui.settings.saved')}</span> : null}
        </div>
      </form>
      {info.data ? (
        <dl className="meta meta--about">
          <dt>{t('ui.settings.version')}</dt><dd>{info.data.version}</dd>
          <dt>{t('ui.settings.dataDir')}</dt><dd className="mono">{info.data.dataDir}</dd>
          <dt>{t('ui.settings.schema')}</dt><dd>{info.data.schemaVersion}</dd>
          <dt>{t('ui.settings.shell')}</dt><dd>{t(`ui.settings.shellName.${info.data.shell}`)}</dd>
        </dl>
      ) : null}
      <p className="offline-note">{t('ui.settings.offline')}</p>
    </section>
  );
}
