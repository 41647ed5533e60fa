import { useTranslation } from 'react-i18next';
import type { AssessmentScore, GroupScore } from '../../../core/assessment/scoring';
import type { AnswerMeaning, AnswerValue } from '../../../core/catalog/format';
import { pick, useLang } from '../../components/lang';
import { useScoreFormat } from './model';
import { shownId } from '../../components/control-id';

/** Per top-level group: answered/total, score (and the previous one), and counts by meaning. */
export function GroupTable({
  score,
  previous,
  meanings,
  scale,
}: {
  score: AssessmentScore;
  previous: Map<string, GroupScore> | null;
  meanings: AnswerMeaning[];
  /** The catalog's answer scale: a column is headed by the labels its values carry (ISMAP's own word for implemented, not a generic one). */
  scale: AnswerValue[];
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const meaningHeader = (m: AnswerMeaning) => {
    const labels = scale.filter((s) => s.meaning === m).map((s) => pick(s.label, lang));
    return labels.length ? labels.join(lang === 'ja' ? '／' : ' / ') : t(`ui.dashboard.meaning.${m}`);
  };
  const fmt = useScoreFormat(score.method);
  const groups = score.groups.filter((g) => g.total > 0);
  return (
    <table className="table table--dense dash-groups">
      <thead>
        <tr>
          <th>{t('ui.dashboard.groups.group')}</th>
          <th className="num">{t('ui.dashboard.groups.answered')}</th>
          <th className="dash-groups__score">{t('ui.dashboard.groups.score')}</th>
          {previous ? <th className="num">{t('ui.dashboard.groups.previous')}</th> : null}
          {meanings.map((m) => (
            <th key={m} className="num dash-groups__meaning">
              {meaningHeader(m)}
            </th>
          ))}
          <th className="num">{t('ui.dashboard.meaning.unanswered')}</th>
        </tr>
      </thead>
      <tbody>
        {groups.map((g) => {
          const before = previous?.get(g.controlId);
          return (
            <tr key={g.controlId}>
              <td>
                {shownId(g.controlId, pick(g.title, lang)) ? (
                  <span className="dash-groups__id">{g.controlId}</span>
                ) : null}
                {pick(g.title, lang)}
              </td>
              <td className={g.complete ? 'num is-done' : 'num'}>
                {g.answered}/{g.total}
              </td>
              <td className="dash-groups__score">
                <div className="dash-scorecell">
                  <span className="dash-meter" aria-hidden="true">
                    <span className="dash-meter__fill" style={{ width: `${g.ratio ?? 0}%` }} />
                  </span>
                  <span className="num">{fmt.score(g.score)}</span>
                </div>
              </td>
              {previous ? <td className="num muted">{before ? fmt.score(before.score) : '\u2014'}</td> : null}
              {meanings.map((m) => (
                <td key={m} className="num">
                  <Count meaning={m} count={g.byMeaning[m]} />
                </td>
              ))}
              <td className="num">
                <Count meaning={null} count={g.unanswered} />
              </td>
            </tr>
          );
        })}
      </tbody>
      <tfoot>
        <tr>
          <td>{t('ui.dashboard.groups.total')}</td>
          <td className="num">
            {score.overall.answered}/{score.overall.total}
          </td>
          <td className="dash-groups__score">
            <div className="dash-scorecell">
              <span className="dash-meter" aria-hidden="true">
                <span className="dash-meter__fill" style={{ width: `${score.overall.ratio ?? 0}%` }} />
              </span>
              <span className="num">{fmt.score(score.overall.score)}</span>
            </div>
          </td>
          {previous ? <td /> : null}
          {meanings.map((m) => (
            <td key={m} className="num">
              <Count meaning={m} count={score.overall.byMeaning[m]} />
            </td>
          ))}
          <td className="num">
            <Count meaning={null} count={score.overall.unanswered} />
          </td>
        </tr>
      </tfoot>
    </table>
  );
}

/** A count in the answering screen's chip colour; zero stays quiet. */
export function Count({ meaning, count }: { meaning: AnswerMeaning | null; count: number }) {
  if (count === 0) return <span className="dash-zero">0</span>;
  return <span className={meaning ? `chip chip--${meaning}` : 'chip chip--empty'}>{count}</span>;
}

/** How many answers chose each value of the scale, in scale order, with the value's label and meaning colour. */
export function ValueCounts({
  scale,
  byValue,
  unanswered,
}: {
  scale: AnswerValue[];
  byValue: Record<string, number>;
  unanswered: number;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const known = new Set(scale.map((s) => s.value));
  const stray = Object.entries(byValue).filter(([v, n]) => !known.has(v) && n > 0);
  const total = Object.values(byValue).reduce((a, b) => a + b, 0) + unanswered;
  const rows = [
    ...scale.map((s) => ({
      key: s.value,
      label: pick(s.label, lang),
      meaning: s.meaning as AnswerMeaning | null,
      count: byValue[s.value] ?? 0,
      score: s.score,
    })),
    ...stray.map(([v, n]) => ({ key: v, label: v, meaning: 'unknown' as AnswerMeaning | null, count: n, score: null })),
    { key: '', label: t('ui.dashboard.meaning.unanswered'), meaning: null, count: unanswered, score: null },
  ];
  return (
    <table className="table table--dense dash-values">
      <thead>
        <tr>
          <th>{t('ui.dashboard.values.value')}</th>
          <th className="num">{t('ui.dashboard.values.score')}</th>
          <th className="num">{t('ui.dashboard.values.count')}</th>
          <th className="dash-values__bar" aria-hidden="true" />
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <td>
              <span className={r.meaning ? `chip chip--${r.meaning}` : 'chip chip--empty'}>{r.label}</span>
            </td>
            <td className="num muted">{r.score === null ? '\u2014' : r.score}</td>
            <td className="num">{r.count}</td>
            <td className="dash-values__bar">
              <span className="dash-meter">
                <span
                  className={`dash-meter__fill dash-meter__fill--${r.meaning ?? 'empty'}`}
                  style={{ width: `${total ? (r.count / total) * 100 : 0}%` }}
                />
              </span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
