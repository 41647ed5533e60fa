import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupView, RestoreOutcome } from '../../../shared/api/backups-types';
import { useApi } from '../../api/context';
import { useErrorText } from '../../components/error-text';
import { useLoader } from '../../components/use-loader';
import { BackupTable } from './BackupTable';
import { RestoreConfirm } from './RestoreConfirm';

/**
 * Settings → Backups: the backups of this workspace, "Back up now", and a restore of one of them by the running app
 * (the workspace is backed up first, replaced, and opened again; `onRestored` then reloads every screen's data).
 */
export function BackupsSection({ onRestored }: { onRestored: (outcome: RestoreOutcome) => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const errorText = useErrorText();
  const listed = useLoader(useCallback(() => api.call('backups.list', {}), [api]));
  const [busy, setBusy] = useState<'creating' | 'restoring' | null>(null);
  const [asking, setAsking] = useState<BackupView | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const list = listed.data;

  const backUpNow = async () => {
    setBusy('creating');
    setError(null);
    setCreated(null);
    try {
      setCreated((await api.call('backups.create', {})).name);
      listed.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  const restore = async (b: BackupView) => {
    setAsking(null);
    setBusy('restoring');
    setError(null);
    try {
      onRestored(await api.call('backups.restore', { name: b.name }));
    } catch (e) {
      setError(e);
      setBusy(null);
      listed.reload();
    }
  };

  return (
    <section className="settings-backups" aria-labelledby="settings-backups-title" data-testid="settings-backups">
      <h2 className="section-title" id="settings-backups-title">
        {t('ui.backups.title')}
      </h2>
      {list ? <p className="muted">{t('ui.backups.lead', { dir: list.dir })}</p> : null}
      <div className="form__actions">
        <button type="button" className="button" disabled={busy !== null} onClick={() => void backUpNow()}>
          {busy === 'creating' ? t('ui.backups.creating') : t('ui.backups.createNow')}
        </button>
        {busy === 'restoring' ? (
          <span className="muted" role="status">
            {t('ui.backups.restoring')}
          </span>
        ) : null}
        {created ? (
          <span className="saved-note" role="status">
            {t('ui.backups.created', { name: created })}
          </span>
        ) : null}
      </div>
      {error || listed.error ? (
        <div className="alert alert--error" role="alert">
          {errorText(error ?? listed.error)}
        </div>
      ) : null}
      {list && list.backups.length === 0 ? <p>{t('ui.backups.none')}</p> : null}
      {list && list.backups.length > 0 ? (
        <BackupTable
          backups={list.backups}
          newestGood={list.newestGood}
          onRestore={setAsking}
          disabled={busy !== null}
        />
      ) : null}
      {asking ? (
        <RestoreConfirm
          backup={asking}
          from="settings"
          onConfirm={() => void restore(asking)}
          onCancel={() => setAsking(null)}
        />
      ) : null}
    </section>
  );
}
