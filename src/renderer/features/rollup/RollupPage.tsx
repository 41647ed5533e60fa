import { memo, useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RollupCell } from '../../../core/assessment/rollup';
import type { AssessmentSummary, Localized, RollupView } from '../../../shared/api/types';
import { useApi } from '../../api/context';
import { downloadBase64 } from '../../components/download';
import { useErrorText } from '../../components/error-text';
import { pick, useLang } from '../../components/lang';
import { useLoader } from '../../components/use-loader';
import { navigate } from '../../navigation/routes';
import { useScoreFormat } from '../dashboard/model';
import '../dashboard/dashboard.css';
import './rollup.css';

type CatalogChoice = { catalogId: string; title: Localized; count: number };

/** The catalogs that have assessments, most used first: what a roll-up can be made of. */
export function rollupCatalogs(list: readonly AssessmentSummary[]): CatalogChoice[] {
  const byId = new Map<string, CatalogChoice>();
  for (const a of list)
    for (const c of new Map(a.catalogs.map((x) => [x.catalogId, x])).values()) {
      const found = byId.get(c.catalogId);
      if (found) found.count++;
      else byId.set(c.catalogId, { catalogId: c.catalogId, title: c.title, count: 1 });
    }
  return [...byId.values()].sort((a, b) => b.count - a.count || a.catalogId.localeCompare(b.catalogId));
}

/** Several assessments of one catalog side by side (#/rollup/<catalog>): by group, by organization, weak everywhere. */
export function RollupPage({ catalogId }: { catalogId?: string | undefined }) {
  const { t } = useTranslation();
  const api = useApi();
  const lang = useLang();
  const errorText = useErrorText();
  const list = useLoader(useCallback(() => api.call('assessments.list', {}), [api]));
  const choices = useMemo(() => (list.data ? rollupCatalogs(list.data) : []), [list.data]);
  const chosen = catalogId ?? choices[0]?.catalogId;
  if (list.error)
    return (
      <section className="page">
        <div className="alert alert--error" role="alert">
          {errorText(list.error)}
        </div>
      </section>
    );
  if (!list.data) return <div className="loading">{t('ui.loading')}</div>;
  return (
    <section className="page rollup">
      <div className="page__header">
        <div>
          <h1 className="page__title">{t('ui.rollup.title')}</h1>
          <p className="page__lead">{t('ui.rollup.lead')}</p>
        </div>
      </div>
      {choices.length === 0 || !chosen ? (
        <p className="empty">{t('ui.rollup.noAssessments')}</p>
      ) : (
        <>
          <label className="field rollup__catalog">
            <span className="field__label">{t('ui.rollup.catalog')}</span>
            <select
              value={chosen}
              onChange={(e) => navigate({ name: 'rollup', catalogId: e.target.value })}
              data-testid="rollup-catalog"
            >
              {choices.map((c) => (
                <option key={c.catalogId} value={c.catalogId}>
                  {t('ui.rollup.catalogOption', { title: pick(c.title, lang), count: c.count })}
                </option>
              ))}
            </select>
          </label>
          <RollupOfCatalog key={chosen} catalogId={chosen} />
        </>
      )}
    </section>
  );
}

