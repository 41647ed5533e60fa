import { useState } from 'react';
import { compareVersions } from '../../../core/catalog/versions';
import { useTranslation } from 'react-i18next';
import type { AssessmentDetail, PreviousAnswer } from '../../../shared/api/types';
import { useApi } from '../../api/context';
import { Dialog } from '../../components/Dialog';
import { useErrorText } from '../../components/error-text';
import { pick, useLang } from '../../components/lang';

/** Offers the other loaded versions of the catalog, and lists what the last version change left to review. */
export function VersionBar({
  detail,
  answered,
  onUpgraded,
  onSelect,
}: {
  detail: AssessmentDetail;
  answered: ReadonlySet<string>;
  onUpgraded: () => void;
  onSelect: (controlId: string) => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const lang = useLang();
  const errorText = useErrorText();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  /** The version an upgrade was asked for, waiting for the confirmation. */
  const [asking, setAsking] = useState<string | null>(null);
  const scale = new Map(detail.answerScale.map((s) => [s.value, s]));
  const label = (p: PreviousAnswer | null) => {
    if (!p?.value) return t('ui.upgrade.none');
    const s = scale.get(p.value);
    return `${s ? pick(s.label, lang) : p.value}${p.comment ? ` — ${p.comment}` : ''}`;
  };
  const upgrade = async (version: string) => {
    setAsking(null);
    setBusy(true);
    try {
      await api.call('assessments.upgrade', { id: detail.id, toVersion: version, catalog: detail.catalog.catalogId });
      onUpgraded();
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  // A changed or new control drops off the review list once it has been answered in the new version.
  const u = detail.lastUpgrade && {
    ...detail.lastUpgrade,
    changed: detail.lastUpgrade.changed.filter((c) => !answered.has(c.controlId)),
    added: detail.lastUpgrade.added.filter((c) => !answered.has(c.controlId)),
  };
  const locked = detail.status === 'final';
  // Only newer versions are offered; moving back to an older one is possible from the CLI.
  const newer = detail.otherVersions.filter((v) => compareVersions(v, detail.catalog.version) > 0);
  return (
    <>
      {newer.length > 0 && !locked ? (
        <div className="upgrade-bar">
          <span>{t('ui.upgrade.available', { versions: newer.join(', ') })}</span>
          {newer.map((v) => (
            <button key={v} type="button" className="button button--small" disabled={busy} onClick={() => setAsking(v)}>
              {t('ui.upgrade.action', { version: v })}
            </button>
          ))}
          {error ? <span className="save-state--error">{errorText(error)}</span> : null}
        </div>
      ) : null}
      {asking ? (
        <Dialog
          title={t('ui.upgrade.action', { version: asking })}
          role="alertdialog"
          closeOnBackdrop={false}
          onClose={() => setAsking(null)}
        >
          <p>{t('ui.upgrade.confirm', { version: asking })}</p>
          <div className="form__actions">
            <button
              type="button"
              className="button button--primary"
              onClick={() => void upgrade(asking)}
              data-autofocus
            >
              {t('ui.upgrade.action', { version: asking })}
            </button>
            <button type="button" className="button button--quiet" onClick={() => setAsking(null)}>
              {t('ui.cancel')}
            </button>
          </div>
        </Dialog>
      ) : null}
      {u && (u.changed.length > 0 || u.added.length > 0) ? (
        <section className="upgrade-review" aria-label={t('ui.upgrade.review', { from: u.from, to: u.to })}>
          <h2>{t('ui.upgrade.review', { from: u.from, to: u.to })}</h2>
          <div className="muted">
            {t('ui.upgrade.summary', {
              carried: u.carried.length,
              changed: detail.lastUpgrade?.changed.length ?? 0,
              removed: u.removed.length,
              added: detail.lastUpgrade?.added.length ?? 0,
            })}
          </div>
          {u.carriedForReview?.length ? (
            <div className="muted">{t('ui.upgrade.carriedForReview', { count: u.carriedForReview.length })}</div>
          ) : null}
          <ul>
            {u.changed.map((c) => (
              <li key={`c${c.controlId}`}>
                <button type="button" className="linklike" onClick={() => onSelect(c.controlId)}>
                  {c.controlId} {pick(c.after, lang)}
                </button>{' '}
                — {t('ui.upgrade.changed')}; {t('ui.upgrade.previous')}: {label(c.previous)}
              </li>
            ))}
            {u.removed.map((c) => (
              <li key={`r${c.controlId}`}>
                {c.controlId} {pick(c.title, lang)} — {t('ui.upgrade.removed')}; {t('ui.upgrade.previous')}:{' '}
                {label(c.previous)}
              </li>
            ))}
            {u.added.map((c) => (
              <li key={`a${c.controlId}`}>
                <button type="button" className="linklike" onClick={() => onSelect(c.controlId)}>
                  {c.controlId} {pick(c.title, lang)}
                </button>{' '}
                — {t('ui.upgrade.added')}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
