import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  compareAssessments,
  previousAssessment,
  scoreAssessment,
  type AssessmentScore,
} from '../../../core/assessment/scoring';
import type { AssessmentDetail, AssessmentSummary } from '../../../shared/api/types';
import { useApi } from '../../api/context';
import { href } from '../../navigation/routes';
import { CatalogTabs } from '../../components/CatalogTabs';
import { useErrorText } from '../../components/error-text';
import { formatDateTime, pick, useLang } from '../../components/lang';
import { ProgressBar } from '../../components/Progress';
import { useLoader } from '../../components/use-loader';
import { EditDetails } from '../assessment/DetailsDialog';
import { ActionList } from './ActionList';
import { ComparisonBlock, Delta, type ComparisonData } from './ComparisonBlock';
import { GroupTable, ValueCounts } from './GroupTable';
import { meaningsOf, scoringRuleOf, shortGroupLabel, useScoreFormat } from './model';
import { GroupChart, type ChartAxis } from './RadarChart';
import './dashboard.css';

const scoreOf = (d: AssessmentDetail): AssessmentScore =>
  scoreAssessment({ controls: d.controls, answers: d.answers, scale: d.answerScale, scoring: scoringRuleOf(d) });

/** The dashboard of one catalog of an assessment (the first unless `catalog` names another). */
export function DashboardPage({ id, catalog }: { id: string; catalog?: string | undefined }) {
  const { t } = useTranslation();
  const api = useApi();
  const errorText = useErrorText();
  const detail = useLoader(
    useCallback(() => api.call('assessments.get', { id, ...(catalog ? { catalog } : {}) }), [api, id, catalog]),
  );
  const list = useLoader(useCallback(() => api.call('assessments.list', {}), [api]));
  const d = detail.data?.id === id ? detail.data : null;
  const prevSummary = useMemo(() => (d && list.data ? previousAssessment(d, list.data) : null), [d, list.data]);
  const prevId = prevSummary?.id ?? null;
  const catalogId = d?.catalog.catalogId;
  const prev = useLoader(
    useCallback(
      () =>
        prevId && catalogId ? api.call('assessments.get', { id: prevId, catalog: catalogId }) : Promise.resolve(null),
      [api, prevId, catalogId],
    ),
  );
  const prevDetail = prevSummary && prev.data?.id === prevSummary.id ? prev.data : null;
  const previous = useMemo(
    () => (prevSummary && prevDetail ? { summary: prevSummary, detail: prevDetail } : null),
    [prevSummary, prevDetail],
  );
  if (detail.error)
    return (
      <section className="page">
        <div className="alert alert--error" role="alert">
          {errorText(detail.error)}
        </div>
      </section>
    );
  if (!d) return <div className="loading">{t('ui.loading')}</div>;
  return (
    <Dashboard
      detail={d}
      onReload={detail.reload}
      previous={previous}
      comparisonState={
        list.error || prev.error
          ? { error: errorText(list.error ?? prev.error) }
          : !list.data || (prevSummary && !prevDetail)
            ? 'loading'
            : 'ready'
      }
    />
  );
}

type Previous = { summary: AssessmentSummary; detail: AssessmentDetail };

