import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RequestSelector } from '../../../core/exchange/request-package';
import { MAX_PASSPHRASE_CHARS } from '../../../core/exchange/sealed-package';
import type { ResponseImportSummary } from '../../../shared/api/request-types';
import { useApi } from '../../api/context';
import { downloadBase64, readPickedFile } from '../../components/download';
import { useErrorText } from '../../components/error-text';
import { formatDateTime, useLang } from '../../components/lang';
import { useLoader } from '../../components/use-loader';
import { href } from '../../navigation/routes';
import { PassphraseStrength } from '../sealed/PassphraseStrength';
import { DateField } from '../../components/DateField';
import { calendarDateProblem, normalizeCalendarDate } from '../../components/calendar-date';
import { FileButton } from '../../components/FileButton';

type By = RequestSelector['by'];

/**
 * The tracking view of an assessment's requests (respondent, controls, due, out / answered / overdue, answered
 * when), with making a request (a sealed `.tenken` to hand to the respondent) and importing a response.
 */
export function RequestsPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const lang = useLang();
  const errorText = useErrorText();
  const assessment = useLoader(useCallback(() => api.call('assessments.get', { id }), [api, id]));
  const list = useLoader(useCallback(() => api.call('requests.list', { assessmentId: id }), [api, id]));
  const [respondent, setRespondent] = useState('');
  const [by, setBy] = useState<By>('owner');
  const [what, setWhat] = useState('');
  const [due, setDue] = useState('');
  const [pass, setPass] = useState('');
  const [pass2, setPass2] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [made, setMade] = useState<string | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const [picked, setPicked] = useState<{ fileName: string; content: string } | null>(null);
  const [importPass, setImportPass] = useState('');
  const [summary, setSummary] = useState<ResponseImportSummary | null>(null);

  const selector = (): RequestSelector =>
    by === 'owner'
      ? { by, owner: what }
      : by === 'group'
        ? { by, group: what }
        : by === 'tag'
          ? { by, tag: what }
          : {
              by,
              controlKeys: what
                .split(/[,\s]+/)
                .map((k) => k.trim())
                .filter(Boolean),
            };

  const create = async () => {
    setBusy(true);
    setError(null);
    setMade(null);
    try {
      const r = await api.call('requests.create', {
        assessmentId: id,
        respondent,
        selector: selector(),
        ...(normalizeCalendarDate(due) ? { due: normalizeCalendarDate(due) } : {}),
        passphrase: pass,
      });
      downloadBase64(r.fileName, r.mediaType, r.content);
      setMade(
        t('requests.ui.made', {
          respondent: r.request.respondent,
          count: r.request.controlKeys.length,
          file: r.fileName,
        }),
      );
      setPass('');
      setPass2('');
      list.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const importResponse = async () => {
    if (!picked) return;
    setBusy(true);
    setError(null);
    setSummary(null);
    try {
      setSummary(
        await api.call('requests.importResponse', {
          assessmentId: id,
          content: picked.content,
          passphrase: importPass,
        }),
      );
      setPicked(null);
      setImportPass('');
      list.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const canCreate =
    respondent.trim() !== '' &&
    what.trim() !== '' &&
    pass.length > 0 &&
    pass === pass2 &&
    calendarDateProblem(due) === null &&
    !busy;
  return (
    <section className="page requests-page">
      <div className="page__header">
        <div>
          <p className="page__crumb">
            <a href={href({ name: 'assessment', id })}>{assessment.data?.name ?? '…'}</a>
          </p>
          <h1 className="page__title">{t('requests.ui.title')}</h1>
          <p className="page__lead">{t('requests.ui.lead')}</p>
        </div>
      </div>
      {error ? (
        <div className="alert alert--error" role="alert">
          {errorText(error)}
        </div>
      ) : null}
      {list.error ? (
        <div className="alert alert--error" role="alert">
          {errorText(list.error)}
        </div>
      ) : null}
      <table className="table requests-table" aria-label={t('requests.ui.title')}>
        <thead>
          <tr>
            <th>{t('requests.col.respondent')}</th>
            <th>{t('requests.col.controls')}</th>
            <th>{t('requests.col.due')}</th>
            <th>{t('requests.col.state')}</th>
            <th>{t('requests.col.answered')}</th>
          </tr>
        </thead>
        <tbody>
          {(list.data ?? []).length === 0 ? (
            <tr>
              <td colSpan={5}>{t('requests.none')}</td>
            </tr>
          ) : (
            (list.data ?? []).map((r) => (
              <tr key={r.id} data-request={r.id} data-state={r.state}>
                <td>{r.respondent}</td>
                <td>{r.controlKeys.length}</td>
                <td>{r.due ?? '—'}</td>
                <td>
                  <span className={`badge badge--${r.state}`}>{t(`requests.state.${r.state}`)}</span>
                </td>
                <td>{r.answeredAt ? `${formatDateTime(r.answeredAt, lang)} (${r.answeredBy ?? ''})` : '—'}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>

      {summary ? (
        <div className="alert alert--success" role="status" data-testid="response-summary">
          <p>
            {t('requests.cli.imported', {
              respondent: summary.respondent,
              answeredBy: summary.answeredBy,
              applied: summary.applied.length,
              unchanged: summary.unchanged.length,
              evidence: summary.evidenceAdded,
            })}
          </p>
          {summary.changedHere.length ? (
            <p>
              {t('requests.changedHere', {
                count: summary.changedHere.length,
                controls: summary.changedHere.join(', '),
              })}
            </p>
          ) : null}
        </div>
      ) : null}

      <div className="requests-forms">
        <form
          className="form card"
          aria-label={t('requests.ui.createTitle')}
          onSubmit={(e) => {
            e.preventDefault();
            if (canCreate) void create();
          }}
        >
          <h2>{t('requests.ui.createTitle')}</h2>
          <label className="field">
            <span className="field__label">{t('requests.ui.respondent')}</span>
            <input
              className="input"
              name="respondent"
              value={respondent}
              onChange={(e) => setRespondent(e.target.value)}
            />
          </label>
          <label className="field">
            <span className="field__label">{t('requests.ui.by')}</span>
            <select className="input" name="by" value={by} onChange={(e) => setBy(e.target.value as By)}>
              {(['owner', 'group', 'tag', 'controls'] as const).map((b) => (
                <option key={b} value={b}>
                  {t(`requests.ui.by_${b}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span className="field__label">{t(`requests.ui.what_${by}`)}</span>
            <input className="input" name="what" value={what} onChange={(e) => setWhat(e.target.value)} />
          </label>
          <DateField label={t('requests.ui.due')} name="due" value={due} onChange={setDue} />
          <label className="field">
            <span className="field__label">{t('ui.sealed.passphrase')}</span>
            <input
              className="input"
              type="password"
              name="passphrase"
              autoComplete="off"
              maxLength={MAX_PASSPHRASE_CHARS}
              value={pass}
              onChange={(e) => setPass(e.target.value)}
            />
          </label>
          <PassphraseStrength passphrase={pass} />
          <label className="field">
            <span className="field__label">{t('requests.ui.passphraseAgain')}</span>
            <input
              className="input"
              type="password"
              name="passphrase2"
              autoComplete="off"
              maxLength={MAX_PASSPHRASE_CHARS}
              value={pass2}
              onChange={(e) => setPass2(e.target.value)}
            />
          </label>
          {pass2 && pass !== pass2 ? <p className="field__error">{t('requests.ui.passphraseMismatch')}</p> : null}
          {made ? (
            <p className="alert alert--success" role="status">
              {made}
            </p>
          ) : null}
          <div className="form__actions">
            <button type="submit" className="button button--primary" name="createRequest" disabled={!canCreate}>
              {busy ? t('ui.loading') : t('requests.ui.create')}
            </button>
          </div>
        </form>

        <form
          className="form card"
          aria-label={t('requests.ui.importTitle')}
          onSubmit={(e) => {
            e.preventDefault();
            void importResponse();
          }}
        >
          <h2>{t('requests.ui.importTitle')}</h2>
          <p>{picked ? picked.fileName : t('requests.ui.importLead')}</p>
          <div>
            <FileButton
              name="responseFile"
              accept=".tenken"
              inputRef={fileRef}
              onFiles={async ([f]) => {
                if (f) {
                  const r = await readPickedFile(f, { binary: true });
                  setPicked({ fileName: r.fileName, content: r.content });
                }
              }}
            >
              {t('requests.ui.responseFile')}
            </FileButton>
          </div>
          <label className="field">
            <span className="field__label">{t('ui.sealed.passphrase')}</span>
            <input
              className="input"
              type="password"
              name="importPassphrase"
              autoComplete="off"
              maxLength={MAX_PASSPHRASE_CHARS}
              value={importPass}
              onChange={(e) => setImportPass(e.target.value)}
            />
          </label>
          <div className="form__actions">
            <button
              type="submit"
              className="button button--primary"
              name="importResponse"
              disabled={!picked || !importPass || busy}
            >
              {t('requests.ui.import')}
            </button>
          </div>
        </form>
      </div>
    </section>
  );
}
