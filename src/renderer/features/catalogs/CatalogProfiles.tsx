import { useTranslation } from 'react-i18next';
import type { CatalogProfileView } from '../../../shared/api/types';
import { pick, useLang } from '../../components/lang';

/** A catalog's profiles on its library card: what each covers and, for a list, the document it comes from. */
export function CatalogProfiles({ profiles }: { profiles: readonly CatalogProfileView[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  if (!profiles.length) return null;
  return (
    <details className="disclosure catalog-card__profiles">
      <summary>{t('ui.catalogs.profiles', { n: profiles.length })}</summary>
      <ul>
        {profiles.map((p) => (
          <li key={p.id}>
            {t('ui.catalogs.profileLine', { label: pick(p.label, lang), count: p.itemCount })}
            {p.source ? (
              <span className="muted"> — {t(p.source.revision ? 'ui.new.profileSourceRevision' : 'ui.new.profileSource', { title: p.source.title, publisher: p.source.publisher, date: p.source.date, revision: p.source.revision ?? '', url: p.source.url })}</span>
            ) : null}
          </li>
        ))}
      </ul>
    </details>
  );
}
