import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnswerFields } from '../../../core/assessment/answer-fields';
import type { AnswerValue } from '../../../core/catalog/format';
import { pick, useLang } from '../../components/lang';
import { batchBreaks } from './answer-intent';

type Props = {
  count: number;
  scale: AnswerValue[];
  /** The selected rows' answers as stored, for the answer rules (a value that needs a reason is off until it has one). */
  answers: (Partial<AnswerFields> | undefined)[];
  locked: boolean;
  onApply: (value: string, justification: string) => void;
  /** Clearing the selected answers asks first (BatchConfirm). */
  onClearAnswers: () => void;
  onClear: () => void;
};

/** Answers the selected controls at once, with one justification (e.g. N/A for a whole out-of-scope section). */
export function BatchBar({ count, scale, answers, locked, onApply, onClearAnswers, onClear }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const [justification, setJustification] = useState('');
  return (
    <div className="batch-bar" role="region" aria-label={t('ui.batch.title')}>
      <span className="batch-bar__count" role="status">
        {t('ui.batch.selected', { n: count })}
      </span>
      {scale.map((s) => (
        <button
          key={s.value}
          type="button"
          className={`button button--small answer-option--${s.meaning}`}
          disabled={locked || batchBreaks(scale, answers, s.value, justification) > 0}
          onClick={() => onApply(s.value, justification.trim())}
        >
          {pick(s.label, lang)}
        </button>
      ))}
      <input
        className="input input--inline batch-bar__reason"
        value={justification}
        onChange={(e) => setJustification(e.target.value)}
        placeholder={t('ui.batch.justification')}
        aria-label={t('ui.batch.justification')}
      />
      <button
        type="button"
        className="button button--small button--quiet"
        name="clearAnswers"
        disabled={locked}
        onClick={onClearAnswers}
      >
        {t('ui.batch.clearAnswers')}
      </button>
      <button type="button" className="button button--small button--quiet" name="clearSelection" onClick={onClear}>
        {t('ui.batch.clear')}
      </button>
    </div>
  );
}
