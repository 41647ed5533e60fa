import { useTranslation } from 'react-i18next';
import type { AssessmentDetail, Progress } from '../../shared/api/types';
import { href, type Route } from '../navigation/routes';
import { pick, useLang } from './lang';

/**
 * One tab per catalog of an assessment, with its progress; the catalog on screen is marked as current and shows
 * `current` (its progress as answers are saved) when given.
 */
export function CatalogTabs({
  detail,
  route,
  current: live,
}: {
  detail: AssessmentDetail;
  route: (catalogId: string) => Route;
  current?: Progress | undefined;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <nav className="catalog-tabs" aria-label={t('ui.assessment.catalogs')}>
      {detail.catalogs.map((c) => {
        const current = c.catalogId === detail.catalog.catalogId;
        return (
          <a
            key={c.catalogId}
            className={current ? 'catalog-tab is-active' : 'catalog-tab'}
            href={href(route(c.catalogId))}
            aria-current={current ? 'page' : undefined}
          >
            <span className="catalog-tab__title">{pick(c.title, lang)}</span>
            <span className="catalog-tab__count">
              {current && live ? `${live.answered}/${live.total}` : `${c.progress.answered}/${c.progress.total}`}
            </span>
          </a>
        );
      })}
    </nav>
  );
}
