import { useTranslation } from 'react-i18next';

/** On a carried-forward answer: says so, and confirms it as it stands (any change to the answer confirms it too). */
export function CarriedNotice({ onConfirm, locked }: { onConfirm: () => void; locked: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="alert alert--warn carried-notice" role="status">
      <span>{t('periods.carriedNotice')}</span>{' '}
      <button type="button" className="button button--small" disabled={locked} onClick={onConfirm}>
        {t('periods.confirmCarried')}
      </button>
    </div>
  );
}
