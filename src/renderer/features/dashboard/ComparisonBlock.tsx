import { useTranslation } from 'react-i18next';
import type {
  AnswerChange,
  AnswerState,
  ChangeKind,
  Comparison,
  ScoringMethod,
} from '../../../core/assessment/scoring';
import type { AnswerValue } from '../../../core/catalog/format';
import type { AssessmentSummary } from '../../../shared/api/types';
import { formatDateTime, pick, useLang } from '../../components/lang';
import { dashboardHref, useScoreFormat } from './model';

const HEADLINE: ChangeKind[] = ['improved', 'regressed', 'new'];
const SECONDARY: ChangeKind[] = ['reclassified', 'dropped', 'unchanged'];

export type ComparisonData = {
  previous: AssessmentSummary;
  comparison: Comparison;
  previousScale: AnswerValue[];
  currentScale: AnswerValue[];
  method: ScoringMethod;
  scoreBefore: number | null;
  scoreAfter: number | null;
};

/** The comparison with the previous assessment of the same organization and catalog. */
export function ComparisonBlock({ data }: { data: ComparisonData }) {
  const { t } = useTranslation();
  const lang = useLang();
  const fmt = useScoreFormat(data.method);
  const { previous, comparison: c } = data;
  const label = (scale: AnswerValue[], s: AnswerState | null) => {
    if (!s) return null;
    const entry = scale.find((x) => x.value === s.value);
    return <span className={`chip chip--${s.meaning}`}>{entry ? pick(entry.label, lang) : s.value}</span>;
  };
  return (
    <div className="dash-compare">
      <p className="dash-compare__with">
        {t('ui.dashboard.compare.with', {
          name: previous.name,
          version: previous.catalog.version,
          when: formatDateTime(previous.createdAt, lang),
        })}{' '}
        <a href={dashboardHref(previous.id)}>{t('ui.dashboard.compare.openPrevious')}</a>
      </p>
      {data.scoreBefore !== null || data.scoreAfter !== null ? (
        <p className="dash-compare__score">
          {t('ui.dashboard.compare.score', { before: fmt.score(data.scoreBefore), after: fmt.score(data.scoreAfter) })}
          {data.scoreBefore !== null && data.scoreAfter !== null ? (
            <Delta before={data.scoreBefore} after={data.scoreAfter} format={fmt.delta} />
          ) : null}
        </p>
      ) : null}
      <div className="dash-compare__counts">
        {HEADLINE.map((k) => (
          <div key={k} className={`dash-stat dash-stat--${k}`}>
            <span className="dash-stat__value">{c[k].length}</span>
            <span className="dash-stat__label">{t(`ui.dashboard.compare.kind.${k}`)}</span>
          </div>
        ))}
        <p className="dash-compare__secondary muted">
          {SECONDARY.map((k) =>
            t('ui.dashboard.compare.secondary', { label: t(`ui.dashboard.compare.kind.${k}`), count: c[k].length }),
          ).join(t('ui.dashboard.separator'))}
        </p>
      </div>
      {[...HEADLINE, 'reclassified' as const, 'dropped' as const]
        .filter((k) => c[k].length > 0)
        .map((k) => (
          <details key={k} className="dash-changes">
            <summary>
              {t('ui.dashboard.compare.list', { label: t(`ui.dashboard.compare.kind.${k}`), count: c[k].length })}
            </summary>
            <ul>
              {c[k].map((x: AnswerChange) => (
                <li key={x.controlId}>
                  <span className="dash-changes__id">{x.controlId}</span>
                  <span className="dash-changes__title">{pick(x.title, lang)}</span>
                  <span className="dash-changes__move">
                    {label(data.previousScale, x.before) ?? (
                      <span className="chip chip--empty">{t('ui.dashboard.meaning.unanswered')}</span>
                    )}
                    <span aria-hidden="true">{'\u2192'}</span>
                    {label(data.currentScale, x.after) ?? (
                      <span className="chip chip--empty">{t('ui.dashboard.meaning.unanswered')}</span>
                    )}
                  </span>
                </li>
              ))}
            </ul>
          </details>
        ))}
      <p className="dash-rule">{t('ui.dashboard.compare.rule')}</p>
    </div>
  );
}

/** A signed change, green when up and red when down. */
export function Delta({ before, after, format }: { before: number; after: number; format: (n: number) => string }) {
  return (
    <span className={after > before ? 'dash-delta is-up' : after < before ? 'dash-delta is-down' : 'dash-delta'}>
      {format(after - before)}
    </span>
  );
}
