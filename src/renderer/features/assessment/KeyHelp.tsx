import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnswerValue } from '../../../core/catalog/format';
import { pick, useLang } from '../../components/lang';

export function KeyHelp({ scale, onClose }: { scale: AnswerValue[]; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => { if (e.key === 'Escape') onClose(); };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  const rows: [string, string][] = [
    ['j / ↓', t('ui.keys.next')],
    ['k / ↑', t('ui.keys.previous')],
    ...scale.map((s, i): [string, string] => [String(i + 1), pick(s.label, lang)]),
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
    <div className="modal" role="dialog" aria-modal="true" aria-label={t('ui.keys.title')} onClick={onClose}>
      <div className="modal__box" onClick={(e) => e.stopPropagation()}>
        <h2 className="modal__title">{t('ui.keys.title')}</h2>
        <table className="keys">
          <tbody>{rows.map(([k, label]) => <tr key={k}><td><kbd>{k}</kbd></td><td>{label}</td></tr>)}</tbody>
        </table>
        <button type="button" className="button" onClick={onClose} autoFocus>{t('ui.close')}</button>
      </div>
    </div>
  );
}
