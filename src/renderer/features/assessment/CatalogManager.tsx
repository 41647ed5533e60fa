import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssessmentDetail } from '../../../shared/api/types';
import { useApi } from '../../api/context';
import { navigate } from '../../navigation/routes';
import { Dialog } from '../../components/Dialog';
import { useErrorText } from '../../components/error-text';
import { pick, useLang } from '../../components/lang';
import { useLoader } from '../../components/use-loader';
import { ProfileEligibility, useEligibilityChecks } from '../home/ProfileEligibility';

/**
 * Grows an engagement by a catalog (with its profile), or takes the catalog on screen off again while nothing was
 * recorded for it (the service refuses otherwise, so answers are never dropped).
 */
export function CatalogManager({ detail, empty }: { detail: AssessmentDetail; empty: boolean }) {
  const { t } = useTranslation();
  const api = useApi();
  const lang = useLang();
  const errorText = useErrorText();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [choice, setChoice] = useState<{ ref: number; profile: string } | null>(null);
  const catalogs = useLoader(
    useCallback(() => (open ? api.call('catalogs.list', {}) : Promise.resolve([])), [api, open]),
  );
  const taken = new Set(detail.catalogs.map((c) => c.catalogId));
  const offered = (catalogs.data ?? []).filter((c) => !taken.has(c.catalogId));
  const chosen = offered.find((c) => c.ref === choice?.ref) ?? null;
  const locked = detail.status === 'final';
  const profile = chosen?.profiles.find((p) => p.id === choice?.profile) ?? null;
  const checks = useEligibilityChecks();
  const checkKey = `${choice?.ref ?? ''}:${choice?.profile ?? ''}`;

  const add = async () => {
    if (!chosen || !checks.isEligible(checkKey, profile)) return;
    setError(null);
    try {
      await api.call('assessments.addCatalog', {
        id: detail.id,
        catalog: chosen.ref,
        ...(choice?.profile ? { profile: choice.profile } : {}),
      });
      setOpen(false);
      navigate({ name: 'assessment', id: detail.id, catalog: chosen.catalogId });
    } catch (e) {
      setError(e);
    }
  };
  const remove = async () => {
    setError(null);
    try {
      await api.call('assessments.removeCatalog', { id: detail.id, catalog: detail.catalog.catalogId });
      navigate({ name: 'assessment', id: detail.id });
    } catch (e) {
      setError(e);
    }
  };

  if (locked) return null;
  return (
    <>
      <button
        type="button"
        className="linklike"
        name="addCatalog"
        onClick={() => {
          setOpen(true);
          setError(null);
        }}
      >
        {t('ui.catalogManager.add')}
      </button>
      {detail.keyPrefix && empty ? (
        <button type="button" className="linklike" name="removeCatalog" onClick={() => void remove()}>
          {t('ui.catalogManager.remove')}
        </button>
      ) : null}
      {error && !open ? (
        <span className="save-state save-state--error" role="alert">
          {errorText(error)}
        </span>
      ) : null}
      {open ? (
        <Dialog title={t('ui.catalogManager.title')} onClose={() => setOpen(false)}>
          <p className="muted">{t('ui.catalogManager.hint')}</p>
          <select
            className="input"
            name="catalogToAdd"
            value={choice?.ref ?? ''}
            onChange={(e) => setChoice(e.target.value ? { ref: Number(e.target.value), profile: '' } : null)}
            aria-label={t('ui.catalogManager.catalog')}
          >
            <option value="">{t('ui.catalogManager.choose')}</option>
            {offered.map((c) => (
              <option key={c.ref} value={c.ref}>
                {pick(c.title, lang)} v{c.version}
              </option>
            ))}
          </select>
          {chosen && chosen.profiles.length > 0 ? (
            <select
              className="input"
              name="profileToAdd"
              value={choice?.profile ?? ''}
              onChange={(e) => setChoice({ ref: chosen.ref, profile: e.target.value })}
              aria-label={t('ui.new.profile')}
            >
              <option value="">{t('ui.new.profileAll')}</option>
              {chosen.profiles.map((p) => (
                <option key={p.id} value={p.id}>
                  {t('ui.new.profileOption', { label: pick(p.label, lang), count: p.itemCount })}
                </option>
              ))}
            </select>
          ) : null}
          {chosen && profile ? (
            <ProfileEligibility
              profile={profile}
              total={chosen.assessableCount}
              confirmed={checks.confirmed(checkKey)}
              onToggle={(i, on) => checks.toggle(checkKey, i, on)}
            />
          ) : null}
          {error ? (
            <div className="alert alert--error" role="alert">
              {errorText(error)}
            </div>
          ) : null}
          <div className="form__actions">
            <button
              type="button"
              className="button button--primary"
              disabled={!chosen || !checks.isEligible(checkKey, profile)}
              onClick={() => void add()}
            >
              {t('ui.catalogManager.confirm')}
            </button>
            <button type="button" className="button button--quiet" onClick={() => setOpen(false)}>
              {t('ui.cancel')}
            </button>
          </div>
        </Dialog>
      ) : null}
    </>
  );
}
