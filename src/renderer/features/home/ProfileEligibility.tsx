import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogProfileView } from '../../../shared/api/types';
import { pick, useLang } from '../../components/lang';

/**
 * What choosing a profile means before the assessment exists: how many controls it leaves to answer, the
 * eligibility criteria the user confirms one by one (e.g. an SAQ's), and the public document its list comes from.
 */
export function ProfileEligibility({
  profile,
  total,
  confirmed,
  onToggle,
  hint,
}: {
  profile: CatalogProfileView;
  /** Assessable controls of the whole catalog. */
  total: number;
  confirmed: ReadonlySet<number>;
  onToggle: (index: number, checked: boolean) => void;
  /** What confirming allows here (default: creating the assessment). */
  hint?: string | undefined;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const s = profile.source;
  return (
    <div className="profile-eligibility" data-testid="profile-eligibility">
      <p className="profile-eligibility__count">
        {profile.kind ? <span className="badge">{t(`ui.new.profileKind.${profile.kind}`)}</span> : null}{' '}
        {t('ui.new.profileItems', { count: profile.itemCount, total })}
      </p>
      {profile.description ? <p className="field__hint">{pick(profile.description, lang)}</p> : null}
      {profile.eligibility.length > 0 ? (
        <fieldset className="field">
          <legend className="field__label">{t('ui.new.eligibility')}</legend>
          <span className="field__hint">{hint ?? t('ui.new.eligibilityHint')}</span>
          <ul className="plain-list">
            {profile.eligibility.map((c, i) => (
              <li key={i}>
                <label className="choice__check">
                  <input
                    type="checkbox"
                    name="eligibility"
                    checked={confirmed.has(i)}
                    onChange={(e) => onToggle(i, e.target.checked)}
                  />
                  <span>{pick(c, lang)}</span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      ) : null}
      {s ? (
        <p className="field__hint">
          {t(s.revision ? 'ui.new.profileSourceRevision' : 'ui.new.profileSource', {
            title: s.title,
            publisher: s.publisher,
            date: s.date,
            revision: s.revision ?? '',
            url: s.url,
          })}
        </p>
      ) : null}
    </div>
  );
}

const NONE: ReadonlySet<number> = new Set();

/**
 * The eligibility criteria a user has ticked, per place a profile is chosen (`key`, e.g. a catalog ref and the
 * profile ID). A profile without criteria, or no profile, is always eligible.
 */
export function useEligibilityChecks() {
  const [checks, setChecks] = useState<ReadonlyMap<string, ReadonlySet<number>>>(new Map());
  const confirmed = (key: string) => checks.get(key) ?? NONE;
  const toggle = (key: string, index: number, on: boolean) => {
    const set = new Set(confirmed(key));
    if (on) set.add(index);
    else set.delete(index);
    setChecks(new Map(checks).set(key, set));
  };
  const isEligible = (key: string, profile: CatalogProfileView | null | undefined) =>
    !profile || profile.eligibility.every((_, i) => confirmed(key).has(i));
  return { confirmed, toggle, isEligible };
}
