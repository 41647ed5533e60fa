import { useTranslation } from 'react-i18next';
import type { DiagnosticView } from '../../../shared/api/types';

/** Each problem with where it is: line:column, the path inside the document, and the source lines around it. */
export function DiagnosticList({ items, source }: { items: DiagnosticView[]; source: string | null }) {
  const { t } = useTranslation();
  if (!items.length) return null;
  const lines = source?.split(/\r?\n/) ?? null;
  return (
    <ul className="diagnostics">
      {items.slice(0, 100).map((d, i) => (
        <li key={i} className={`diagnostic diagnostic--${d.severity}`}>
          <div className="diagnostic__head">
            <span className={d.severity === 'error' ? 'chip chip--noncompliant' : 'chip chip--partial'}>{t(d.severity === 'error' ? 'ui.import.error' : 'ui.import.warning')}</span>
            {d.line ? <span className="mono">{t('ui.import.at', { line: d.line, column: d.column ?? 1 })}</span> : null}
            <span className="mono muted">{d.path}</span>
          </div>
          <div className="diagnostic__message">{t(`catalogErrors.${d.key}`, { ...d.params, defaultValue: d.key })}</div>
          {lines && d.line ? (
            <pre className="diagnostic__source">
              {lines.slice(Math.max(0, d.line - 3), d.line + 1).map((text, j) => {
                const n = Math.max(0, d.line! - 3) + j + 1;
                return (
                  <span key={n} className={n === d.line ? 'is-error-line' : ''}>
                    {String(n).padStart(5, ' ')} | {text}
                    {'\n'}
                    {n === d.line ? `${' '.repeat(8 + Math.max(0, (d.column ?? 1) - 1))}^\n` : ''}
                  </span>
                );
              })}
            </pre>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
