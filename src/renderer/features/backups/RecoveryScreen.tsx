import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecoveryStatus, RestoreOutcome } from '../../../shared/api/backups-types';
import type { Language } from '../../../shared/api/types';
import { useApi } from '../../api/context';
import { useErrorText } from '../../components/error-text';
import { LanguagePicker } from '../../components/LanguagePicker';
import { useLang } from '../../components/lang';
import { useLoader } from '../../components/use-loader';
import { BackupTable } from './BackupTable';
import { RestoreConfirm } from './RestoreConfirm';

type Recovery = Extract<RecoveryStatus, { mode: 'recovery' }>;

/**
 * The start screen when the workspace could not be opened: what is wrong (the fault's own message), the backups
 * with the newest good one chosen, and a restore after a confirmation. Once restored, the app opens the workspace
 * (the same process serves it: src/main/app/session.ts). The language can be switched here for this screen only:
 * the settings live in the workspace that could not be read.
 */
export function RecoveryScreen({
  status,
  onOpened,
  onLanguage,
}: {
  status: Recovery;
  onOpened: () => void;
  onLanguage: (l: Language) => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const lang = useLang();
  const errorText = useErrorText();
  const [current, setCurrent] = useState<Recovery>(status);
  const listed = useLoader(useCallback(() => api.call('backups.list', {}), [api]));
  const [chosen, setChosen] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const [restoring, setRestoring] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [outcome, setOutcome] = useState<RestoreOutcome | null>(null);
  const list = listed.data;
  // The newest good backup is chosen until the user chooses another.
  const chosenName = chosen ?? list?.newestGood ?? null;
  useEffect(() => {
    document.title = t('ui.appTitle');
  }, [t]);
  const backup = list?.backups.find((b) => b.name === chosenName) ?? null;

  const restore = async () => {
    if (!backup) return;
    setAsking(false);
    setRestoring(true);
    setError(null);
    try {
      const r = await api.call('backups.restore', { name: backup.name });
      setOutcome(r);
      if (r.status.mode === 'recovery') {
        setCurrent(r.status);
        setChosen(null);
        listed.reload();
      }
    } catch (e) {
      setError(e);
    } finally {
      setRestoring(false);
    }
  };

  const opened = outcome?.status.mode === 'normal';
  return (
    <div className="shell">
      <header className="topbar">
        <span className="brand">
          <span className="brand__mark" aria-hidden="true">
            {t('ui.brandMark')}
          </span>
          <span className="brand__name">{t('ui.brand')}</span>
        </span>
      </header>
      <main className="main">
        <section className="page page--narrow recovery" data-testid="recovery-screen">
          <div className="page__header">
            <h1 className="page__title">{t(opened ? 'ui.recovery.restoredTitle' : 'ui.recovery.title')}</h1>
          </div>
          {outcome ? (
            <div className={opened ? 'alert alert--ok' : 'alert alert--warn'} role="status" data-testid="restored">
              <p>{t('ui.recovery.restored', { name: outcome.restored })}</p>
              {outcome.keptAside ? <p>{t('ui.recovery.keptAside', { file: outcome.keptAside })}</p> : null}
              {outcome.safetyCopy ? <p>{t('ui.recovery.safetyCopy', { name: outcome.safetyCopy })}</p> : null}
              {opened ? (
                <div className="form__actions">
                  <button type="button" className="button button--primary" onClick={onOpened} autoFocus>
                    {t('ui.recovery.open')}
                  </button>
                </div>
              ) : (
                <p>{t('ui.recovery.stillNotOpen')}</p>
              )}
            </div>
          ) : null}
          {opened ? null : (
            <>
              <div className="alert alert--error" role="alert" data-testid="recovery-fault">
                {t(`errors.${current.fault.key}`, current.fault.params as Record<string, unknown>)}
              </div>
              <p className="page__lead">{t('ui.recovery.lead')}</p>
              <dl className="meta">
                <dt>{t('ui.recovery.dataDir')}</dt>
                <dd className="mono">{current.dataDir}</dd>
              </dl>
              {current.fault.key === 'dbFromFuture' ? (
                <p>{t('ui.recovery.newerVersion')}</p>
              ) : (
                <section className="recovery__restore" aria-labelledby="recovery-restore-title">
                  <h2 className="section-title" id="recovery-restore-title">
                    {t('ui.recovery.restoreTitle')}
                  </h2>
                  <p className="muted">{t('ui.recovery.restoreLead')}</p>
                  {listed.error ? (
                    <div className="alert alert--error" role="alert">
                      {errorText(listed.error)}
                    </div>
                  ) : null}
                  {list && list.backups.length === 0 ? <p>{t('ui.recovery.noBackups')}</p> : null}
                  {list && list.backups.length > 0 ? (
                    <BackupTable
                      backups={list.backups}
                      newestGood={list.newestGood}
                      chosen={{ name: chosenName, onChoose: setChosen }}
                      disabled={restoring}
                    />
                  ) : null}
                  {list && list.backups.length > 0 && !list.newestGood ? <p>{t('ui.recovery.noGoodBackup')}</p> : null}
                  {error ? (
                    <div className="alert alert--error" role="alert">
                      {errorText(error)}
                    </div>
                  ) : null}
                  <div className="form__actions">
                    <button
                      type="button"
                      className="button button--primary"
                      disabled={!backup || backup.check === 'damaged' || restoring || !current.restorable}
                      onClick={() => setAsking(true)}
                    >
                      {restoring ? t('ui.recovery.restoring') : t('ui.recovery.restoreButton')}
                    </button>
                  </div>
                </section>
              )}
            </>
          )}
          <LanguagePicker name="language" legend={t('ui.recovery.language')} value={lang} onChange={onLanguage} />
        </section>
      </main>
      {asking && backup ? (
        <RestoreConfirm
          backup={backup}
          from="recovery"
          onConfirm={() => void restore()}
          onCancel={() => setAsking(false)}
        />
      ) : null}
    </div>
  );
}
