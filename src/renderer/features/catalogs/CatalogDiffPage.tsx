import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/context';
import { href } from '../../navigation/routes';
import { useErrorText } from '../../components/error-text';
import { pick, useLang } from '../../components/lang';
import { useLoader } from '../../components/use-loader';

export function CatalogDiffPage({ catalogId }: { catalogId: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const lang = useLang();
  const errorText = useErrorText();
  const list = useLoader(useCallback(() => api.call('catalogs.list', {}), [api]));
  const versions = useMemo(() => (list.data ?? []).filter((c) => c.catalogId === catalogId).map((c) => c.version), [list.data, catalogId]);
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const a = from ?? versions[versions.length - 2] ?? null;
  const b = to ?? versions[versions.length - 1] ?? null;
  const diff = useLoader(useCallback(() => (a && b ? api.call('catalogs.diff', { catalogId, from: a, to: b }) : Promise.resolve(null)), [api, catalogId, a, b]));
  const title = list.data?.find((c) => c.catalogId === catalogId)?.title;
  const d = diff.data;
  return (
    <section className="page">
      <div className="page__header">
        <div>
          <a className="backlink" href={href({ name: 'catalogs' })}>← {t('ui.nav.catalogs')}</a>
          <h1 className="page__title">{t('ui.diff.title', { catalog: title ? pick(title, lang) : catalogId })}</h1>
        </div>
      </div>
      <div className="diff-controls">
        <label>{t('ui.diff.from')} <select className="input input--inline" value={a ?? ''} onChange={(e) => setFrom(e.target.value)}>{versions.map((v) => <option key={v} value={v}>{v}</option>)}</select></label>
        <span aria-hidden="true">→</span>
        <label>{t('ui.diff.to')} <select className="input input--inline" value={b ?? ''} onChange={(e) => setTo(e.target.value)}>{versions.map((v) => <option key={v} value={v}>{v}</option>)}</select></label>
      </div>
      {diff.error ? <div className="alert alert--error" role="alert">{errorText(diff.error)}</div> : null}
      {d ? (
        <>
          <p className="diff-summary">{t('ui.diff.summary', { unchanged: d.unchanged.length, changed: d.changed.length, added: d.added.length, removed: d.removed.length })}</p>
          <table className="table table--dense">
            <thead><tr><th>{t('ui.diff.kind')}</th><th>{t('ui.diff.id')}</th><th>{t('ui.diff.before')}</th><th>{t('ui.diff.after')}</th></tr></thead>
            <tbody>
              {d.changed.map((c) => <tr key={`c${c.controlId}`}><td><span className="chip chip--partial">{t('ui.diff.changed')}</span></td><td className="mono">{c.controlId}</td><td>{pick(c.before, lang)}</td><td>{pick(c.after, lang)}{pick(c.before, lang) === pick(c.after, lang) ? <span className="muted"> {t('ui.diff.textOnly')}</span> : null}</td></tr>)}
              {d.added.map((c) => <tr key={`a${c.controlId}`}><td><span className="chip chip--compliant">{t('ui.diff.added')}</span></td><td className="mono">{c.controlId}</td><td className="muted">—</td><td>{pick(c.title, lang)}</td></tr>)}
              {d.removed.map((c) => <tr key={`r${c.controlId}`}><td><span className="chip chip--noncompliant">{t('ui.diff.removed')}</span></td><td className="mono">{c.controlId}</td><td>{pick(c.title, lang)}</td><td className="muted">—</td></tr>)}
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  );
}