function Dashboard({
  detail,
  previous,
  comparisonState,
  onReload,
}: {
  detail: AssessmentDetail;
  previous: Previous | null;
  comparisonState: 'loading' | 'ready' | { error: string };
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const rule = scoringRuleOf(detail);
  const fmt = useScoreFormat(rule.method);
  const score = useMemo(() => scoreOf(detail), [detail]);
  const prevScore = useMemo(() => (previous ? scoreOf(previous.detail) : null), [previous]);
  const prevGroups = useMemo(
    () => (prevScore ? new Map(prevScore.groups.map((g) => [g.controlId, g])) : null),
    [prevScore],
  );
  const comparison = useMemo((): ComparisonData | null => {
    if (!previous || !prevScore) return null;
    return {
      previous: previous.summary,
      comparison: compareAssessments(
        { controls: previous.detail.controls, answers: previous.detail.answers, scale: previous.detail.answerScale },
        { controls: detail.controls, answers: detail.answers, scale: detail.answerScale },
      ),
      previousScale: previous.detail.answerScale,
      currentScale: detail.answerScale,
      method: score.method,
      scoreBefore: prevScore.method === score.method ? prevScore.overall.score : null,
      scoreAfter: score.overall.score,
    };
  }, [previous, prevScore, detail, score]);
  const axes = score.groups
    .filter((g) => g.total > 0)
    .map((g): ChartAxis => {
      const before = prevGroups?.get(g.controlId);
      return {
        key: g.controlId,
        label: shortGroupLabel(g.controlId, g.title, lang),
        fullLabel: pick(g.title, lang),
        value: g.ratio ?? 0,
        // A group the previous assessment did not score is drawn at 0, like the current one.
        previous: prevGroups ? (before?.ratio ?? 0) : undefined,
        display: fmt.score(g.score),
      };
    });
  const o = score.overall;
  return (
    <section className="page dash">
      <header className="dash__header">
        <div className="dash__heading">
          <a
            className="backlink"
            href={href({
              name: 'assessment',
              id: detail.id,
              ...(detail.keyPrefix ? { catalog: detail.catalog.catalogId } : {}),
            })}
          >
            {'\u2190 '}
            {t('ui.dashboard.back')}
          </a>
          <h1 className="page__title">{detail.name}</h1>
          <p className="dash__meta">
            <span className="dash__kind">{t('ui.dashboard.title')}</span>
            {detail.organization ? <span>{detail.organization.name}</span> : null}
            <span>
              {pick(detail.catalog.title, lang)} v{detail.catalog.version}
            </span>
            <span className={`badge badge--${detail.status}`}>{t(`ui.status.${detail.status}`)}</span>
            <span className="muted">{t('ui.dashboard.updated', { when: formatDateTime(detail.updatedAt, lang) })}</span>
            <EditDetails detail={detail} onSaved={onReload} />
          </p>
        </div>
      </header>
      {detail.catalogs.length > 1 ? (
        <CatalogTabs detail={detail} route={(c) => ({ name: 'dashboard', id: detail.id, catalog: c })} />
      ) : null}

      <div className="dash__summary">
        <section className="dash-card dash-card--score" aria-labelledby="dash-score">
          <h2 id="dash-score" className="dash-card__title">
            {t(rule.method === 'points' ? 'ui.dashboard.score.pointsTitle' : 'ui.dashboard.score.percentTitle')}
          </h2>
          {o.score === null ? (
            <p className="dash-score__none">{t('ui.dashboard.score.none')}</p>
          ) : (
            <p className="dash-score">
              <span className="dash-score__value">{fmt.score(o.score)}</span>
              {rule.method === 'points' ? (
                <span className="dash-score__max">
                  {t('ui.dashboard.score.ofMax', { max: fmt.number(o.possible) })}
                </span>
              ) : null}
            </p>
          )}
          {o.band ? <p className="dash-band">{pick(o.band.label, lang)}</p> : null}
          {comparison && comparison.scoreBefore !== null ? (
            <p className="dash-previous">
              <span>{t('ui.dashboard.score.previous', { score: fmt.score(comparison.scoreBefore) })}</span>
              {o.score !== null ? <Delta before={comparison.scoreBefore} after={o.score} format={fmt.delta} /> : null}
            </p>
          ) : null}
          {o.score !== null && !o.complete ? (
            <p className="dash-provisional">{t('ui.dashboard.score.provisional', { count: o.unanswered })}</p>
          ) : null}
          <p className="dash-rule">
            {rule.method === 'points'
              ? t('ui.dashboard.rule.points', { max: fmt.number(score.max) })
              : t('ui.dashboard.rule.percent')}
          </p>
        </section>

        <section className="dash-card dash-card--progress" aria-labelledby="dash-progress">
          <h2 id="dash-progress" className="dash-card__title">
            {t('ui.dashboard.progress.title')}
          </h2>
          <ProgressBar progress={{ answered: o.answered, total: o.total }} />
          <dl className="dash-facts">
            <dt>{t('ui.dashboard.progress.scored')}</dt>
            <dd>{o.scored}</dd>
            <dt>{t('ui.dashboard.progress.excluded')}</dt>
            <dd>{o.excluded}</dd>
            <dt>{t('ui.dashboard.progress.unanswered')}</dt>
            <dd>{o.unanswered}</dd>
          </dl>
          <ValueCounts scale={detail.answerScale} byValue={o.byValue} unanswered={o.unanswered} />
        </section>

        <section className="dash-card dash-card--chart" aria-labelledby="dash-chart">
          <h2 id="dash-chart" className="dash-card__title">
            {t('ui.dashboard.chart.title')}
          </h2>
          <GroupChart axes={axes} hasPrevious={prevGroups !== null} />
        </section>
      </div>

      <section className="dash-section" aria-labelledby="dash-groups">
        <h2 id="dash-groups" className="section-title">
          {t('ui.dashboard.groups.title')}
        </h2>
        <GroupTable
          score={score}
          previous={prevGroups}
          meanings={meaningsOf(detail.answerScale)}
          scale={detail.answerScale}
        />
      </section>

      <section className="dash-section" aria-labelledby="dash-actions">
        <h2 id="dash-actions" className="section-title">
          {t('ui.dashboard.actions.title')}
        </h2>
        <ActionList detail={detail} today={new Date().toISOString().slice(0, 10)} />
      </section>

      <section className="dash-section" aria-labelledby="dash-compare">
        <h2 id="dash-compare" className="section-title">
          {t('ui.dashboard.compare.title')}
        </h2>
        {typeof comparisonState === 'object' ? (
          <div className="alert alert--error" role="alert">
            {comparisonState.error}
          </div>
        ) : null}
        {comparisonState === 'loading' ? <p className="muted">{t('ui.loading')}</p> : null}
        {comparisonState === 'ready' && !comparison ? (
          <p className="muted dash-compare__none">{t('ui.dashboard.compare.none')}</p>
        ) : null}
        {comparisonState === 'ready' && comparison ? <ComparisonBlock data={comparison} /> : null}
      </section>
    </section>
  );
}
