import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/context';
import { useErrorText } from '../../components/error-text';
import { useLoader } from '../../components/use-loader';

/** One evidence file's valid-until date (editable) and its stale flag: expired, or older than the period. */
export function EvidenceValidity({
  assessmentId,
  evidenceId,
  locked,
}: {
  assessmentId: string;
  evidenceId: string;
  locked: boolean;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const errorText = useErrorText();
  const [error, setError] = useState<unknown>(null);
  const list = useLoader(useCallback(() => api.call('evidence.validity', { assessmentId }), [api, assessmentId]));
  const v = list.data?.find((x) => x.evidenceId === evidenceId);
  if (!v) return null;
  const save = (value: string) => {
    if (value !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(value)) return;
    setError(null);
    void api.call('evidence.setValidity', { evidenceId, validUntil: value || null }).then(list.reload, setError);
  };
  return (
    <div className="evidence__meta evidence-validity">
      <label>
        {t('periods.validUntil')}{' '}
        <input
          name="validUntil"
          defaultValue={v.validUntil ?? ''}
          placeholder="YYYY-MM-DD"
          size={11}
          disabled={locked}
          onBlur={(e) => save(e.target.value.trim())}
        />
      </label>
      {v.stale ? (
        <span className="badge badge--stale" role="status">
          {t(`periods.stale.${v.stale.reason}`, { date: v.stale.date })}
        </span>
      ) : null}
      {error ? (
        <span className="alert alert--error" role="alert">
          {errorText(error)}
        </span>
      ) : null}
    </div>
  );
}
