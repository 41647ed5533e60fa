import { useCallback, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssessmentDetail, AuditEntryView } from '../../../shared/api/types';
import { useApi } from '../../api/context';
import { Dialog } from '../../components/Dialog';
import { useErrorText } from '../../components/error-text';
import { formatDateTime, pick, useLang } from '../../components/lang';
import { DateField } from '../../components/DateField';
import { calendarDateProblem, normalizeCalendarDate } from '../../components/calendar-date';
import { useLoader } from '../../components/use-loader';
import { ProfileEligibility, useEligibilityChecks } from '../home/ProfileEligibility';

type Form = {
  name: string;
  organization: string;
  organizationContact: string;
  scope: string;
  assessors: string;
  periodStart: string;
  periodEnd: string;
  profile: string;
};

const formOf = (d: AssessmentDetail): Form => ({
  name: d.name,
  organization: d.organization?.name ?? '',
  organizationContact: d.organization?.contact ?? '',
  scope: d.scope,
  assessors: d.assessors,
  periodStart: d.periodStart ?? '',
  periodEnd: d.periodEnd ?? '',
  profile: d.profile ?? '',
});

/**
 * The changed fields only, as `assessments.update` takes them: an emptied organization, period date or profile is
 * null (cleared); text is trimmed. A profile change names the catalog it is for.
 */
export function detailsPatch(d: AssessmentDetail, f: Form): Record<string, unknown> {
  const before = formOf(d);
  const out: Record<string, unknown> = {};
  const orNull = (s: string) => s.trim() || null;
  if (f.name.trim() !== before.name) out.name = f.name.trim();
  if (f.organization.trim() !== before.organization) out.organization = orNull(f.organization);
  if (f.organization.trim() && f.organizationContact.trim() !== before.organizationContact)
    out.organizationContact = f.organizationContact.trim();
  if (f.scope.trim() !== before.scope.trim()) out.scope = f.scope.trim();
  if (f.assessors.trim() !== before.assessors.trim()) out.assessors = f.assessors.trim();
  if (f.periodStart !== before.periodStart) out.periodStart = orNull(f.periodStart);
  if (f.periodEnd !== before.periodEnd) out.periodEnd = orNull(f.periodEnd);
  if (f.profile !== before.profile) {
    out.profile = orNull(f.profile);
    out.catalog = d.catalog.catalogId;
  }
  return out;
}

/**
 * "Edit details": the name, organization and contact, scope, assessors, period and this catalog's profile (all printed
 * on the report cover), in the app's dialog. Disabled once the assessment is final (the service refuses too); a
 * refusal (e.g. answers outside a narrower profile) is shown in the dialog, which stays open with what was typed.
 */
