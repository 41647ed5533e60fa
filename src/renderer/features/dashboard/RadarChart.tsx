import { useTranslation } from 'react-i18next';
import { radarChart } from '../../../core/assessment/radar';

export type ChartAxis = {
  key: string;
  label: string;
  fullLabel: string;
  value: number;
  previous?: number | undefined;
  display: string;
};

/** One axis per top-level group; a dashed outline for the previous assessment. Bars when there are fewer than 3 groups. */
export function GroupChart({ axes, hasPrevious }: { axes: ChartAxis[]; hasPrevious: boolean }) {
  const { t } = useTranslation();
  if (axes.length === 0) return <p className="muted">{t('ui.dashboard.chart.empty')}</p>;
  return (
    <figure className="dash-chart">
      {axes.length >= 3 ? <Radar axes={axes} /> : <Bars axes={axes} />}
      <figcaption className="dash-chart__legend">
        <span className="dash-legend dash-legend--current">{t('ui.dashboard.chart.current')}</span>
        {hasPrevious ? (
          <span className="dash-legend dash-legend--previous">{t('ui.dashboard.chart.previous')}</span>
        ) : null}
        <span className="muted">{t('ui.dashboard.chart.note')}</span>
      </figcaption>
    </figure>
  );
}

function Radar({ axes }: { axes: ChartAxis[] }) {
  const { t } = useTranslation();
  const g = radarChart(axes, { size: 300, labelWidth: 110, fontSize: 11 });
  return (
    <svg className="radar" viewBox={g.viewBox} role="img" aria-label={t('ui.dashboard.chart.aria')}>
      {g.rings.map((points, i) => (
        <polygon
          key={i}
          className={i === g.rings.length - 1 ? 'radar__ring radar__ring--outer' : 'radar__ring'}
          points={points}
        />
      ))}
      {g.spokes.map((s, i) => (
        <line key={i} className="radar__spoke" x1={s.x1} y1={s.y1} x2={s.x2} y2={s.y2} />
      ))}
      {g.ringValues.slice(0, -1).map((v, i) => (
        <text
          key={v}
          className="radar__tick"
          x={g.center.x + 3}
          y={g.center.y - (g.radius * (i + 1)) / g.ringValues.length - 2}
        >
          {v}
        </text>
      ))}
      {g.previousArea ? <polygon className="radar__previous" points={g.previousArea} /> : null}
      <polygon className="radar__area" points={g.area} />
      {g.points.map((p, i) => (
        <circle key={axes[i]?.key ?? i} className="radar__dot" cx={p.x} cy={p.y} r={2.5} />
      ))}
      {g.labels.map((l, i) => (
        <text key={axes[i]?.key ?? i} className="radar__label" x={l.x} y={l.y} textAnchor={l.anchor}>
          <title>{`${axes[i]?.fullLabel ?? l.text} ${axes[i]?.display ?? ''}`}</title>
          {l.text}
        </text>
      ))}
    </svg>
  );
}

function Bars({ axes }: { axes: ChartAxis[] }) {
  return (
    <div className="dash-bars">
      {axes.map((a) => (
        <div key={a.key} className="dash-bars__row">
          <span className="dash-bars__label" title={a.fullLabel}>
            {a.fullLabel}
          </span>
          <span className="dash-bars__track">
            <span className="dash-bars__fill" style={{ width: `${Math.max(0, Math.min(100, a.value))}%` }} />
            {a.previous !== undefined ? (
              <span className="dash-bars__previous" style={{ left: `${Math.max(0, Math.min(100, a.previous))}%` }} />
            ) : null}
          </span>
          <span className="dash-bars__value">{a.display}</span>
        </div>
      ))}
    </div>
  );
}
