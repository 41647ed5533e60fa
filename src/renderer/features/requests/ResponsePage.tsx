import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answerFieldsOf, type AnswerFields } from '../../../core/assessment/answer-fields';
import { needsJustification } from '../../../core/assessment/answer-rules';
import type { AnswerValue } from '../../../core/catalog/format';
import { checkRequestAnswer, type RequestCatalog, type RequestControl } from '../../../core/exchange/request-package';
import { MAX_PASSPHRASE_CHARS } from '../../../core/exchange/sealed-package';
import type { ResponseItemView } from '../../../shared/api/request-types';
import { useApi } from '../../api/context';
import { downloadBase64, readPickedFile } from '../../components/download';
import { useErrorText } from '../../components/error-text';
import { pick, useLang } from '../../components/lang';
import { useLoader } from '../../components/use-loader';
import { href } from '../../navigation/routes';
import { FileButton } from '../../components/FileButton';

/**
 * The respondent's screen for one opened request: ONLY the request's controls, each with the catalog's text and
 * guidance, answered under the catalog's rules (the one rule engine, answer-rules.ts, checked here before saving
 * and again by the service), evidence attached per control, and the response sealed for the assessment that asked.
 */
export function ResponsePage({ requestId }: { requestId: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const lang = useLang();
  const errorText = useErrorText();
  const item = useLoader(useCallback(() => api.call('responses.get', { requestId }), [api, requestId]));
  const [view, setView] = useState<ResponseItemView | null>(null);
  const data = view ?? item.data;
  const [pass, setPass] = useState('');
  const [pass2, setPass2] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [sealed, setSealed] = useState<string | null>(null);

  if (!data)
    return (
      <section className="page">
        {item.error ? (
          <div className="alert alert--error" role="alert">
            {errorText(item.error)}
          </div>
        ) : (
          <p>{t('ui.loading')}</p>
        )}
      </section>
    );
  const req = data.request;
  const answered = new Map(data.answers.map((a) => [a.controlKey, a]));
  const seal = async () => {
    setError(null);
    try {
      const f = await api.call('responses.seal', { requestId, passphrase: pass });
      downloadBase64(f.fileName, f.mediaType, f.content);
      setSealed(t('requests.ui.sealedAs', { file: f.fileName }));
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section className="page response-page">
      <div className="page__header">
        <div>
          <p className="page__crumb">
            <a href={href({ name: 'responses' })}>{t('requests.ui.responsesTitle')}</a>
          </p>
          <h1 className="page__title">{t('requests.ui.responseTitle', { assessment: req.assessment.name })}</h1>
          <p className="page__lead">
            {t('requests.ui.responseLead', {
              respondent: data.respondent,
              count: req.controls.length,
              due: req.due ?? '—',
              by: req.createdBy,
            })}
          </p>
          <p>{t('requests.ui.progress', { answered: data.answers.length, count: req.controls.length })}</p>
        </div>
      </div>
      {error ? (
        <div className="alert alert--error" role="alert">
          {errorText(error)}
        </div>
      ) : null}
      <ol className="response-controls">
        {req.controls.map((c) => (
          <ResponseControl
            key={c.controlKey}
            requestId={requestId}
            control={c}
            catalog={req.catalogs.find((k) => k.catalog === c.catalog)!}
            current={answered.get(c.controlKey)?.fields ?? answerFieldsOf(c.answer)}
            saved={answered.has(c.controlKey)}
            evidence={data.evidence.filter((e) => e.controlKeys.includes(c.controlKey)).map((e) => e.fileName)}
            onSaved={setView}
            lang={lang}
          />
        ))}
      </ol>
      <form
        className="form card"
        aria-label={t('requests.ui.sealTitle')}
        onSubmit={(e) => {
          e.preventDefault();
          if (pass && pass === pass2) void seal();
        }}
      >
        <h2>{t('requests.ui.sealTitle')}</h2>
        <p>{t('requests.ui.sealLead')}</p>
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
        {sealed ? (
          <p className="alert alert--success" role="status">
            {sealed}
          </p>
        ) : null}
        <div className="form__actions">
          <button
            type="submit"
            className="button button--primary"
            name="sealResponse"
            disabled={!pass || pass !== pass2}
          >
            {t('requests.ui.seal')}
          </button>
        </div>
      </form>
    </section>
  );
}

function ResponseControl({
  requestId,
  control,
  catalog,
  current,
  saved,
  evidence,
  onSaved,
  lang,
}: {
  requestId: string;
  control: RequestControl;
  catalog: RequestCatalog;
  current: AnswerFields;
  saved: boolean;
  evidence: string[];
  onSaved: (v: ResponseItemView) => void;
  lang: 'ja' | 'en';
}) {
  const { t } = useTranslation();
  const api = useApi();
  const errorText = useErrorText();
  const [value, setValue] = useState<string | null>(current.value);
  const [justification, setJustification] = useState(current.justification);
  const [comment, setComment] = useState(current.comment);
  const [error, setError] = useState<unknown>(null);
  const scale = catalog.answerScale as unknown as AnswerValue[];
  const next = { ...current, value, justification, comment };
  const broken = checkRequestAnswer(catalog, control, next, lang);
  const save = async () => {
    setError(null);
    try {
      onSaved(
        await api.call('responses.answer', {
          requestId,
          controlKey: control.controlKey,
          value,
          justification,
          comment,
        }),
      );
    } catch (e) {
      setError(e);
    }
  };
  const attach = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    try {
      const f = await readPickedFile(file, { binary: true });
      onSaved(
        await api.call('responses.addEvidence', {
          requestId,
          controlKeys: [control.controlKey],
          fileName: f.fileName,
          content: f.content,
        }),
      );
    } catch (e) {
      setError(e);
    }
  };
  return (
    <li className="card response-control" data-control={control.controlKey}>
      {control.path.length ? (
        <p className="response-control__path">{control.path.map((p) => pick(p, lang)).join(' › ')}</p>
      ) : null}
      <h2 className="response-control__title">
        <span className="control-id">{control.controlId}</span> {pick(control.title, lang)}
      </h2>
      {control.description ? <p>{pick(control.description, lang)}</p> : null}
      {control.guidance ? (
        <div className="response-control__guidance">
          <h3>{t('requests.ui.guidance')}</h3>
          <p>{pick(control.guidance, lang)}</p>
        </div>
      ) : null}
      {control.evidence && control.evidence[lang].length ? (
        <div className="response-control__guidance">
          <h3>{t('requests.ui.evidenceHints')}</h3>
          <ul>
            {control.evidence[lang].map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <fieldset className="response-control__values">
        <legend>{t('requests.ui.answer')}</legend>
        {scale.map((s) => (
          <label key={s.value} className="radio">
            <input
              type="radio"
              name={`value-${control.controlKey}`}
              value={s.value}
              checked={value === s.value}
              onChange={() => setValue(s.value)}
            />{' '}
            {pick(s.label, lang)}
          </label>
        ))}
      </fieldset>
      {needsJustification(scale, value) || justification ? (
        <label className="field">
          <span className="field__label">{t('requests.ui.justification')}</span>
          <textarea
            className="input"
            name="justification"
            value={justification}
            onChange={(e) => setJustification(e.target.value)}
          />
        </label>
      ) : null}
      <label className="field">
        <span className="field__label">{t('requests.ui.comment')}</span>
        <textarea className="input" name="comment" value={comment} onChange={(e) => setComment(e.target.value)} />
      </label>
      {broken ? (
        <p className="field__error">{t(`errors.${broken.key}`, { ...broken.params, control: control.controlKey })}</p>
      ) : null}
      {error ? (
        <div className="alert alert--error" role="alert">
          {errorText(error)}
        </div>
      ) : null}
      <div className="form__actions">
        <button
          type="button"
          className="button button--primary"
          name="saveAnswer"
          disabled={!!broken}
          onClick={() => void save()}
        >
          {t('requests.ui.save')}
        </button>
        {saved ? <span className="badge badge--answered">{t('requests.ui.saved')}</span> : null}
        <FileButton name="evidence" onFiles={(f) => void attach(f[0])}>
          {t('requests.ui.attach')}
        </FileButton>
        {evidence.length ? <span>{t('requests.ui.attached', { files: evidence.join(', ') })}</span> : null}
      </div>
    </li>
  );
}
