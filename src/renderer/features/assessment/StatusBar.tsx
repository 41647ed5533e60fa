import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssessmentStatus, QualityIssue } from '../../../shared/api/types';
import { useApi } from '../../api/context';
import { useErrorText } from '../../components/error-text';
import { pick, useLang } from '../../components/lang';

const BLOCKING = new Set<QualityIssue['kind']>(['unanswered', 'justificationMissing', 'markedForReview', 'exclusionNotAllowed']);

/** Moves the assessment through draft → in review → final, showing the quality check before finalizing. */
export function StatusBar({ id, status, onChanged, onSelect }: { id: string; status: AssessmentStatus; onChanged: () => void; onSelect: (controlId: string) => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const lang = useLang();
  const errorText = useErrorText();
  const [issues, setIssues] = useState<QualityIssue[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  const check = async () => {
    setError(null);
    try {
      setIssues(await api.call('assessments.quality', { id }));
    } catch (e) {
      setError(e);
    }
  };
  const move = async (to: AssessmentStatus) => {
    setError(null);
    const note = status === 'final' ? window.prompt(t('ui.status.reopenReason')) : undefined;
    if (status === 'final' && !note) return;
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
      {status === 'draft' ? <button type="button" className="button button--small" onClick={() => void move('in_review')}>{t('ui.status.toReview')}</button> : null}
      {status === 'in_review' ? (
        <>
          <button type="button" className="button button--small" onClick={() => void move('draft')}>{t('ui.status.backToDraft')}</button>
          <button type="button" className="button button--small button--primary" onClick={() => void move('final')}>{t('ui.status.finalize')}</button>
        </>
      ) : null}
      {status === 'final' ? <button type="button" className="button button--small" onClick={() => void move('draft')}>{t('ui.status.reopen')}</button> : null}
      <button type="button" className="button button--small button--quiet" onClick={() => void check()}>{t('ui.quality.run')}</button>
      {error ? <span className="save-state--error" role="alert">{errorText(error)}</span> : null}
      {issues ? (
        <div className="modal" role="dialog" aria-modal="true" aria-label={t('ui.quality.title')} onClick={() => setIssues(null)}>
          <div className="modal__box modal__box--wide" onClick={(e) => e.stopPropagation()}>
            <h2 className="modal__title">{t('ui.quality.title')}</h2>
            <p className="muted">{issues.length === 0 ? t('ui.quality.none') : t('ui.quality.summary', { n: issues.length, blocking })}</p>
            <ul className="quality-list">
              {issues.slice(0, 300).map((i, k) => (
                <li key={k}>
                  <span className={BLOCKING.has(i.kind) ? 'chip chip--noncompliant' : 'chip chip--partial'}>{t(`ui.quality.kind.${i.kind}`)}</span>{' '}
                  <button type="button" className="linklike" onClick={() => { setIssues(null); onSelect(i.controlKey); }}>{i.controlKey} {pick(i.title, lang)}</button>
                  {i.detail ? <span className="muted"> {i.detail}</span> : null}
                </li>
              ))}
            </ul>
            <button type="button" className="button" onClick={() => setIssues(null)} autoFocus>{t('ui.close')}</button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
