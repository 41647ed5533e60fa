import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/context';
import { useLoader } from '../../components/use-loader';

/**
 * Shown once on the start screen until dismissed (kept in the workspace's settings): Tenken does not encrypt the
 * workspace, so it is as safe as the disk it is on; in portable mode, the USB stick should be encrypted.
 * Read-only workspaces show it too but cannot keep the dismissal, so the button is not offered there.
 */
export function AtRestNotice() {
  const { t } = useTranslation();
  const api = useApi();
  const state = useLoader(
    useCallback(
      () => Promise.all([api.call('settings.get', {}), api.call('app.info', {})]).then(([s, i]) => ({ s, i })),
      [api],
    ),
  );
  const [hidden, setHidden] = useState(false);
  if (hidden || !state.data || state.data.s.atRestNoticeDismissed) return null;
  const { i } = state.data;
  const dismiss = () => {
    setHidden(true);
    void api.call('settings.update', { atRestNoticeDismissed: true }).catch(() => undefined);
  };
  return (
    <aside className="alert alert--warn at-rest" role="note" data-testid="at-rest-notice">
      <strong>{t('atRest.title')}</strong>
      <p>{t('atRest.body')}</p>
      {i.portable ? <p>{t('atRest.portable')}</p> : null}
      {i.readOnly === null ? (
        <button type="button" className="button" onClick={dismiss}>
          {t('atRest.dismiss')}
        </button>
      ) : null}
    </aside>
  );
}
