import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConflictSide, MergeConflict, MergePreview } from '../../../core/exchange/merge-plan';
import type { AssessmentSummary } from '../../../shared/api/types';
import { useApi } from '../../api/context';
import { Dialog } from '../../components/Dialog';
import { useErrorText } from '../../components/error-text';
import { formatDateTime, pick, useLang } from '../../components/lang';
import './merge.css';

type Take = 'ours' | 'theirs';
/** Labels of the assessment's controls and answer values, by control key, to show the conflicts as a person reads them. */
type Labels = { control: Map<string, string>; value: Map<string, Map<string, string>> };

/** The catalog part of a control key: `pci-dss:1.1.1` → `pci-dss`, a bare key → the first catalog (''). */
const catalogOfKey = (key: string) => (key.includes(':') ? key.slice(0, key.indexOf(':')) : '');

/**
 * Offered when an imported file (or sealed package) is a copy of an assessment that is already here: previews the
 * merge (what comes over, counted; the conflicts side by side with who and when), lets the person choose per
 * conflict (a radio pair per row, arrow keys) or all at once, and merges in one step. Nothing changes before "Merge".
 */
export function MergeDialog({
  fileName,
  source,
  onClose,
  onMerged,
}: {
  fileName: string;
  source: { content: string; passphrase?: string };
  onClose: () => void;
  onMerged: (a: AssessmentSummary) => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const lang = useLang();
  const errorText = useErrorText();
  const [preview, setPreview] = useState<MergePreview | null>(null);
  const [labels, setLabels] = useState<Labels | null>(null);
  const [choices, setChoices] = useState<Record<string, Take>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    void (async () => {
      try {
        const p = await api.call('assessments.mergePreview', source);
        if (!live) return;
        setPreview(p);
        // Titles and value labels of the catalogs the conflicts are in.
        const first = await api.call('assessments.get', { id: p.assessmentId });
        const parts = [first];
        for (const c of first.catalogs.slice(1))
          if (p.conflicts.some((x) => catalogOfKey(x.key) === c.catalogId))
            parts.push(await api.call('assessments.get', { id: p.assessmentId, catalog: c.catalogId }));
        if (!live) return;
        const control = new Map<string, string>();
        const value = new Map<string, Map<string, string>>();
        for (const d of parts) {
          const prefix = d.keyPrefix;
          for (const c of d.controls) control.set(`${prefix}${c.controlId}`, pick(c.title, lang));
          value.set(
            prefix ? prefix.slice(0, -1) : '',
            new Map(d.answerScale.map((v) => [v.value, pick(v.label, lang)])),
          );
        }
        setLabels({ control, value });
      } catch (e) {
        if (live) setError(e);
      }
    })();
    return () => {
      live = false;
    };
  }, [api, source, lang]);

  const left = preview ? preview.conflicts.filter((c) => !choices[c.key]).length : 0;
  const all = (take: Take) =>
    setChoices(Object.fromEntries((preview?.conflicts ?? []).map((c) => [c.key, take])) as Record<string, Take>);

  const merge = async () => {
    if (!preview || busy || left > 0) return;
    setBusy(true);
    setError(null);
    try {
      const r = await api.call('assessments.merge', { ...source, choices, expectOurs: preview.ours.head });
      onMerged(r.assessment);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  const itemName = (c: MergeConflict) =>
    c.kind === 'status'
      ? t('ui.merge.statusItem')
      : c.kind === 'detail'
        ? t(`ui.merge.detail.${c.key.slice(1)}`)
        : c.key;
  const shownValue = (c: MergeConflict, s: ConflictSide) => {
    if (c.kind === 'status') return s.value ? t(`ui.status.${s.value}`) : '—';
    if (c.kind === 'detail') return s.value || '—';
    if (s.value === null) return t('ui.merge.unanswered');
    return labels?.value.get(catalogOfKey(c.key))?.get(s.value) ?? s.value;
  };
  const incomingParts = useMemo(() => {
    if (!preview) return [];
    const i = preview.incoming;
    return [
      i.answers.length ? t('ui.merge.answers', { count: i.answers.length }) : '',
      i.status ? t('ui.merge.status', { status: t(`ui.status.${i.status}`) }) : '',
      i.details.length
        ? t('ui.merge.details', {
            fields: i.details.map((d) => t(`ui.merge.detail.${d}`)).join(lang === 'ja' ? '、' : ', '),
          })
        : '',
      i.evidence ? t('ui.merge.evidence', { count: i.evidence }) : '',
      i.links ? t('ui.merge.links', { count: i.links }) : '',
      i.dismissals ? t('ui.merge.dismissals', { count: i.dismissals }) : '',
    ].filter(Boolean);
  }, [preview, t, lang]);

  const sideCell = (c: MergeConflict, take: Take) => {
    const s = c[take];
    const chosen = choices[c.key] === take;
    return (
      <td className={`merge__side${chosen ? ' merge__side--chosen' : ''}`}>
        <label className="merge__choice">
          <input
            type="radio"
            name={`merge-${c.key}`}
            value={take}
            aria-label={`${t('ui.merge.choiceFor', { key: itemName(c) })}: ${t(`ui.merge.${take}`)} — ${shownValue(c, s)}`}
            checked={chosen}
            onChange={() => setChoices((x) => ({ ...x, [c.key]: take }))}
          />
          <span className="merge__value">{shownValue(c, s)}</span>
        </label>
        {s.fields?.justification ? (
          <div className="merge__text">
            <span className="muted">{t('ui.merge.justification')}:</span> {s.fields.justification}
          </div>
        ) : null}
        {s.fields?.comment ? (
          <div className="merge__text">
            <span className="muted">{t('ui.merge.comment')}:</span> {s.fields.comment}
          </div>
        ) : null}
        <div className="merge__who muted">
          {t('ui.merge.who', { by: s.by || '—', at: s.at ? formatDateTime(s.at, lang) : '—' })}
        </div>
      </td>
    );
  };

  return (
    <Dialog
      title={t('ui.merge.title')}
      onClose={() => {
        if (!busy) onClose();
      }}
      closeOnBackdrop={false}
      wide
    >
      <form
        className="form merge"
        onSubmit={(e) => {
          e.preventDefault();
          void merge();
        }}
      >
        {preview ? (
          <>
            <p>{t('ui.merge.lead', { file: fileName, name: preview.name })}</p>
            <p className="muted merge__heads">
              {t('ui.merge.heads', {
                ours: preview.ours.entries,
                theirs: preview.theirs.entries,
                base: preview.base?.entries ?? '—',
              })}
            </p>
            {preview.outcome === 'nothing' ? (
              <p role="status">{t('ui.merge.nothing', { file: fileName })}</p>
            ) : (
              <>
                <section aria-label={t('ui.merge.comesOver')}>
                  <h3 className="merge__heading">{t('ui.merge.comesOver')}</h3>
                  <p>{incomingParts.length ? incomingParts.join(' · ') : t('ui.merge.noneComes')}</p>
                  <p className="muted">{t('ui.merge.kept', { count: preview.oursOnly, same: preview.same })}</p>
                </section>
                <section aria-label={t('ui.merge.conflicts', { count: preview.conflicts.length })}>
                  <div className="merge__bar">
                    <h3 className="merge__heading">{t('ui.merge.conflicts', { count: preview.conflicts.length })}</h3>
                    {preview.conflicts.length ? (
                      <span className="merge__bulk">
                        <button type="button" className="button" name="allOurs" onClick={() => all('ours')}>
                          {t('ui.merge.allOurs')}
                        </button>
                        <button type="button" className="button" name="allTheirs" onClick={() => all('theirs')}>
                          {t('ui.merge.allTheirs')}
                        </button>
                      </span>
                    ) : null}
                  </div>
                  {preview.conflicts.length === 0 ? (
                    <p>{t('ui.merge.noConflicts')}</p>
                  ) : (
                    <table className="table merge__table">
                      <thead>
                        <tr>
                          <th scope="col">{t('ui.merge.item')}</th>
                          <th scope="col">{t('ui.merge.ours')}</th>
                          <th scope="col">{t('ui.merge.theirs')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {preview.conflicts.map((c) => (
                          <tr key={c.key}>
                            <th scope="row" className="merge__item">
                              <div className={c.kind === 'answer' ? 'mono' : undefined}>{itemName(c)}</div>
                              {c.kind === 'answer' && labels?.control.get(c.key) ? (
                                <div className="muted merge__title">{labels.control.get(c.key)}</div>
                              ) : null}
                            </th>
                            {sideCell(c, 'ours')}
                            {sideCell(c, 'theirs')}
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  )}
                </section>
              </>
            )}
          </>
        ) : error ? null : (
          <p role="status">{t('ui.loading')}</p>
        )}
        {error ? (
          <div className="alert alert--error" role="alert">
            {errorText(error)}
          </div>
        ) : null}
        <div className="form__actions">
          {preview && preview.outcome === 'merge' ? (
            <>
              <button
                type="submit"
                className="button button--primary"
                name="applyMerge"
                disabled={busy || left > 0}
                data-autofocus
              >
                {busy ? t('ui.merge.applying') : t('ui.merge.apply')}
              </button>
              {left > 0 ? <span className="muted">{t('ui.merge.left', { count: left })}</span> : null}
            </>
          ) : null}
          <button type="button" className="button button--quiet" disabled={busy} onClick={onClose}>
            {preview?.outcome === 'nothing' || (!preview && error) ? t('ui.close') : t('ui.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
