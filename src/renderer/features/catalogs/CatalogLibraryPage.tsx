import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/context';
import { useErrorText } from '../../components/error-text';
import { pick, useLang } from '../../components/lang';
import { useLoader } from '../../components/use-loader';

export function CatalogLibraryPage() {
  const { t } = useTranslation();
  const api = useApi();
  const lang = useLang();
  const errorText = useErrorText();
  const list = useLoader(useCallback(() => api.call('catalogs.list', {}), [api]));
  return (
    <section className="page">
      <div className="page__header">
        <div>
          <h1 className="page__title">{t('ui.catalogs.title')}</h1>
          <p className="page__lead">{t('ui.catalogs.lead')}</p>
        </div>
      </div>
      {list.error ? <div className="alert alert--error" role="alert">{errorText(list.error)}</div> : null}
      <div className="catalog-grid">
        {list.data?.map((c) => (
          <article key={c.ref} className="catalog-card" aria-label={pick(c.title, lang)}>
            <header className="catalog-card__header">
              <h2 className="catalog-card__title">{pick(c.title, lang)}</h2>
              <span className="badge">v{c.version}</span>
            </header>
            <dl className="meta">
              <dt>{t('ui.catalogs.publisher')}</dt><dd>{pick(c.publisher, lang)}</dd>
              <dt>{t('ui.catalogs.published')}</dt><dd>{c.published}</dd>
              <dt>{t('ui.catalogs.controls')}</dt><dd>{t('ui.catalogs.controlCount', { assessable: c.assessableCount, nodes: c.nodeCount })}</dd>
              <dt>{t('ui.catalogs.text')}</dt><dd>{t(`ui.catalogs.textKind.${c.textKind}`, { defaultValue: c.textKind })}</dd>
              {c.sourceUrl ? (<><dt>{t('ui.catalogs.source')}</dt><dd className="meta__url">{c.sourceUrl}</dd></>) : null}
              <dt>{t('ui.catalogs.licence')}</dt><dd>{pick(c.licenceNote, lang)}</dd>
            </dl>
            {c.description ? <p className="catalog-card__desc">{pick(c.description, lang)}</p> : null}
            {c.unverified.length > 0 ? (
              <details className="disclosure">
                <summary>{t('ui.catalogs.unverified', { n: c.unverified.length })}</summary>
                <ul>{c.unverified.map((u, i) => <li key={i}>{u}</li>)}</ul>
              </details>
            ) : null}
          </article>
        ))}
      </div>
    </section>
  );
}
