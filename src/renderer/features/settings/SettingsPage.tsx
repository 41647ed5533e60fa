import { useCallback, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { RestoreOutcome } from '../../../shared/api/backups-types';
import type { Language, Settings } from '../../../shared/api/types';
import { useApi } from '../../api/context';
import { useErrorText } from '../../components/error-text';
import { formatDateTime } from '../../components/lang';
import { LanguagePicker } from '../../components/LanguagePicker';
import { useLoader } from '../../components/use-loader';
import { BackupsSection } from '../backups/BackupsSection';

/** Every IANA zone Intl knows, the chosen one and UTC included even where the list lacks them. */
function zoneList(...must: string[]): string[] {
  const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [...new Set([...all, ...must, 'UTC'])].sort();
}

/**
 * The language and the time zone apply as soon as they are chosen (each choice is saved at once, no separate save);
 * the user name, recorded on every change, is saved with its own button.
 */
export function SettingsPage({
  settings,
  onSaved,
  onRestored,
}: {
  settings: Settings;
  onSaved: (s: Settings) => void;
  /** After a restore from the Backups section: the app reloads every screen's data. */
  onRestored?: (outcome: RestoreOutcome) => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const errorText = useErrorText();
  const info = useLoader(useCallback(() => api.call('app.info', {}), [api]));
  const [userName, setUserName] = useState(settings.userName);
  const [state, setState] = useState<'idle' | 'saving' | 'saved'>('idle');
  const [applied, setApplied] = useState<'language' | 'timeZone' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const zones = useMemo(
    () => zoneList(settings.timeZone, settings.systemTimeZone),
    [settings.timeZone, settings.systemTimeZone],
  );

  const apply = async (patch: { language?: Language; timeZone?: string | null }, what: 'language' | 'timeZone') => {
    setError(null);
    setApplied(null);
    try {
      onSaved(await api.call('settings.update', patch));
      setApplied(what);
    } catch (err) {
      setError(err);
    }
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setState('saving');
    setError(null);
    try {
      onSaved(await api.call('settings.update', { userName: userName.trim() }));
      setState('saved');
    } catch (err) {
      setError(err);
      setState('idle');
    }
  };

  return (
    <section className="page page--narrow">
      <div className="page__header">
        <h1 className="page__title">{t('ui.settings.title')}</h1>
      </div>
      <div className="form">
        <LanguagePicker
          name="language"
          legend={t('ui.settings.language')}
          value={settings.language}
          onChange={(language) => void apply({ language }, 'language')}
        />
        <label className="field">
          <span className="field__label">{t('ui.settings.timeZone')}</span>
          <select
            className="input"
            name="timeZone"
            value={settings.timeZoneFollowsSystem ? '' : settings.timeZone}
            onChange={(e) => void apply({ timeZone: e.target.value || null }, 'timeZone')}
          >
            <option value="">{t('ui.settings.timeZoneSystem', { zone: settings.systemTimeZone })}</option>
            {zones.map((z) => (
              <option key={z} value={z}>
                {z}
              </option>
            ))}
          </select>
          <span className="field__hint">
            {t('ui.settings.timeZoneHint', {
              example: formatDateTime(new Date().toISOString(), settings.language, settings.timeZone),
            })}
          </span>
        </label>
        {applied ? (
          <span className="saved-note" role="status">
            {t(applied === 'language' ? 'ui.settings.languageApplied' : 'ui.settings.timeZoneApplied')}
          </span>
        ) : null}
      </div>
      <form className="form" onSubmit={(e) => void save(e)} noValidate>
        <label className="field">
          <span className="field__label">{t('ui.settings.userName')}</span>
          <input
            className="input"
            name="userName"
            value={userName}
            onChange={(e) => setUserName(e.target.value)}
            maxLength={200}
            aria-required="true"
          />
          <span className="field__hint">{t('ui.settings.userNameHint')}</span>
        </label>
        {error ? (
          <div className="alert alert--error" role="alert">
            {errorText(error)}
          </div>
        ) : null}
        <div className="form__actions">
          <button
            className="button button--primary"
            type="submit"
            disabled={state === 'saving' || userName.trim() === '' || userName.trim() === settings.userName}
          >
            {t('ui.save')}
          </button>
          {state === 'saved' ? (
            <span className="saved-note" role="status">
              {t('ui.settings.saved')}
            </span>
          ) : null}
        </div>
      </form>
      {onRestored ? <BackupsSection onRestored={onRestored} /> : null}
      {info.data ? (
        <dl className="meta meta--about">
          <dt>{t('ui.settings.version')}</dt>
          <dd>{info.data.version}</dd>
          <dt>{t('ui.settings.dataDir')}</dt>
          <dd className="mono">{info.data.dataDir}</dd>
          <dt>{t('ui.settings.schema')}</dt>
          <dd>{info.data.schemaVersion}</dd>
          <dt>{t('ui.settings.shell')}</dt>
          <dd>{t(`ui.settings.shellName.${info.data.shell}`)}</dd>
        </dl>
      ) : null}
      <p className="offline-note">{t('ui.settings.offline')}</p>
    </section>
  );
}
