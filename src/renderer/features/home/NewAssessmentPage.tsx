import { useCallback, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogProfileView } from '../../../shared/api/types';
import { useApi } from '../../api/context';
import { href, navigate } from '../../navigation/routes';
import { useErrorText } from '../../components/error-text';
import { pick, useLang } from '../../components/lang';
import { DateField } from '../../components/DateField';
import { calendarDateProblem, normalizeCalendarDate } from '../../components/calendar-date';
import { useLoader } from '../../components/use-loader';
import { ProfileEligibility, useEligibilityChecks } from './ProfileEligibility';

export function NewAssessmentPage() {
  const { t } = useTranslation();
  const api = useApi();
  const lang = useLang();
  const errorText = useErrorText();
  const catalogs = useLoader(useCallback(() => api.call('catalogs.list', {}), [api]));
  const orgs = useLoader(useCallback(() => api.call('organizations.list', {}), [api]));
  const [name, setName] = useState('');
  const [organization, setOrganization] = useState('');
  const [scope, setScope] = useState('');
  const [contact, setContact] = useState('');
  const [assessors, setAssessors] = useState('');
  const [periodStart, setPeriodStart] = useState('');
  const [periodEnd, setPeriodEnd] = useState('');
  const [profile, setProfile] = useState('');
  /** Eligibility criteria of the chosen profiles the user has ticked. */
  const checks = useEligibilityChecks();
  const [catalog, setCatalog] = useState<number | null>(null);
  /** More catalogs assessed in the same engagement: catalog ref → its profile ('' = everything applies). */
  const [extra, setExtra] = useState<ReadonlyMap<number, string>>(new Map());
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const selectedProfiles = catalogs.data?.find((c) => c.ref === catalog)?.profiles ?? [];
  const first = catalogs.data?.find((c) => c.ref === catalog) ?? null;
  const chosenProfile = selectedProfiles.find((p) => p.id === profile) ?? null;
  const keyOf = (ref: number, profileId: string) => `${ref}:${profileId}`;
  // One version per catalog in an assessment: the others of the first catalog's family are not offered.
  const others = catalogs.data?.filter((c) => first && c.catalogId !== first.catalogId) ?? [];
  const extraProfileOf = (ref: number) =>
    others.find((c) => c.ref === ref)?.profiles.find((p) => p.id === extra.get(ref)) ?? null;
  // A profile with eligibility criteria (an SAQ) is chosen only once the user has confirmed every one of them.
  const eligible =
    (catalog === null || checks.isEligible(keyOf(catalog, profile), chosenProfile)) &&
    [...extra.keys()].every((ref) => checks.isEligible(keyOf(ref, extra.get(ref) ?? ''), extraProfileOf(ref)));
  const setExtraProfile = (ref: number, value: string | null) => {
    const next = new Map(extra);
    if (value === null) next.delete(ref);
    else next.set(ref, value);
    setExtra(next);
  };

  // Dates as typed (2027/3/31 too); the form waits for real days and a period that does not end before it starts.
  const start = normalizeCalendarDate(periodStart);
  const end = normalizeCalendarDate(periodEnd);
  const dateProblem = calendarDateProblem(start) !== null || calendarDateProblem(end) !== null;
  const periodReversed = !dateProblem && start !== '' && end !== '' && end < start;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim() || catalog === null || busy || !eligible || dateProblem || periodReversed) return;
    setBusy(true);
    setError(null);
    try {
      const created = await api.call('assessments.create', {
        name: name.trim(),
        catalog,
        ...(organization.trim() ? { organization: organization.trim() } : {}),
        ...(organization.trim() && contact.trim() ? { organizationContact: contact.trim() } : {}),
        ...(scope.trim() ? { scope: scope.trim() } : {}),
        ...(assessors.trim() ? { assessors: assessors.trim() } : {}),
        ...(start ? { periodStart: start } : {}),
        ...(end ? { periodEnd: end } : {}),
        ...(profile ? { profile } : {}),
        ...(extra.size
          ? {
              additionalCatalogs: [...extra]
                .filter(([ref]) => others.some((c) => c.ref === ref))
                .map(([ref, p]) => ({ catalog: ref, ...(p ? { profile: p } : {}) })),
            }
          : {}),
      });
      navigate({ name: 'assessment', id: created.id });
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <section className="page page--narrow">
      <div className="page__header">
        <div>
          <a className="backlink" href={href({ name: 'home' })}>
            ← {t('ui.nav.assessments')}
          </a>
          <h1 className="page__title">{t('ui.new.title')}</h1>
        </div>
      </div>
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <label className="field">
          <span className="field__label">
            {t('ui.new.name')}
            <span className="required" aria-hidden="true">
              *
            </span>
          </span>
          <input
            className="input"
            name="name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            aria-required="true"
            maxLength={200}
            placeholder={t('ui.new.namePlaceholder')}
            autoFocus
          />
        </label>
        <label className="field">
          <span className="field__label">{t('ui.new.organization')}</span>
          <input
            className="input"
            name="organization"
            value={organization}
            onChange={(e) => setOrganization(e.target.value)}
            maxLength={200}
            list="orgs"
            placeholder={t('ui.new.organizationPlaceholder')}
          />
          <datalist id="orgs">
            {orgs.data?.map((o) => (
              <option key={o.id} value={o.name} />
            ))}
          </datalist>
        </label>
        {organization.trim() ? (
          <label className="field">
            <span className="field__label">{t('ui.new.contact')}</span>
            <input
              className="input"
              name="organizationContact"
              value={contact}
              onChange={(e) => setContact(e.target.value)}
              maxLength={1000}
              placeholder={
                orgs.data?.find((o) => o.name === organization.trim())?.contact || t('ui.new.contactPlaceholder')
              }
            />
          </label>
        ) : null}
        <fieldset className="field">
          <legend className="field__label">
            {t('ui.new.catalog')}
            <span className="required" aria-hidden="true">
              *
            </span>
          </legend>
          {catalogs.error ? <div className="alert alert--error">{errorText(catalogs.error)}</div> : null}
          <div className="choice-list">
            {catalogs.data?.map((c) => (
              <label key={c.ref} className={catalog === c.ref ? 'choice is-selected' : 'choice'}>
                <input
                  type="radio"
                  name="catalog"
                  value={c.ref}
                  checked={catalog === c.ref}
                  onChange={() => {
                    setCatalog(c.ref);
                    setProfile('');
                    setExtra(new Map());
                  }}
                />
                <span className="choice__body">
                  <span className="choice__title">{pick(c.title, lang)}</span>
                  <span className="choice__meta">
                    {t('ui.catalogs.versionLine', {
                      version: c.version,
                      publisher: pick(c.publisher, lang),
                      count: c.assessableCount,
                    })}
                  </span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        {selectedProfiles.length > 0 ? (
          <label className="field">
            <span className="field__label">{t('ui.new.profile')}</span>
            <select className="input" name="profile" value={profile} onChange={(e) => setProfile(e.target.value)}>
              <option value="">{t('ui.new.profileAll')}</option>
              {selectedProfiles.map((p) => (
                <option key={p.id} value={p.id}>
                  {t('ui.new.profileOption', { label: pick(p.label, lang), count: p.itemCount })}
                </option>
              ))}
            </select>
            <span className="field__hint">{t('ui.new.profileHint')}</span>
          </label>
        ) : null}
        {chosenProfile && first ? (
          <ProfileEligibility
            profile={chosenProfile}
            total={first.assessableCount}
            confirmed={checks.confirmed(keyOf(first.ref, profile))}
            onToggle={(i, on) => checks.toggle(keyOf(first.ref, profile), i, on)}
          />
        ) : null}
        {first && others.length > 0 ? (
          <fieldset className="field">
            <legend className="field__label">{t('ui.new.alsoAssess')}</legend>
            <span className="field__hint">{t('ui.new.alsoAssessHint')}</span>
            <div className="choice-list choice-list--compact">
              {others.map((c) => (
                <div key={c.ref} className={extra.has(c.ref) ? 'choice is-selected' : 'choice'}>
                  <label className="choice__check">
                    <input
                      type="checkbox"
                      name="additionalCatalog"
                      value={c.ref}
                      checked={extra.has(c.ref)}
                      onChange={(e) => setExtraProfile(c.ref, e.target.checked ? '' : null)}
                    />
                    <span className="choice__body">
                      <span className="choice__title">{pick(c.title, lang)}</span>
                      <span className="choice__meta">
                        {t('ui.catalogs.versionLine', {
                          version: c.version,
                          publisher: pick(c.publisher, lang),
                          count: c.assessableCount,
                        })}
                      </span>
                    </span>
                  </label>
                  {extra.has(c.ref) && c.profiles.length > 0 ? (
                    <select
                      className="input input--inline"
                      aria-label={`${t('ui.new.profile')}: ${pick(c.title, lang)}`}
                      value={extra.get(c.ref) ?? ''}
                      onChange={(e) => setExtraProfile(c.ref, e.target.value)}
                    >
                      <option value="">{t('ui.new.profileAll')}</option>
                      {c.profiles.map((p) => (
                        <option key={p.id} value={p.id}>
                          {t('ui.new.profileOption', { label: pick(p.label, lang), count: p.itemCount })}
                        </option>
                      ))}
                    </select>
                  ) : null}
                  {extraProfileOf(c.ref) ? (
                    <ProfileEligibility
                      profile={extraProfileOf(c.ref) as CatalogProfileView}
                      total={c.assessableCount}
                      confirmed={checks.confirmed(keyOf(c.ref, extra.get(c.ref) ?? ''))}
                      onToggle={(i, on) => checks.toggle(keyOf(c.ref, extra.get(c.ref) ?? ''), i, on)}
                    />
                  ) : null}
                </div>
              ))}
            </div>
          </fieldset>
        ) : null}
        <label className="field">
          <span className="field__label">{t('ui.new.scope')}</span>
          <textarea
            className="textarea"
            name="scope"
            value={scope}
            onChange={(e) => setScope(e.target.value)}
            rows={3}
            maxLength={4000}
            placeholder={t('ui.new.scopePlaceholder')}
          />
        </label>
        <label className="field">
          <span className="field__label">{t('ui.new.assessors')}</span>
          <input
            className="input"
            name="assessors"
            value={assessors}
            onChange={(e) => setAssessors(e.target.value)}
            maxLength={1000}
            placeholder={t('ui.new.assessorsPlaceholder')}
          />
        </label>
        <div className="field-row field-row--even">
          <DateField label={t('ui.new.periodStart')} name="periodStart" value={periodStart} onChange={setPeriodStart} />
          <DateField
            label={t('ui.new.periodEnd')}
            name="periodEnd"
            value={periodEnd}
            onChange={setPeriodEnd}
            invalid={periodReversed}
          />
        </div>
        {periodReversed ? (
          <p className="alert alert--error" role="alert">
            {t('errors.periodReversed', { start, end })}
          </p>
        ) : null}
        {error ? (
          <div className="alert alert--error" role="alert">
            {errorText(error)}
          </div>
        ) : null}
        <div className="form__actions">
          <button
            className="button button--primary"
            type="submit"
            disabled={busy || catalog === null || name.trim() === '' || !eligible}
          >
            {t('ui.new.create')}
          </button>
          <a className="button button--quiet" href={href({ name: 'home' })}>
            {t('ui.cancel')}
          </a>
        </div>
      </form>
    </section>
  );
}
