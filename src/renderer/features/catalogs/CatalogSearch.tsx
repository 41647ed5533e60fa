import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogSearchHit } from '../../../shared/api/types';
import { useApi } from '../../api/context';
import { useErrorText } from '../../components/error-text';
import { pick, useLang } from '../../components/lang';

const SEARCH_DELAY_MS = 200;

/** Search over the ja and en text of every catalog, as the user types. */
export function CatalogSearch() {
  const { t } = useTranslation();
  const api = useApi();
  const lang = useLang();
  const errorText = useErrorText();
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<CatalogSearchHit[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const q = query.trim();
    let live = true;
    const timer = window.setTimeout(() => {
      if (!q) {
        setHits(null);
        return;
      }
      api.call('catalogs.search', { query: q, limit: 200 }).then(
        (h) => { if (live) { setHits(h); setError(null); } },
        (e: unknown) => { if (live) setError(e); },
      );
    }, SEARCH_DELAY_MS);
    return () => { live = false; window.clearTimeout(timer); };
  }, [api, query]);

  return (
    <div className="search-panel">
      <input className="input input--search" type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t('ui.catalogs.searchPlaceholder')} aria-label={t('ui.catalogs.searchPlaceholder')} />
      {error ? <div className="alert alert--error">{errorText(error)}</div> : null}
      {hits ? (
        <div className="search-results" role="region" aria-label={t('ui.catalogs.searchResults')}>
          <p className="muted">{t('ui.catalogs.hitCount', { n: hits.length })}</p>
          {hits.length ? (
            <table className="table table--dense">
              <tbody>
                {hits.map((h) => (
                  <tr key={`${h.catalogRef}:${h.controlId}`}>
                    <td className="search-catalog muted">{pick(h.catalogTitle, lang)} <span className="badge">v{h.version}</span></td>
                    <td className="nowrap mono">{h.controlId}</td>
                    <td><div>{pick(h.title, lang)}</div><div className="search-snippet">{pick(h.snippet, lang)}</div></td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
