import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SignoffStep } from '../../../core/assessment/signoff';
import type { AssessmentStatus } from '../../../shared/api/types';
import { useApi } from '../../api/context';
import { Dialog } from '../../components/Dialog';
import { useErrorText } from '../../components/error-text';
import { formatDateTime, useLang } from '../../components/lang';
import { useLoader } from '../../components/use-loader';

/**
 * Who prepared, reviewed and approved the assessment, in the status bar. Preparer and reviewer can be recorded at
 * any status; approval is the step after final and is withdrawn by reopening. Each asks the name and role in
 * the app's dialog; every change is recorded in the history.
 */
export function SignoffBar({ id, status, onChanged }: { id: string; status: AssessmentStatus; onChanged: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const lang = useLang();
  const errorText = useErrorText();
  // Reloaded when the status changes: reopening withdraws the approval.
  const loaded = useLoader(
    // eslint-disable-next-line react-hooks/exhaustive-deps -- status only triggers the reload
    useCallback(() => api.call('signoff.get', { assessmentId: id }), [api, id, status]),
  );
  const signoff = loaded.data;
  const [editing, setEditing] = useState<SignoffStep | null>(null);
  const [name, setName] = useState('');
  const [role, setRole] = useState('');
  const [error, setError] = useState<unknown>(null);

  const open = (step: SignoffStep) => {
    setError(null);
    setName(signoff?.[step]?.name ?? '');
    setRole(signoff?.[step]?.role ?? '');
    setEditing(step);
  };
  const save = async (step: SignoffStep) => {
    setEditing(null);
    try {
      await api.call('signoff.set', { assessmentId: id, step, name: name.trim(), ...(role.trim() ? { role } : {}) });
      loaded.reload();
      onChanged();
    } catch (e) {
      setError(e);
    }
  };
  if (!signoff) return null;
  const approved = !!signoff.approved;
  const who = (step: SignoffStep) => {
    const s = signoff[step];
    return s ? (s.role ? t('signoff.nameWithRole', { name: s.name, role: s.role }) : s.name) : t('signoff.none');
  };
  return (
    <div className="signoff-bar" aria-label={t('signoff.title')}>
      {(['prepared', 'reviewed'] as const).map((step) => (
        <button
          key={step}
          type="button"
          className="button button--small button--quiet"
          name={`signoff-${step}`}
          disabled={approved}
          title={signoff[step] ? formatDateTime(signoff[step].at, lang) : t(`signoff.record.${step}`)}
          onClick={() => open(step)}
        >
          {t(`signoff.step.${step}`)}: {who(step)}
        </button>
      ))}
      {approved && signoff.approved ? (
        <span className="chip chip--compliant" title={formatDateTime(signoff.approved.at, lang)}>
          {t('signoff.approvedBy', { name: who('approved') })}
        </span>
      ) : status === 'final' ? (
        <button
          type="button"
          className="button button--small button--primary"
          name="approve"
          onClick={() => open('approved')}
        >
          {t('signoff.approve')}
        </button>
      ) : null}
      {error || loaded.error ? (
        <span className="save-state--error" role="alert">
          {errorText(error ?? loaded.error)}
        </span>
      ) : null}
      {editing ? (
        <Dialog
          title={t(editing === 'approved' ? 'signoff.approveTitle' : `signoff.record.${editing}`)}
          onClose={() => setEditing(null)}
          closeOnBackdrop={false}
        >
          <form
            className="form"
            onSubmit={(e) => {
              e.preventDefault();
              if (name.trim()) void save(editing);
            }}
          >
            {editing === 'approved' ? <p className="muted">{t('signoff.approveNote')}</p> : null}
            <label className="field">
              <span className="field__label">{t('signoff.name')}</span>
              <input
                className="input"
                name="signoffName"
                maxLength={200}
                value={name}
                onChange={(e) => setName(e.target.value)}
                data-autofocus
              />
            </label>
            <label className="field">
              <span className="field__label">{t('signoff.role')}</span>
              <input
                className="input"
                name="signoffRole"
                maxLength={200}
                value={role}
                onChange={(e) => setRole(e.target.value)}
              />
            </label>
            <div className="form__actions">
              <button type="submit" className="button button--primary" name="confirmSignoff" disabled={!name.trim()}>
                {t(editing === 'approved' ? 'signoff.approve' : 'signoff.save')}
              </button>
              <button type="button" className="button button--quiet" onClick={() => setEditing(null)}>
                {t('ui.cancel')}
              </button>
            </div>
          </form>
        </Dialog>
      ) : null}
    </div>
  );
}
