import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnswerValue } from '../../../core/catalog/format';
import { pick, useLang } from '../../components/lang';

/** Answers the selected controls at once, with one justification (e.g. N/A for a whole out-of-scope section). */
export function BatchBar({ count, scale, onApply, onClear }: { count: number; scale: AnswerValue[]; onApply: (value: string, justification: string) => void; onClear: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [justification, setJustification] = useState('');
  return (
    <div className="batch-bar" role="region" aria-label={t('ui.batch.title')}>
      <span className="batch-bar__count">{t('ui.batch.selected', { n: count })}</span>
      {scale.map((s) => (
        <button key={s.value} type="button" className={`button button--small answer-option--${s.meaning}`} disabled={s.justification === 'required' && justification.trim() === ''} onClick={() => onApply(s.value, justification.trim())}>
          {pick(s.label, lang)}
        </button>
      ))}
      <input className="input input--inline batch-bar__reason" value={justification} onChange={(e) => setJustification(e.target.value)} placeholder={t('ui.batch.justification')} aria-label={t('ui.batch.justification')} />
      <button type="button" className="button button--small button--quiet" onClick={onClear}>{t('ui.batch.clear')}</button>
    </div>
  );
}
