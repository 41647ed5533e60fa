import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnswerFields } from '../../../core/assessment/answer-fields';
import type { AnswerValue } from '../../../core/catalog/format';
import { Dialog } from '../../components/Dialog';
import { pick, useLang } from '../../components/lang';
import { batchBreaks } from './answer-intent';

type Props = {
  /** The value for every selected row; null clears their answers. */
  value: string | null;
  scale: AnswerValue[];
  /** The selected rows' answers as stored (undefined: not answered yet). */
  answers: (Partial<AnswerFields> | undefined)[];
  /** Selected rows that the current filter hides. */
  hidden: number;
  onConfirm: (justification: string) => void;
  onCancel: () => void;
};

/**
 * Asks before a number key answers (or 0 clears) every selected row: says how many rows and what they get, and for
 * a value that needs a justification takes the one reason for all of them (the confirm button stays off until the
 * answer rules are met for every row).
 */
export function BatchConfirm({ value, scale, answers, hidden, onConfirm, onCancel }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const [justification, setJustification] = useState('');
  const entry = scale.find((s) => s.value === value);
  const label = entry ? pick(entry.label, lang) : '';
  const count = answers.length;
  const breaks = batchBreaks(scale, answers, value, justification);
  const askReason = value !== null && entry?.justification === 'required';
  const submit = () => {
    if (breaks === 0) onConfirm(justification.trim());
  };
  return (
    <Dialog
      title={value === null ? t('ui.batch.confirmClearTitle') : t('ui.batch.confirmTitle')}
      role="alertdialog"
      closeOnBackdrop={false}
      onClose={onCancel}
      className="batch-confirm"
    >
      <p className="batch-confirm__question">
        {value === null ? t('ui.batch.confirmClear', { n: count }) : t('ui.batch.confirmAnswer', { n: count, label })}
      </p>
      {hidden > 0 ? <p className="muted">{t('ui.batch.hiddenRows', { n: hidden })}</p> : null}
      {value === null ? <p className="muted">{t('ui.batch.undoHint')}</p> : null}
      {askReason ? (
        <label className="field">
          <span className="field__label">
            {t('ui.assessment.justification')}
            <span className="required-note">{t('ui.assessment.justificationRequired')}</span>
          </span>
          <input
            className="input"
            name="batchJustification"
            value={justification}
            maxLength={20000}
            data-autofocus
            onChange={(e) => setJustification(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
                e.preventDefault();
                submit();
              }
            }}
            placeholder={t('ui.batch.justification')}
          />
        </label>
      ) : null}
      {askReason && breaks > 0 ? (
        <p className="muted" role="status">
          {t('ui.batch.reasonMissing', { n: breaks })}
        </p>
      ) : null}
      <div className="form__actions">
        <button
          type="button"
          name="confirmBatch"
          className={value === null ? 'button button--danger' : 'button button--primary'}
          disabled={breaks > 0}
          onClick={submit}
          data-autofocus={askReason || value === null ? undefined : true}
        >
          {value === null ? t('ui.batch.confirmClearButton', { n: count }) : t('ui.batch.confirmButton', { n: count })}
        </button>
        <button
          type="button"
          name="cancelBatch"
          className="button button--quiet"
          onClick={onCancel}
          data-autofocus={value === null ? true : undefined}
        >
          {t('ui.cancel')}
        </button>
      </div>
    </Dialog>
  );
}
