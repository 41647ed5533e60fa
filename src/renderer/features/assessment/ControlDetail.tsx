import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnswerValue } from '../../../core/catalog/format';
import type { AnswerView, ControlView } from '../../../shared/api/types';
import { formatDateTime, pick, useLang } from '../../components/lang';
import type { AnswerDraft } from './use-answer-saver';

const TEXT_SAVE_DELAY_MS = 700;

type Props = {
  control: ControlView;
  answer: AnswerView | undefined;
  scale: AnswerValue[];
  locked: boolean;
  onSave: (draft: AnswerDraft) => void;
  commentRef: React.RefObject<HTMLTextAreaElement | null>;
};

export function ControlDetail({ control, answer, scale, locked, onSave, commentRef }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const [comment, setComment] = useState(answer?.comment ?? '');
  const [justification, setJustification] = useState(answer?.justification ?? '');
  const pending = useRef<number | null>(null);
  const latest = useRef({ value: answer?.value ?? null, comment, justification });
  useEffect(() => {
    latest.current = { value: answer?.value ?? null, comment, justification };
  });

  // Flush a pending text save when leaving this control, so nothing typed is lost.
  useEffect(() => () => {
    if (pending.current !== null) {
      window.clearTimeout(pending.current);
      onSave({ controlId: control.controlId, ...latest.current });
    }
  }, [control.controlId, onSave]);

  const scheduleTextSave = (next: { comment: string; justification: string }) => {
    if (pending.current !== null) window.clearTimeout(pending.current);
    pending.current = window.setTimeout(() => {
      pending.current = null;
      onSave({ controlId: control.controlId, value: answer?.value ?? null, ...next });
    }, TEXT_SAVE_DELAY_MS);
  };

  const choose = (value: string | null) => {
    if (pending.current !== null) window.clearTimeout(pending.current);
    pending.current = null;
    onSave({ controlId: control.controlId, value, comment, justification });
  };

  const selected = scale.find((s) => s.value === answer?.value);
  const needsJustification = selected?.justification === 'required';
  const description = pick(control.description, lang);
  const guidance = pick(control.guidance, lang);
  const evidence = control.evidence?.[lang] ?? [];

  return (
    <article className="detail" aria-label={`${control.controlId} ${pick(control.title, lang)}`}>
      <header className="detail__header">
        <span className="detail__id">{control.controlId}</span>
        <h2 className="detail__title">{pick(control.title, lang)}</h2>
        {!control.mandatory ? <span className="badge">{t('ui.assessment.selectable')}</span> : null}
      </header>
      <div className="answer-scale" role="radiogroup" aria-label={t('ui.assessment.answer')}>
        {scale.map((s, i) => (
          <button
            key={s.value}
            type="button"
            role="radio"
            aria-checked={answer?.value === s.value}
            className={`answer-option answer-option--${s.meaning}${answer?.value === s.value ? ' is-selected' : ''}`}
            disabled={locked}
            onClick={() => choose(answer?.value === s.value ? null : s.value)}
          >
            <kbd className="answer-option__key">{i + 1}</kbd>
            <span>{pick(s.label, lang)}</span>
          </button>
        ))}
      </div>
      <label className="field">
        <span className="field__label">
          {t('ui.assessment.justification')}
          {needsJustification ? <span className="required-note">{t('ui.assessment.justificationRequired')}</span> : null}
        </span>
        <textarea
          className={needsJustification && justification.trim() === '' ? 'textarea is-missing' : 'textarea'}
          name="justification"
          rows={2}
          value={justification}
          disabled={locked}
          maxLength={20000}
          placeholder={needsJustification ? t('ui.assessment.justificationPlaceholder') : ''}
          onChange={(e) => { setJustification(e.target.value); scheduleTextSave({ comment, justification: e.target.value }); }}
        />
      </label>
      <label className="field">
        <span className="field__label">{t('ui.assessment.comment')}</span>
        <textarea
          ref={commentRef}
          className="textarea"
          name="comment"
          rows={4}
          value={comment}
          disabled={locked}
          maxLength={20000}
          placeholder={t('ui.assessment.commentPlaceholder')}
          onChange={(e) => { setComment(e.target.value); scheduleTextSave({ comment: e.target.value, justification }); }}
        />
      </label>
      {answer ? <p className="detail__stamp">{t('ui.assessment.lastChange', { who: answer.updatedBy, when: formatDateTime(answer.updatedAt, lang), revision: answer.revision })}</p> : null}
      {description ? (<section className="detail__section"><h3>{t('ui.assessment.description')}</h3><p>{description}</p></section>) : null}
      {guidance ? (<section className="detail__section"><h3>{t('ui.assessment.guidance')}</h3><p>{guidance}</p></section>) : null}
      {evidence.length > 0 ? (
        <section className="detail__section"><h3>{t('ui.assessment.evidence')}</h3><ul>{evidence.map((e, i) => <li key={i}>{e}</li>)}</ul></section>
      ) : null}
      {control.unverified ? <p className="detail__unverified">{t('ui.assessment.unverified')}: {control.unverified}</p> : null}
    </article>
  );
}
