import { useTranslation } from 'react-i18next';
import type { BackupView } from '../../../shared/api/backups-types';
import { formatDateTime, useLang } from '../../components/lang';
import { formatSize } from './format';

type Props = {
  backups: BackupView[];
  /** The newest backup that passes its check now (marked in the list). */
  newestGood: string | null;
  /** One backup chosen with a radio button (the start screen), or … */
  chosen?: { name: string | null; onChoose: (name: string) => void };
  /** … a restore button on each row (Settings). */
  onRestore?: (b: BackupView) => void;
  disabled?: boolean;
};

/** The backups, newest first: time, kind, size, the check recorded when each was made, and its history's length. */
export function BackupTable({ backups, newestGood, chosen, onRestore, disabled }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <table className="table table--dense backup-table" data-testid="backup-table">
      <thead>
        <tr>
          {chosen ? <th scope="col">{t('ui.backups.col.select')}</th> : null}
          <th scope="col">{t('ui.backups.col.createdAt')}</th>
          <th scope="col">{t('ui.backups.col.reason')}</th>
          <th scope="col" className="num">
            {t('ui.backups.col.size')}
          </th>
          <th scope="col">{t('ui.backups.col.check')}</th>
          <th scope="col" className="num">
            {t('ui.backups.col.history')}
          </th>
          {onRestore ? <th scope="col">{t('ui.backups.col.actions')}</th> : null}
        </tr>
      </thead>
      <tbody>
        {backups.map((b) => {
          const damaged = b.check === 'damaged';
          const time = formatDateTime(b.createdAt, lang);
          return (
            <tr key={b.name} className={chosen?.name === b.name ? 'is-selected' : undefined}>
              {chosen ? (
                <td>
                  <input
                    type="radio"
                    name="backup"
                    value={b.name}
                    checked={chosen.name === b.name}
                    disabled={disabled || damaged}
                    onChange={() => chosen.onChoose(b.name)}
                    aria-label={time}
                  />
                </td>
              ) : null}
              <td className="backup-table__time">
                <span title={b.name}>{time}</span>
                {b.name === newestGood ? <span className="badge badge--final">{t('ui.backups.newest')}</span> : null}
              </td>
              <td>{t(`ui.backups.reason.${b.reason}`, { defaultValue: b.reason })}</td>
              <td className="num">{formatSize(b.size, lang)}</td>
              <td>
                <span className={damaged ? 'backup-check is-damaged' : 'backup-check'} title={b.checkDetail}>
                  {t(`ui.backups.check.${b.check}`)}
                </span>
              </td>
              <td className="num">{b.historyHead ?? t('ui.backups.historyUnknown')}</td>
              {onRestore ? (
                <td>
                  <button
                    type="button"
                    className="button button--small"
                    disabled={disabled || damaged}
                    onClick={() => onRestore(b)}
                  >
                    {t('ui.backups.restoreThis')}
                  </button>
                </td>
              ) : null}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
