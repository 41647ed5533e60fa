import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogSummary } from '../../../shared/api/types';
import { useApi } from '../../api/context';
import { href } from '../../navigation/routes';
import { downloadText } from '../../components/download';
import { useErrorText } from '../../components/error-text';
import { pick, useLang } from '../../components/lang';
import { noteInLanguage } from '../../../core/util/bilingual-note';
import { useLoader } from '../../components/use-loader';
import { CatalogSearch } from './CatalogSearch';
import { CatalogProfiles } from './CatalogProfiles';

export function CatalogLibraryPage() {
  const { t } = useTranslation();
  const api = useApi();
  const lang = useLang();
  const errorText = useErrorText();
  const list = useLoader(useCallback(() => api.call('catalogs.list', {}), [api]));
  const [exportError, setExportError] = useState<unknown>(null);
  // One card per catalog, showing its newest version; older versions are listed on the card.
  const byCatalog = useMemo(() => {
    const m = new Map<string, CatalogSummary[]>();
    for (const c of list.data ?? []) m.set(c.catalogId, [...(m.get(c.catalogId) ?? []), c]);
    return [...m.values()];
  }, [list.data]);

  const exportAs = async (c: CatalogSummary, format: 'yaml' | 'oscal') => {
    setExportError(null);
    try {
      const f = await api.call('catalogs.export', { ref: c.ref, format, lang });
      downloadText(f.fileName, f.mediaType, f.content);
    } catch (e) {
      setExportError(e);
    }
  };

  return (
    <section className="page">
      <div className="page__header">
        <div>
          <h1 className="page__title">{t('ui.catalogs.title')}</h1>
          <p className="page__lead">{t('ui.catalogs.lead')}</p>
        </div>
        <a className="button button--primary" href={href({ name: 'catalogImport' })}>{t('ui.catalogs.import')}</a>
      </div>
      <CatalogSearch />
      {list.error ? <div className="alert alert--error" role="alert">{errorText(list.error)}</div> : null}
      {exportError ? <div className="alert alert--error" role="alert">{errorText(exportError)}</div> : null}
      <div className="catalog-grid">
        {byCatalog.map((versions) => {
          const c = versions[versions.length - 1] as CatalogSummary;
          return (
            <article key={c.catalogId} className="catalog-card" aria-label={pick(c.title, lang)}>
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
                {versions.length > 1 ? (<><dt>{t('ui.catalogs.versions')}</dt><dd>{versions.map((v) => v.version).join(' · ')} <a href={href({ name: 'catalogDiff', catalogId: c.catalogId })}>{t('ui.catalogs.compare')}</a></dd></>) : null}
                {c.origin === 'imported' ? (<><dt>{t('ui.catalogs.origin')}</dt><dd>{t('ui.catalogs.imported')}</dd></>) : null}
              </dl>
              {c.description ? <p className="catalog-card__desc">{pick(c.description, lang)}</p> : null}
              <CatalogProfiles profiles={c.profiles} />
              <footer className="catalog-card__footer">
                {c.unverified.length > 0 ? (
                  <details className="disclosure">
                    <summary>{t('ui.catalogs.unverified', { n: c.unverified.length })}</summary>
                    <ul>{c.unverified.map((u, i) => <li key={i}>{noteInLanguage(u, lang)}</li>)}</ul>
                  </details>
                ) : <span />}
                <span className="catalog-card__actions">
                  <button type="button" className="button button--small" onClick={() => void exportAs(c, 'yaml')}>{t('ui.catalogs.exportYaml')}</button>
                  <button type="button" className="button button--small" onClick={() => void exportAs(c, 'oscal')}>{t('ui.catalogs.exportOscal')}</button>
                </span>
              </footer>
            </article>
          );
        })}
      </div>
    </section>
  );
}