export function EditDetails({ detail, onSaved }: { detail: AssessmentDetail; onSaved: () => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const final = detail.status === 'final';
  return (
    <>
      <button
        type="button"
        className="button button--small button--quiet"
        name="editDetails"
        disabled={final}
        title={final ? t('ui.details.lockedHint') : undefined}
        onClick={() => setOpen(true)}
      >
        {t('ui.details.edit')}
      </button>
      {open ? (
        <DetailsDialog
          detail={detail}
          onClose={() => setOpen(false)}
          onSaved={() => {
            setOpen(false);
            onSaved();
          }}
        />
      ) : null}
    </>
  );
}

function DetailsDialog({
  detail,
  onClose,
  onSaved,
}: {
  detail: AssessmentDetail;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const lang = useLang();
  const errorText = useErrorText();
  const [form, setForm] = useState<Form>(() => formOf(detail));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const orgs = useLoader(useCallback(() => api.call('organizations.list', {}), [api]));
  const hasProfiles = detail.profiles.length > 0;
  // The profile's eligibility criteria (an SAQ's) come with the catalog list; asked only for a newly chosen profile.
  const catalogs = useLoader(
    useCallback(() => (hasProfiles ? api.call('catalogs.list', {}) : Promise.resolve([])), [api, hasProfiles]),
  );
  const checks = useEligibilityChecks();
  const catalogView = catalogs.data?.find((c) => c.ref === detail.catalog.ref) ?? null;
  const chosen =
    form.profile && form.profile !== (detail.profile ?? '')
      ? (catalogView?.profiles.find((p) => p.id === form.profile) ?? null)
      : null;
  const eligible = checks.isEligible(form.profile, chosen);
  const set = (k: keyof Form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));
  // Dates as typed (2027/3/31 too): the form waits for real days and a period that does not end before it starts.
  const dates = { start: normalizeCalendarDate(form.periodStart), end: normalizeCalendarDate(form.periodEnd) };
  const dateProblem = calendarDateProblem(dates.start) !== null || calendarDateProblem(dates.end) !== null;
  const periodReversed = !dateProblem && dates.start !== '' && dates.end !== '' && dates.end < dates.start;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy || !form.name.trim() || !eligible || dateProblem || periodReversed) return;
    const patch = detailsPatch(detail, { ...form, periodStart: dates.start, periodEnd: dates.end });
    if (Object.keys(patch).length === 0) return onClose();
    setBusy(true);
    setError(null);
    try {
      await api.call('assessments.update', { id: detail.id, ...patch });
      onSaved();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <Dialog title={t('ui.details.title')} onClose={onClose} closeOnBackdrop={false} wide>
      <form className="form" name="details" onSubmit={(e) => void submit(e)} noValidate>
        <p className="field__hint">{t('ui.details.lead')}</p>
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
            value={form.name}
            onChange={set('name')}
            maxLength={200}
            aria-required="true"
            data-autofocus
          />
        </label>
        <div className="field-row field-row--even">
          <label className="field">
            <span className="field__label">{t('ui.new.organization')}</span>
            <input
              className="input"
              name="organization"
              value={form.organization}
              onChange={set('organization')}
              maxLength={200}
              list="details-orgs"
              placeholder={t('ui.new.organizationPlaceholder')}
            />
            <datalist id="details-orgs">
              {orgs.data?.map((o) => (
                <option key={o.id} value={o.name} />
              ))}
            </datalist>
          </label>
          <label className="field">
            <span className="field__label">{t('ui.new.contact')}</span>
            <input
              className="input"
              name="organizationContact"
              value={form.organizationContact}
              onChange={set('organizationContact')}
              maxLength={1000}
              disabled={!form.organization.trim()}
              placeholder={t('ui.new.contactPlaceholder')}
            />
          </label>
        </div>
        <label className="field">
          <span className="field__label">{t('ui.new.scope')}</span>
          <textarea
            className="textarea"
            name="scope"
            value={form.scope}
            onChange={set('scope')}
            rows={3}
            maxLength={4000}
          />
        </label>
        <label className="field">
          <span className="field__label">{t('ui.new.assessors')}</span>
          <input
            className="input"
            name="assessors"
            value={form.assessors}
            onChange={set('assessors')}
            maxLength={1000}
            placeholder={t('ui.new.assessorsPlaceholder')}
          />
        </label>
        <div className="field-row field-row--even">
          <DateField
            label={t('ui.new.periodStart')}
            name="periodStart"
            value={form.periodStart}
            onChange={(v) => set('periodStart')({ target: { value: v } })}
          />
          <DateField
            label={t('ui.new.periodEnd')}
            name="periodEnd"
            value={form.periodEnd}
            onChange={(v) => set('periodEnd')({ target: { value: v } })}
            invalid={periodReversed}
          />
        </div>
        {periodReversed ? (
          <p className="alert alert--error" role="alert">
            {t('errors.periodReversed', dates)}
          </p>
        ) : null}
        {hasProfiles ? (
          <label className="field">
            <span className="field__label">
              {t('ui.new.profile')}
              {detail.catalogs.length > 1 ? ` — ${pick(detail.catalog.title, lang)}` : ''}
            </span>
            <select className="input" name="profile" value={form.profile} onChange={set('profile')}>
              <option value="">{t('ui.new.profileAll')}</option>
              {detail.profiles.map((p) => (
                <option key={p.id} value={p.id}>
                  {pick(p.label, lang)}
                </option>
              ))}
            </select>
            <span className="field__hint">{t('ui.details.profileHint')}</span>
          </label>
        ) : null}
        {chosen && catalogView ? (
          <ProfileEligibility
            profile={chosen}
            total={catalogView.assessableCount}
            confirmed={checks.confirmed(form.profile)}
            onToggle={(i, on) => checks.toggle(form.profile, i, on)}
            hint={t('ui.details.eligibilityHint')}
          />
        ) : null}
        {error ? (
          <div className="alert alert--error" role="alert">
            {errorText(error)}
          </div>
        ) : null}
        <DetailsHistory detail={detail} />
        <div className="form__actions">
          <button
            type="submit"
            className="button button--primary"
            name="saveDetails"
            disabled={busy || !form.name.trim() || !eligible || periodReversed}
          >
            {t('ui.save')}
          </button>
          <button type="button" className="button button--quiet" onClick={onClose}>
            {t('ui.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

const FIELD_LABEL: Record<string, string> = {
  name: 'ui.new.name',
  organization: 'ui.new.organization',
  organizationContact: 'ui.new.contact',
  scope: 'ui.new.scope',
  assessors: 'ui.new.assessors',
  periodStart: 'ui.new.periodStart',
  periodEnd: 'ui.new.periodEnd',
  profile: 'ui.new.profile',
};

/** The recorded changes of the details, newest first: when, who, and each field from what to what. */
function DetailsHistory({ detail }: { detail: AssessmentDetail }) {
  const { t } = useTranslation();
  const api = useApi();
  const lang = useLang();
  const [open, setOpen] = useState(false);
  const entries = useLoader(
    useCallback(
      () =>
        open
          ? api.call('audit.history', { assessmentId: detail.id, entity: 'assessment' })
          : Promise.resolve([] as AuditEntryView[]),
      [api, detail.id, open],
    ),
  );
  const updates = (entries.data ?? []).filter((e) => e.action === 'assessment.update');
  const shown = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : String(v).slice(0, 80));
  return (
    <details className="history" open={open} onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>{t('ui.details.history')}</summary>
      {open && entries.data && updates.length === 0 ? <p className="muted">{t('ui.details.historyNone')}</p> : null}
      <ol className="history__list">
        {updates.map((e) => {
          const o = (e.oldValue ?? {}) as Record<string, unknown>;
          const n = (e.newValue ?? {}) as Record<string, unknown>;
          return (
            <li key={e.seq}>
              <span className="history__when">{formatDateTime(e.at, lang)}</span>{' '}
              <span className="history__who">{e.actor}</span>
              <ul>
                {Object.keys(FIELD_LABEL)
                  .filter((k) => k in n)
                  .map((k) => (
                    <li key={k}>
                      {t('ui.details.change', {
                        field: t(FIELD_LABEL[k] as string),
                        from: shown(o[k]),
                        to: shown(n[k]),
                      })}
                    </li>
                  ))}
              </ul>
            </li>
          );
        })}
      </ol>
    </details>
  );
}
