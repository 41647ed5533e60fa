import { useTranslation } from 'react-i18next';
import type { BackupView } from '../../../shared/api/backups-types';
import { Dialog } from '../../components/Dialog';
import { formatDateTime, useLang } from '../../components/lang';

/**
 * Asks before a restore, saying what will happen: from the start screen the current file is kept aside; from
 * Settings the current workspace is backed up first, then replaced, and changes since the backup are only in that
 * first backup.
 */
export function RestoreConfirm({
  backup,
  from,
  onConfirm,
  onCancel,
}: {
  backup: BackupView;
  from: 'recovery' | 'settings';
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const time = formatDateTime(backup.createdAt, lang);
  const scope = from === 'recovery' ? 'ui.recovery' : 'ui.backups';
  return (
    <Dialog title={t(`${scope}.confirmTitle`)} role="alertdialog" closeOnBackdrop={false} onClose={onCancel}>
      <p>{t(`${scope}.confirmBody`, { time, name: backup.name })}</p>
      {from === 'settings' ? <p className="muted">{t('ui.backups.confirmLater', { time })}</p> : null}
      <div className="form__actions">
        <button type="button" className="button" onClick={onCancel} data-autofocus>
          {t('ui.cancel')}
        </button>
        <button type="button" className="button button--primary" onClick={onConfirm}>
          {t(`${scope}.confirm`)}
        </button>
      </div>
    </Dialog>
  );
}
