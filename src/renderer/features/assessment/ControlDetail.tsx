import { useEffect, useImperativeHandle, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answerFieldsOf, mergeAnswer, type AnswerPatch as FieldsPatch } from '../../../core/assessment/answer-fields';
import {
  asksWorksheet,
  CCW_FIELDS,
  checkAnswer,
  hasWorksheetText,
  isFindingMeaning,
  needsJustification as requiresReason,
} from '../../../core/assessment/answer-rules';
import type { AnswerValue } from '../../../core/catalog/format';
import type { AnswerView, ControlView, EvidenceView, SuggestionView } from '../../../shared/api/types';
import { formatDateTime, pick, useLang } from '../../components/lang';
import { noteInLanguage } from '../../../core/util/bilingual-note';
import { planChoice } from './answer-intent';
import { EvidencePanel } from './EvidencePanel';
import { HistoryPanel } from './HistoryPanel';
import { SuggestionPanel } from './SuggestionPanel';
import { CarriedNotice } from '../periods/CarriedNotice';
import { DateField } from '../../components/DateField';
import { calendarDateProblem } from '../../components/calendar-date';
import type { AnswerPatch } from './use-answer-saver';

const TEXT_SAVE_DELAY_MS = 700;
type TextField = 'comment' | 'justification' | 'remediation' | 'owner' | (typeof CCW_FIELDS)[number];
const SEVERITIES = ['high', 'medium', 'low'] as const;

/** What the page may do to the control on screen: choose a value the way its answer buttons do (the number keys). */
export type ControlDetailHandle = {
  choose: (value: string | null) => void;
  /** Esc on the page: drops a value held for its reason; true if there was one. */
  dropPending: () => boolean;
};

type Props = {
  assessmentId: string;
  control: ControlView;
  /** The control's key in the assessment (evidence and history are kept by key). */
  controlKey: string;
  answer: AnswerView | undefined;
  scale: AnswerValue[];
  /** Whether this catalog's answers may carry the customized-approach marker (PCI DSS v4). */
  customizedApproach?: boolean | undefined;
  locked: boolean;
  evidence: EvidenceView[];
  suggestions: SuggestionView[];
  onSave: (patch: AnswerPatch) => void;
  onEvidenceChanged: () => void;
  commentRef: React.RefObject<HTMLTextAreaElement | null>;
  fileRef: React.RefObject<HTMLInputElement | null>;
  handle?: React.Ref<ControlDetailHandle> | undefined;
};

