import { useTranslation } from 'react-i18next';
import type { IsmapPresetSummary } from '../../../core/catalog/tabular/ismap-preset';

const COLUMNS = ['chapters', 'governance', 'management', 'groups', 'objectives', 'detailed', 'basic', 'liuMarked'] as const;

/** What the ISMAP preset found in the workbook: counts per sheet and level, and whether ISMAP-LIU is narrowed. */
export function PresetSummary({ summary }: { summary: IsmapPresetSummary }) {
  const { t } = useTranslation();
  return (
    <div className="preset-summary" aria-label={t('ui.import.presetIsmap')}>
      <p>{t('ui.import.ismap.base', { base: summary.base, matched: summary.matched, filled: summary.filledPlaceholders, added: summary.added })}</p>
      <table className="table table--dense">
        <thead>
          <tr><th>{t('ui.import.ismap.sheet')}</th><th>{t('ui.import.ismap.headerRow')}</th>{COLUMNS.map((c) => <th key={c}>{t(`ui.import.ismap.col.${c}`)}</th>)}</tr>
        </thead>
        <tbody>
          {summary.sheets.map((s) => (
            <tr key={s.name}>
              <td>{s.name}</td>
              <td>{s.skipped ? t('ui.import.ismap.skipped') : s.headerRow}</td>
              {COLUMNS.map((c) => <td key={c} className="num">{s.skipped ? '' : s.counts[c]}</td>)}
            </tr>
          ))}
          <tr><th>{t('ui.import.ismap.total')}</th><td />{COLUMNS.map((c) => <td key={c} className="num"><strong>{summary.totals[c]}</strong></td>)}</tr>
        </tbody>
      </table>
      <div className={summary.liu === 'narrowed' ? 'alert' : 'alert alert--warn'} role="status">{t(`ui.import.ismap.liu.${summary.liu}`, { count: summary.totals.liuMarked })}</div>
      {summary.placeholdersLeft.length ? <p className="muted">{t('ui.import.ismap.placeholdersLeft', { ids: summary.placeholdersLeft.join(', ') })}</p> : null}
    </div>
  );
}
