import { useTranslation } from 'react-i18next';
import type { Progress } from '../../shared/api/types';

export function ProgressBar({ progress, compact = false }: { progress: Progress; compact?: boolean }) {
  const { t } = useTranslation();
  const pct = progress.total === 0 ? 0 : Math.round((progress.answered / progress.total) * 100);
  return (
    <div
      className={compact ? 'progress progress--compact' : 'progress'}
      role="progressbar"
      aria-valuenow={pct}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-label={t('ui.progress.label')}
    >
      <div className="progress__track">
        <div className="progress__fill" style={{ width: `${pct}%` }} />
      </div>
      <span className="progress__text">
        {t('ui.progress.count', { answered: progress.answered, total: progress.total, pct })}
      </span>
    </div>
  );
}