export function ControlDetail({
  assessmentId,
  control,
  controlKey,
  answer,
  scale,
  customizedApproach = false,
  locked,
  evidence,
  suggestions,
  onSave,
  onEvidenceChanged,
  commentRef,
  fileRef,
  handle,
}: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const [text, setText] = useState<Record<TextField, string>>({
    comment: answer?.comment ?? '',
    justification: answer?.justification ?? '',
    remediation: answer?.remediation ?? '',
    owner: answer?.owner ?? '',
    ...(Object.fromEntries(CCW_FIELDS.map((k) => [k, answer?.[k] ?? ''])) as Record<
      (typeof CCW_FIELDS)[number],
      string
    >),
  });
  const pending = useRef<{ timer: number; fields: Partial<Record<TextField, string>> } | null>(null);
  // A chosen value that needs a justification is held here, not sent, until the reason is typed (or Esc drops it):
  // the service refuses such a value without one, and the screen never sends a save that must fail.
  const [held, setHeldState] = useState<string | null>(null);
  const heldRef = useRef<string | null>(null);
  const setHeld = (v: string | null) => {
    heldRef.current = v;
    setHeldState(v);
  };
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const answerRef = useRef(answer);
  useEffect(() => {
    answerRef.current = answer;
  });

  /** Sends what was typed (and a held value once its reason is there); never a change the answer rules refuse. */
  const flush = () => {
    const p = pending.current;
    const value = heldRef.current;
    if (!p && value === null) return;
    if (p) window.clearTimeout(p.timer);
    pending.current = null;
    const fields: FieldsPatch = { ...(p?.fields ?? {}) };
    const stored = answerFieldsOf(answerRef.current);
    if (value !== null) {
      if (planChoice(scale, mergeAnswer(stored, fields), value).kind === 'save') {
        setHeld(null);
        onSave({ controlId: control.controlId, ...fields, value });
        return;
      }
    }
    // Emptying the justification of an answer that needs one is not sent (the stored reason stays; the field shows it is missing).
    if (checkAnswer(scale, mergeAnswer(stored, fields)) !== null) delete fields.justification;
    if (Object.keys(fields).length > 0) onSave({ controlId: control.controlId, ...fields });
  };
  // Flush a pending text save when leaving this control, so nothing typed is lost (a held value without its reason is dropped).
  const flushRef = useRef(flush);
  useEffect(() => {
    flushRef.current = flush;
  });
  useEffect(() => () => flushRef.current(), []);

  const edit = (field: TextField, value: string) => {
    setText((s) => ({ ...s, [field]: value }));
    const fields = { ...(pending.current?.fields ?? {}), [field]: value };
    if (pending.current) window.clearTimeout(pending.current.timer);
    pending.current = { fields, timer: window.setTimeout(() => flushRef.current(), TEXT_SAVE_DELAY_MS) };
  };
  // The catalog may forbid excluding this control (ISMAP chapters 3–4): such a value is not offered (the save refuses it too).
  const offered = (s: AnswerValue) => control.excludable || s.meaning !== 'not_applicable';
  const [notExcludable, setNotExcludable] = useState(false);
  const choose = (value: string | null) => {
    if (locked) return;
    const entry = scale.find((s) => s.value === value);
    if (entry && !offered(entry)) {
      setNotExcludable(true);
      return;
    }
    setNotExcludable(false);
    const fields = pending.current?.fields ?? {};
    const plan = planChoice(scale, mergeAnswer(answerFieldsOf(answer), fields), value);
    if (plan.kind === 'needReason') {
      setHeld(plan.value);
      reasonRef.current?.focus();
      return;
    }
    if (pending.current) window.clearTimeout(pending.current.timer);
    pending.current = null;
    setHeld(null);
    onSave({ controlId: control.controlId, value, ...fields });
  };
  /** Drops the held value and the reason typed for it (nothing of it was sent). */
  const dropPending = (): boolean => {
    if (heldRef.current === null) return false;
    setHeld(null);
    if (pending.current) {
      const { justification: _dropped, ...rest } = pending.current.fields;
      pending.current.fields = rest;
    }
    setText((s) => ({ ...s, justification: answer?.justification ?? '' }));
    return true;
  };
  useImperativeHandle(handle, () => ({ choose, dropPending }));
  // The reason field appears with the held value: give it the focus as soon as it is there.
  useEffect(() => {
    if (held !== null) reasonRef.current?.focus();
  }, [held]);

  /** Esc in the reason field drops the held value and what was typed there; Enter saves value and reason together. */
  const onReasonKey = (e: React.KeyboardEvent<HTMLTextAreaElement>) => {
    if (heldRef.current === null || e.nativeEvent.isComposing) return;
    if (e.key === 'Escape') dropPending();
    else if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      if (text.justification.trim() === '') return;
      flush();
      e.currentTarget.blur();
    }
  };
  const heldLabel = held !== null ? pick(scale.find((s) => s.value === held)?.label, lang) : '';

  const selected = scale.find((s) => s.value === answer?.value);
  const needsJustification = requiresReason(scale, held ?? answer?.value ?? null);
  const needsAction = isFindingMeaning(selected?.meaning);
  // The worksheet is asked for the value marked `worksheet: ccw` (also while it waits for its reason), and stays
  // shown while any of its fields holds text, so nothing written is hidden after the value changes.
  const showWorksheet = asksWorksheet(scale, held ?? answer?.value) || hasWorksheetText(text);
  const description = pick(control.description, lang);
  const guidance = pick(control.guidance, lang);
  const providerGuidance = pick(control.providerGuidance, lang);
  const typical = control.evidence?.[lang] ?? [];
  const textarea = (
    field: TextField,
    rows: number,
    extra: {
      placeholder?: string;
      missing?: boolean;
      ref?: React.RefObject<HTMLTextAreaElement | null>;
      onKeyDown?: React.KeyboardEventHandler<HTMLTextAreaElement>;
    } = {},
  ) => (
    <textarea
      ref={extra.ref}
      onKeyDown={extra.onKeyDown}
      className={extra.missing ? 'textarea is-missing' : 'textarea'}
      name={field}
      rows={rows}
      value={text[field]}
      disabled={locked}
      maxLength={field.startsWith('ccw') ? 4000 : 20000}
      placeholder={extra.placeholder ?? ''}
      onChange={(e) => edit(field, e.target.value)}
      onBlur={flush}
    />
  );

  return (
    <article className="detail" aria-label={`${control.controlId} ${pick(control.title, lang)}`}>
      <header className="detail__header">
        <span className="detail__id">
          {control.controlId}
          {!control.mandatory ? <span className="badge detail__badge">{t('ui.assessment.selectable')}</span> : null}
        </span>
        <h2 className="detail__title">{pick(control.title, lang)}</h2>
      </header>
      {answer?.carriedForward ? (
        <CarriedNotice
          locked={locked}
          onConfirm={() => onSave({ controlId: control.controlId, carriedForward: false })}
        />
      ) : null}
      <div className="answer-scale" role="radiogroup" aria-label={t('ui.assessment.answer')}>
        {scale.map((s, i) => (
          <button
            key={s.value}
            type="button"
            role="radio"
            aria-checked={answer?.value === s.value}
            data-value={s.value}
            data-pending={held === s.value ? 'true' : undefined}
            className={`answer-option answer-option--${s.meaning}${answer?.value === s.value ? ' is-selected' : ''}${held === s.value ? ' is-pending' : ''}`}
            disabled={locked || !offered(s)}
            title={offered(s) ? undefined : t('ui.assessment.notExcludable')}
            onClick={() => (held === s.value ? setHeld(null) : choose(answer?.value === s.value ? null : s.value))}
          >
            <kbd className="answer-option__key">{i + 1}</kbd>
            <span>{pick(s.label, lang)}</span>
          </button>
        ))}
      </div>
      {notExcludable ? (
        <p className="pending-note" role="status">
          {t('ui.assessment.notExcludable')}
        </p>
      ) : null}
      <SuggestionPanel
        assessmentId={assessmentId}
        suggestions={suggestions}
        scale={scale}
        locked={locked}
        answered={!!answer?.value}
        onAccept={(s) => choose(s.proposedValue)}
      />
      {held !== null ? (
        <p className="pending-note" role="status">
          {t('ui.assessment.pendingValue', { label: heldLabel })}
        </p>
      ) : null}
      {needsJustification || text.justification ? (
        <label className="field">
          <span className="field__label">
            {t('ui.assessment.justification')}
            {needsJustification ? (
              <span className="required-note">{t('ui.assessment.justificationRequired')}</span>
            ) : null}
          </span>
          {textarea('justification', 2, {
            placeholder: t('ui.assessment.justificationPlaceholder'),
            missing: needsJustification && text.justification.trim() === '',
            ref: reasonRef,
            onKeyDown: onReasonKey,
          })}
        </label>
      ) : null}
      <label className="field">
        <span className="field__label">{t('ui.assessment.comment')}</span>
        {textarea('comment', 3, { placeholder: t('ui.assessment.commentPlaceholder'), ref: commentRef })}
      </label>
      <div className="field-row">
        <label className="field">
          <span className="field__label">{t('ui.assessment.owner')}</span>
          <input
            className="input"
            name="owner"
            value={text.owner}
            disabled={locked}
            maxLength={200}
            onChange={(e) => edit('owner', e.target.value)}
            onBlur={flush}
          />
        </label>
        <DueDateInput
          label={t('ui.assessment.dueDate')}
          saved={answer?.dueDate ?? null}
          locked={locked}
          onSave={(dueDate) => onSave({ controlId: control.controlId, dueDate })}
        />
      </div>
      {needsAction || answer?.severity ? (
        <div className="field field--severity">
          <label className="field__label" htmlFor={`severity-${control.controlId}`}>
            {t('ui.assessment.severity')}
          </label>
          <select
            id={`severity-${control.controlId}`}
            className="input"
            name="severity"
            value={answer?.severity ?? ''}
            disabled={locked}
            aria-describedby={`severity-hint-${control.controlId}`}
            onChange={(e) =>
              onSave({
                controlId: control.controlId,
                severity: e.target.value === '' ? null : (e.target.value as (typeof SEVERITIES)[number]),
              })
            }
          >
            <option value="">{t('ui.assessment.severityNone')}</option>
            {SEVERITIES.map((v) => (
              <option key={v} value={v}>
                {t(`ui.assessment.severityLevel.${v}`)}
              </option>
            ))}
          </select>
          <span className="field__hint" id={`severity-hint-${control.controlId}`}>
            {t('ui.assessment.severityHint')}
          </span>
        </div>
      ) : null}
      {needsAction || text.remediation ? (
        <label className="field">
          <span className="field__label">{t('ui.assessment.remediation')}</span>
          {textarea('remediation', 2, { placeholder: t('ui.assessment.remediationPlaceholder') })}
        </label>
      ) : null}
      {showWorksheet ? (
        <fieldset className="field worksheet" name="ccw">
          <legend className="field__label">{t('ui.ccw.title')}</legend>
          <span className="field__hint">{t('ui.ccw.hint')}</span>
          {CCW_FIELDS.map((k) => (
            <label key={k} className="field">
              <span className="field__label">{t(`ui.ccw.field.${k}`)}</span>
              {textarea(k, 2)}
            </label>
          ))}
        </fieldset>
      ) : null}
      <label className="check">
        <input
          type="checkbox"
          name="markedForReview"
          checked={answer?.markedForReview ?? false}
          disabled={locked}
          onChange={(e) => onSave({ controlId: control.controlId, markedForReview: e.target.checked })}
        />
        {t('ui.assessment.markForReview')}
      </label>
      {customizedApproach ? (
        <label className="check">
          <input
            type="checkbox"
            name="customizedApproach"
            checked={answer?.customizedApproach ?? false}
            disabled={locked}
            onChange={(e) => onSave({ controlId: control.controlId, customizedApproach: e.target.checked })}
          />
          {t('ui.assessment.customizedApproach')}
        </label>
      ) : null}
      {answer ? (
        <p className="detail__stamp">
          {t('ui.assessment.lastChange', {
            who: answer.updatedBy,
            when: formatDateTime(answer.updatedAt, lang),
            revision: answer.revision,
          })}
        </p>
      ) : null}
      <EvidencePanel
        assessmentId={assessmentId}
        controlKey={controlKey}
        evidence={evidence}
        locked={locked}
        onChanged={onEvidenceChanged}
        fileRef={fileRef}
      />
      {description ? (
        <section className="detail__section">
          <h3>{t('ui.assessment.description')}</h3>
          <p>{description}</p>
        </section>
      ) : null}
      {guidance ? (
        <section className="detail__section">
          <h3>{t('ui.assessment.guidance')}</h3>
          <p>{guidance}</p>
        </section>
      ) : null}
      {providerGuidance ? (
        <section className="detail__section detail__section--provider">
          <h3>{t('ui.assessment.providerGuidance')}</h3>
          <p>{providerGuidance}</p>
        </section>
      ) : null}
      {typical.length > 0 ? (
        <section className="detail__section">
          <h3>{t('ui.assessment.evidence')}</h3>
          <ul>
            {typical.map((e, i) => (
              <li key={i}>{e}</li>
            ))}
          </ul>
        </section>
      ) : null}
      {control.unverified ? (
        <p className="detail__unverified">
          {t('ui.assessment.unverified')}: {noteInLanguage(control.unverified, lang)}
        </p>
      ) : null}
      <HistoryPanel
        assessmentId={assessmentId}
        controlKey={controlKey}
        scale={scale}
        revision={answer?.revision ?? 0}
      />
    </article>
  );
}

/**
 * The due date, typed: saved when the field is left with a real day (or emptied), so a half-typed date is never
 * sent; an answer changed elsewhere (undo) shows its date again.
 */
function DueDateInput({
  label,
  saved,
  locked,
  onSave,
}: {
  label: string;
  saved: string | null;
  locked: boolean;
  onSave: (dueDate: string | null) => void;
}) {
  const [draft, setDraft] = useState(saved ?? '');
  const [lastSaved, setLastSaved] = useState(saved);
  if (saved !== lastSaved) {
    setLastSaved(saved);
    setDraft(saved ?? '');
  }
  return (
    <DateField
      label={label}
      className="field--date"
      name="dueDate"
      value={draft}
      disabled={locked}
      onChange={setDraft}
      onCommit={(value) => {
        if (calendarDateProblem(value) || value === (saved ?? '')) return;
        onSave(value || null);
      }}
    />
  );
}
