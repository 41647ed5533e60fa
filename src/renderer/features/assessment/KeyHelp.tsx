import { useTranslation } from 'react-i18next';
import type { AnswerValue } from '../../../core/catalog/format';
import { Dialog } from '../../components/Dialog';
import { pick, useLang } from '../../components/lang';

export function KeyHelp({ scale, onClose }: { scale: AnswerValue[]; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const rows: [string, string][] = [
    ['j / ↓', t('ui.keys.next')],
    ['k / ↑', t('ui.keys.previous')],
    ...scale.map((s, i): [string, string] => [
      String(i + 1),
      pick(s.label, lang) + (s.justification === 'required' ? ` ${t('ui.keys.needsReason')}` : ''),
    ]),
    ['0', t('ui.keys.clear')],
    ['c', t('ui.keys.comment')],
    ['e', t('ui.keys.attach')],
    ['m', t('ui.keys.mark')],
    ['x', t('ui.keys.check')],
    ['u / Ctrl+Z', t('ui.keys.undo')],
    ['/', t('ui.keys.search')],
    ['Esc', t('ui.keys.leave')],
    ['?', t('ui.keys.help')],
  ];
  return (
    <Dialog title={t('ui.keys.title')} onClose={onClose}>
      <table className="keys">
        <tbody>
          {rows.map(([k, label]) => (
            <tr key={k}>
              <td>
                <kbd>{k}</kbd>
              </td>
              <td>{label}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted keys__note">{t('ui.keys.numbersNote')}</p>
      <p className="muted keys__note">{t('ui.keys.selectionNote')}</p>
      <button type="button" className="button" onClick={onClose} data-autofocus>
        {t('ui.close')}
      </button>
    </Dialog>
  );
}

/**
 * The number keys of the catalog on screen, always in view: the keys follow each catalog's own scale (its order
 * and labels differ between catalogs), so what a key does is shown, not remembered.
 */
export function KeyLegend({ scale }: { scale: AnswerValue[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <p className="key-legend" aria-label={t('ui.keys.legend')}>
      {scale.map((s, i) => (
        <span key={s.value} className="key-legend__item">
          <kbd>{i + 1}</kbd> {pick(s.label, lang)}
          {s.justification === 'required' ? '*' : ''}
        </span>
      ))}
      <span className="key-legend__item">
        <kbd>0</kbd> {t('ui.keys.clearShort')}
      </span>
      <span className="key-legend__item muted">{t('ui.keys.legendNote')}</span>
    </p>
  );
}