function RollupOfCatalog({ catalogId }: { catalogId: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const lang = useLang();
  const errorText = useErrorText();
  /** null: every assessment of the catalog. */
  const [picked, setPicked] = useState<string[] | null>(null);
  const view = useLoader(
    useCallback(
      () => api.call('rollup.get', { catalogId, ...(picked?.length ? { assessmentIds: picked } : {}) }),
      [api, catalogId, picked],
    ),
  );
  const [exportError, setExportError] = useState<unknown>(null);
  /** The format being exported, or null. */
  const [exporting, setExporting] = useState<'xlsx' | 'pdf' | null>(null);
  const [candidates, setCandidates] = useState<RollupView['candidates'] | null>(null);
  if (view.data && candidates === null) setCandidates(view.data.candidates);
  const selected = new Set(picked ?? candidates?.map((c) => c.id) ?? []);
  const toggle = (id: string) => {
    const all = candidates?.map((c) => c.id) ?? [];
    const next = all.filter((x) => (x === id ? !selected.has(x) : selected.has(x)));
    setPicked(next.length === all.length ? null : next);
  };
  const exportAs = async (format: 'xlsx' | 'pdf') => {
    setExporting(format);
    setExportError(null);
    try {
      const f = await api.call('rollup.export', {
        catalogId,
        format,
        lang,
        ...(picked?.length ? { assessmentIds: picked } : {}),
      });
      downloadBase64(f.fileName, f.mediaType, f.content);
    } catch (e) {
      setExportError(e);
    } finally {
      setExporting(null);
    }
  };
  const none = picked !== null && picked.length === 0;
  return (
    <>
      {candidates ? (
        <fieldset className="field rollup__members">
          <legend className="field__label">{t('ui.rollup.members')}</legend>
          <div className="rollup__member-list">
            {candidates.map((c) => (
              <label key={c.id} className="rollup__member">
                <input type="checkbox" checked={selected.has(c.id)} onChange={() => toggle(c.id)} />
                <span>
                  <bdi>{c.organization ?? t('ui.rollup.noOrganization')}</bdi> · <bdi>{c.name}</bdi>
                  {c.periodEnd || c.periodStart ? (
                    <span className="muted"> ({[c.periodStart, c.periodEnd].filter(Boolean).join(' – ')})</span>
                  ) : null}
                </span>
              </label>
            ))}
          </div>
        </fieldset>
      ) : null}
      <div className="rollup__actions">
        <button
          type="button"
          className="button"
          disabled={exporting !== null || none || !view.data}
          onClick={() => void exportAs('xlsx')}
        >
          {exporting === 'xlsx' ? t('ui.loading') : t('ui.rollup.exportXlsx')}
        </button>
        <button
          type="button"
          className="button"
          disabled={exporting !== null || none || !view.data}
          onClick={() => void exportAs('pdf')}
        >
          {exporting === 'pdf' ? t('ui.loading') : t('ui.rollup.exportPdf')}
        </button>
      </div>
      {exportError ? (
        <div className="alert alert--error" role="alert">
          {errorText(exportError)}
        </div>
      ) : null}
      {none ? <p className="empty">{t('ui.rollup.chooseOne')}</p> : null}
      {view.error ? (
        <div className="alert alert--error" role="alert">
          {errorText(view.error)}
        </div>
      ) : null}
      {!none && view.data ? (
        <RollupTables view={view.data} />
      ) : !none && !view.error ? (
        <div className="loading">{t('ui.loading')}</div>
      ) : null}
    </>
  );
}

function ScoreCell({ cell, format }: { cell: RollupCell | null; format: (n: number | null) => string }) {
  if (!cell) return <td className="num muted">{'\u2014'}</td>;
  return (
    <td className="rollup__score">
      <div className="dash-scorecell">
        <span className="dash-meter" aria-hidden="true">
          <span className="dash-meter__fill" style={{ width: `${cell.ratio ?? 0}%` }} />
        </span>
        <span className="num">{format(cell.score)}</span>
      </div>
    </td>
  );
}

/**
 * The three tables, rendered again only when the roll-up itself changes (not while an export runs or a checkbox
 * waits for its answer): at 200 assessments they are thousands of cells. The figures come computed from the service.
 */
const RollupTables = memo(function RollupTables({ view }: { view: RollupView }) {
  const { t } = useTranslation();
  const lang = useLang();
  const fmt = useScoreFormat(view.method);
  return (
    <>
      <section className="rollup__section" aria-labelledby="rollup-groups">
        <h2 id="rollup-groups" className="rollup__heading">
          {t('ui.rollup.byGroup')}
        </h2>
        {/* Scrolls sideways with many assessments: focusable so the keyboard can scroll it too. */}
        <div className="rollup__scroll" tabIndex={0} role="region" aria-labelledby="rollup-groups">
          <table className="table table--dense rollup__table" data-testid="rollup-groups">
            <thead>
              <tr>
                <th>{t('ui.rollup.group')}</th>
                {view.members.map((m) => (
                  <th key={m.id} className="rollup__member-head">
                    <bdi className="rollup__org">{m.organization ?? t('ui.rollup.noOrganization')}</bdi>
                    <bdi>{m.name}</bdi>
                    <span className="muted">{m.periodEnd ?? m.periodStart ?? ''}</span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              <tr className="rollup__overall">
                <td>{t('ui.rollup.overall')}</td>
                {view.members.map((m) => (
                  <ScoreCell key={m.id} cell={m.overall} format={fmt.score} />
                ))}
              </tr>
              {view.groups.map((g) => (
                <tr key={g.controlId}>
                  <td>{pick(g.title, lang)}</td>
                  {g.cells.map((c, i) => (
                    <ScoreCell key={view.members[i]?.id ?? i} cell={c} format={fmt.score} />
                  ))}
                </tr>
              ))}
              <tr className="rollup__answered">
                <td>{t('ui.rollup.answered')}</td>
                {view.members.map((m) => (
                  <td key={m.id} className={m.overall.complete ? 'num is-done' : 'num'}>
                    {m.overall.answered}/{m.overall.total}
                    {!m.overall.complete && m.overall.score !== null ? (
                      <span className="rollup__provisional"> {t('ui.rollup.provisional')}</span>
                    ) : null}
                  </td>
                ))}
              </tr>
            </tbody>
          </table>
        </div>
      </section>

      <section className="rollup__section" aria-labelledby="rollup-orgs">
        <h2 id="rollup-orgs" className="rollup__heading">
          {t('ui.rollup.byOrganization')}
        </h2>
        <div className="rollup__scroll" tabIndex={0} role="region" aria-labelledby="rollup-orgs">
          <table className="table table--dense rollup__table" data-testid="rollup-organizations">
            <thead>
              <tr>
                <th>{t('ui.rollup.organization')}</th>
                <th className="num">{t('ui.rollup.memberCount')}</th>
                <th>{t('ui.rollup.overall')}</th>
                {view.groups.map((g) => (
                  <th key={g.controlId} title={pick(g.title, lang)}>
                    {pick(g.title, lang)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {view.organizations.map((o) => (
                <tr key={o.name ?? ''}>
                  <td>
                    <bdi>{o.name ?? t('ui.rollup.noOrganization')}</bdi>
                  </td>
                  <td className="num">{o.members}</td>
                  <ScoreCell cell={o.overall} format={fmt.score} />
                  {o.groups.map((c, i) => (
                    <ScoreCell key={view.groups[i]?.controlId ?? i} cell={c} format={fmt.score} />
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="rollup__rule muted">{t('ui.rollup.scoreRule')}</p>
      </section>

      <section className="rollup__section" aria-labelledby="rollup-weak">
        <h2 id="rollup-weak" className="rollup__heading">
          {t('ui.rollup.weakEverywhere', { count: view.weakEverywhere.length })}
        </h2>
        {view.weakEverywhere.length === 0 ? (
          <p className="empty">{t('ui.rollup.noWeak')}</p>
        ) : (
          <div className="rollup__scroll" tabIndex={0} role="region" aria-labelledby="rollup-weak">
            <table className="table table--dense rollup__table" data-testid="rollup-weak">
              <thead>
                <tr>
                  <th>{t('ui.rollup.control')}</th>
                  <th className="num">{t('ui.rollup.weakIn')}</th>
                  {view.members.map((m) => (
                    <th key={m.id} className="rollup__member-head">
                      <bdi className="rollup__org">{m.organization ?? t('ui.rollup.noOrganization')}</bdi>
                      <bdi>{m.name}</bdi>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {view.weakEverywhere.map((c) => (
                  <tr key={c.controlId}>
                    <td>
                      <span className="rollup__cid">{c.controlId}</span> {pick(c.title, lang)}
                    </td>
                    <td className="num">
                      {c.weak}/{c.inScope}
                    </td>
                    {c.meanings.map((m, i) => (
                      <td key={view.members[i]?.id ?? i}>
                        {m ? (
                          <span className={`chip chip--${m}`}>{t(`ui.dashboard.meaning.${m}`)}</span>
                        ) : (
                          <span className="muted">{'\u2014'}</span>
                        )}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p className="rollup__rule muted">{t('ui.rollup.weakRule')}</p>
      </section>
    </>
  );
});
