import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssessmentStatus, QualityIssue } from '../../../shared/api/types';
import { useApi } from '../../api/context';
import { Dialog } from '../../components/Dialog';
import { useErrorText } from '../../components/error-text';
import { pick, useLang } from '../../components/lang';
import { SignoffBar } from './SignoffBar';

const BLOCKING = new Set<QualityIssue['kind']>([
  'unanswered',
  'justificationMissing',
  'markedForReview',
  'exclusionNotAllowed',
  'carriedUnconfirmed',
]);

/** Moves the assessment through draft → in review → final, showing the quality check before finalizing. */
export function StatusBar({
  id,
  status,
  onChanged,
  onSelect,
}: {
  id: string;
  status: AssessmentStatus;
  onChanged: () => void;
  onSelect: (controlId: string) => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const lang = useLang();
  const errorText = useErrorText();
  const [issues, setIssues] = useState<QualityIssue[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  /** Reopening a final assessment asks for the reason (recorded in the history) in a dialog of the app's own. */
  const [reopening, setReopening] = useState(false);
  const [reason, setReason] = useState('');

  const check = async () => {
    setError(null);
    try {
      setIssues(await api.call('assessments.quality', { id }));
    } catch (e) {
      setError(e);
    }
  };
  const move = async (to: AssessmentStatus, note?: string) => {
    setError(null);
    if (status === 'final' && !note?.trim()) return;
    try {
      await api.call('assessments.setStatus', { id, status: to, ...(note ? { note } : {}) });
      setIssues(null);
      onChanged();
    } catch (e) {
      setError(e);
      if (to === 'final') void check();
    }
  };
  const blocking = issues?.filter((i) => BLOCKING.has(i.kind)).length ?? 0;
  return (
    <div className="status-bar">
      <SignoffBar id={id} status={status} onChanged={onChanged} />
      {status === 'draft' ? (
        <button type="button" className="button button--small" onClick={() => void move('in_review')}>
          {t('ui.status.toReview')}
        </button>
      ) : null}
      {status === 'in_review' ? (
        <>
          <button type="button" className="button button--small" onClick={() => void move('draft')}>
            {t('ui.status.backToDraft')}
          </button>
          <button type="button" className="button button--small button--primary" onClick={() => void move('final')}>
            {t('ui.status.finalize')}
          </button>
        </>
      ) : null}
      {status === 'final' ? (
        <button
          type="button"
          className="button button--small"
          name="reopen"
          onClick={() => {
            setReason('');
            setReopening(true);
          }}
        >
          {t('ui.status.reopen')}
        </button>
      ) : null}
      <button type="button" className="button button--small button--quiet" onClick={() => void check()}>
        {t('ui.quality.run')}
      </button>
      {error ? (
        <span className="save-state--error" role="alert">
          {errorText(error)}
        </span>
      ) : null}
      {reopening ? (
        <Dialog title={t('ui.status.reopenTitle')} onClose={() => setReopening(false)} closeOnBackdrop={false}>
          <form
            className="form"
            onSubmit={(e) => {
              e.preventDefault();
              if (reason.trim()) {
                setReopening(false);
                void move('draft', reason.trim());
              }
            }}
          >
            <label className="field">
              <span className="field__label">{t('ui.status.reopenReason')}</span>
              <textarea
                className="textarea"
                name="reopenReason"
                rows={3}
                maxLength={2000}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                data-autofocus
              />
            </label>
            <div className="form__actions">
              <button type="submit" className="button button--primary" name="confirmReopen" disabled={!reason.trim()}>
                {t('ui.status.reopenConfirm')}
              </button>
              <button type="button" className="button button--quiet" onClick={() => setReopening(false)}>
                {t('ui.cancel')}
              </button>
            </div>
          </form>
        </Dialog>
      ) : null}
      {issues ? (
        <Dialog title={t('ui.quality.title')} onClose={() => setIssues(null)} wide>
          <p className="muted">
            {issues.length === 0 ? t('ui.quality.none') : t('ui.quality.summary', { n: issues.length, blocking })}
          </p>
          <ul className="quality-list">
            {issues.slice(0, 300).map((i, k) => (
              <li key={k}>
                <span className={BLOCKING.has(i.kind) ? 'chip chip--noncompliant' : 'chip chip--partial'}>
                  {t(`ui.quality.kind.${i.kind}`)}
                </span>{' '}
                <button
                  type="button"
                  className="linklike"
                  onClick={() => {
                    setIssues(null);
                    onSelect(i.controlKey);
                  }}
                >
                  {i.controlKey} {pick(i.title, lang)}
                </button>
                {i.detail ? (
                  <span className="muted">
                    {' '}
                    {i.kind === 'ccwIncomplete'
                      ? i.detail
                          .split(', ')
                          .map((f) => t(`ui.ccw.field.${f}`))
                          .join(lang === 'ja' ? '、' : ', ')
                      : i.detail}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
          <button type="button" className="button" onClick={() => setIssues(null)} data-autofocus>
            {t('ui.close')}
          </button>
        </Dialog>
      ) : null}
    </div>
  );
}
