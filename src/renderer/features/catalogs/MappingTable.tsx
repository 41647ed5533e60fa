import { useTranslation } from 'react-i18next';
import type { ColumnMappingView, ImportPreview } from '../../../shared/api/types';

const FIELDS = ['id', 'title', 'description', 'guidance', 'evidence', 'titleEn', 'descriptionEn', 'level'] as const;
type Field = (typeof FIELDS)[number];

/** The column-mapping step for CSV/XLSX: which column holds the ID, the title, the text…, on the rows as read. */
export function MappingTable({ table, mapping, onMapping, onSheet }: { table: NonNullable<ImportPreview['table']>; mapping: ColumnMappingView | null; onMapping: (m: ColumnMappingView) => void; onSheet: (s: string) => void }) {
  const { t } = useTranslation();
  const width = Math.max(0, ...table.rows.map((r) => r.length));
  const columns = Array.from({ length: width }, (_, i) => i);
  const letter = (i: number) => (i < 26 ? String.fromCharCode(65 + i) : `${String.fromCharCode(64 + Math.floor(i / 26))}${String.fromCharCode(65 + (i % 26))}`);
  const base: ColumnMappingView = mapping ?? { headerRow: 0, id: 0, title: Math.min(1, width - 1) };
  const set = (field: Field, value: string) => {
    const next: ColumnMappingView = { ...base };
    if (value === '') delete next[field];
    else next[field] = Number(value);
    onMapping(next);
  };
  return (
    <div className="mapping">
      {table.sheets.length > 1 ? (
        <label className="mapping__sheet">{t('ui.import.sheet')} <select className="input input--inline" value={table.sheet ?? ''} onChange={(e) => onSheet(e.target.value)}>{table.sheets.map((s) => <option key={s}>{s}</option>)}</select></label>
      ) : null}
      <div className="mapping__fields">
        <label>{t('ui.import.headerRow')} <select className="input input--inline" value={base.headerRow} onChange={(e) => onMapping({ ...base, headerRow: Number(e.target.value) })}>{table.rows.map((_, i) => <option key={i} value={i}>{i + 1}</option>)}</select></label>
        {FIELDS.map((f) => (
          <label key={f}>
            {t(`ui.import.field.${f}`)}
            <select className="input input--inline" value={base[f] ?? ''} onChange={(e) => set(f, e.target.value)}>
              {f === 'id' || f === 'title' ? null : <option value="">—</option>}
              {columns.map((c) => <option key={c} value={c}>{letter(c)}: {table.rows[base.headerRow]?.[c]?.slice(0, 20) ?? ''}</option>)}
            </select>
          </label>
        ))}
      </div>
      <div className="mapping__table">
        <table className="table table--dense">
          <thead><tr><th>#</th>{columns.map((c) => <th key={c}>{letter(c)}</th>)}</tr></thead>
          <tbody>
            {table.rows.map((r, i) => (
              <tr key={i} className={i === base.headerRow ? 'is-header' : ''}>
                <td className="muted">{i + 1}</td>
                {columns.map((c) => <td key={c}>{(r[c] ?? '').slice(0, 60)}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
