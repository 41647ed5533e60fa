import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SEARCH_PAGE_SIZE } from '../../../shared/api/contract';
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
  /** A full page came back, so there may be more. */
  const [more, setMore] = useState(false);
  /** Bumped by every new query, so a late "more" page of an earlier query is dropped. */
  const generation = useRef(0);

  useEffect(() => {
    const q = query.trim();
    generation.current += 1;
    let live = true;
    const timer = window.setTimeout(() => {
      if (!q) {
        setHits(null);
        return;
      }
      api.call('catalogs.search', { query: q, limit: SEARCH_PAGE_SIZE }).then(
        (h) => { if (live) { setHits(h); setMore(h.length === SEARCH_PAGE_SIZE); setError(null); } },
        (e: unknown) => { if (live) setError(e); },
      );
    }, SEARCH_DELAY_MS);
    return () => { live = false; window.clearTimeout(timer); };
  }, [api, query]);

  const showMore = () => {
    const q = query.trim();
    const shown = hits ?? [];
    const asked = generation.current;
    api.call('catalogs.search', { query: q, limit: SEARCH_PAGE_SIZE, offset: shown.length }).then(
      (h) => {
        if (generation.current !== asked) return;
        setHits([...shown, ...h]);
        setMore(h.length === SEARCH_PAGE_SIZE);
      },
      (e: unknown) => {
        if (generation.current === asked) setError(e);
      },
    );
  };

  return (
    <div className="search-panel">
      <input className="input input--search" type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t('ui.catalogs.searchPlaceholder')} aria-label={t('ui.catalogs.searchPlaceholder')} />
      {error ? <div className="alert alert--error">{errorText(error)}</div> : null}
      {hits ? (
        <div className="search-results" role="region" aria-label={t('ui.catalogs.searchResults')}>
          <p className="muted">{t(more ? 'ui.catalogs.hitCountMore' : 'ui.catalogs.hitCount', { n: hits.length })}</p>
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
          {more ? (
            <button type="button" className="button" onClick={showMore}>
              {t('ui.catalogs.searchMore', { n: SEARCH_PAGE_SIZE })}
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
