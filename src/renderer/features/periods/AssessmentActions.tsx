import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssessmentSummary } from '../../../shared/api/types';
import { useApi } from '../../api/context';
import { Dialog } from '../../components/Dialog';
import { useErrorText } from '../../components/error-text';
import { navigate } from '../../navigation/routes';
import { DateField } from '../../components/DateField';
import { calendarDateProblem, normalizeCalendarDate } from '../../components/calendar-date';

export type Shelf = 'active' | 'archived' | 'trash';

/** The home list's filter: the assessments in use, the archived ones, or the trash. */
export function ShelfFilter({ value, onChange }: { value: Shelf; onChange: (s: Shelf) => void }) {
  const { t } = useTranslation();
  return (
    <label className="field shelf-filter">
      <span className="field__label">{t('periods.show')}</span>
      <select name="shelf" value={value} onChange={(e) => onChange(e.target.value as Shelf)}>
        <option value="active">{t('periods.shelf.active')}</option>
        <option value="archived">{t('periods.shelf.archived')}</option>
        <option value="trash">{t('periods.shelf.trash')}</option>
      </select>
    </label>
  );
}

/** Empty the trash: deletes for good, so it asks first. */
export function EmptyTrashButton({ count, onDone }: { count: number; onDone: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const errorText = useErrorText();
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<unknown>(null);
  return (
    <>
      <button type="button" className="button button--danger" disabled={count === 0} onClick={() => setAsking(true)}>
        {t('periods.emptyTrash')}
      </button>
      {asking ? (
        <Dialog
          title={t('periods.emptyTrashTitle')}
          role="alertdialog"
          closeOnBackdrop={false}
          onClose={() => setAsking(false)}
        >
          <p>{t('periods.emptyTrashBody', { count })}</p>
          {error ? (
            <div className="alert alert--error" role="alert">
              {errorText(error)}
            </div>
          ) : null}
          <div className="form__actions">
            <button type="button" className="button" data-autofocus onClick={() => setAsking(false)}>
              {t('ui.cancel')}
            </button>
            <button
              type="button"
              className="button button--danger"
              onClick={() =>
                void api.call('assessments.emptyTrash', {}).then(() => {
                  setAsking(false);
                  onDone();
                }, setError)
              }
            >
              {t('periods.emptyTrashConfirm', { count })}
            </button>
          </div>
        </Dialog>
      ) : null}
    </>
  );
}

/**
 * One assessment's housekeeping, from its row: start the next period from it (carry forward), duplicate, archive
 * or unarchive, move to the trash, or restore from it.
 */
export function AssessmentActions({ a, onChanged }: { a: AssessmentSummary; onChanged: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const errorText = useErrorText();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [name, setName] = useState('');
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const run = (p: Promise<unknown>, go?: (v: AssessmentSummary) => void) =>
    void p.then((v) => {
      setOpen(false);
      if (go) go(v as AssessmentSummary);
      else onChanged();
    }, setError);
  const toAssessment = (v: AssessmentSummary) => navigate({ name: 'assessment', id: v.id });
  if (a.trashedAt)
    return (
      <button
        type="button"
        className="button button--small"
        onClick={() => run(api.call('assessments.restore', { id: a.id }))}
      >
        {t('periods.restore')}
      </button>
    );
  return (
    <>
      <button
        type="button"
        className="button button--small"
        aria-label={t('periods.actionsFor', { name: a.name })}
        onClick={() => {
          setName(t('periods.nextName', { name: a.name }));
          setError(null);
          setOpen(true);
        }}
      >
        {t('periods.actions')}
      </button>
      {open ? (
        <Dialog title={t('periods.actionsFor', { name: a.name })} onClose={() => setOpen(false)}>
          <form
            className="form"
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              // The date fields show what is wrong; nothing is sent until both are real days or empty.
              if (calendarDateProblem(start) || calendarDateProblem(end)) return;
              run(
                api.call('assessments.carryForward', {
                  from: a.id,
                  name,
                  periodStart: normalizeCalendarDate(start) || null,
                  periodEnd: normalizeCalendarDate(end) || null,
                }),
                toAssessment,
              );
            }}
          >
            <h3 className="form__title">{t('periods.carryForward')}</h3>
            <p className="muted">{t('periods.carryForwardHint')}</p>
            <label className="field">
              <span className="field__label">{t('periods.newName')}</span>
              <input
                className="input"
                name="carryName"
                value={name}
                aria-required="true"
                maxLength={200}
                onChange={(e) => setName(e.target.value)}
              />
            </label>
            <div className="field-row field-row--even">
              <DateField label={t('periods.periodStart')} name="periodStart" value={start} onChange={setStart} />
              <DateField label={t('periods.periodEnd')} name="periodEnd" value={end} onChange={setEnd} />
            </div>
            {error ? (
              <div className="alert alert--error" role="alert">
                {errorText(error)}
              </div>
            ) : null}
            <div className="form__actions">
              <button type="submit" className="button button--primary">
                {t('periods.carryForwardSubmit')}
              </button>
            </div>
          </form>
          <hr />
          <div className="form__actions">
            <button
              type="button"
              className="button"
              onClick={() =>
                run(
                  api.call('assessments.duplicate', { id: a.id, name: t('periods.copyName', { name: a.name }) }),
                  toAssessment,
                )
              }
            >
              {t('periods.duplicate')}
            </button>
            <button
              type="button"
              className="button"
              onClick={() => run(api.call('assessments.archive', { id: a.id, archived: !a.archivedAt }))}
            >
              {a.archivedAt ? t('periods.unarchive') : t('periods.archive')}
            </button>
            <button
              type="button"
              className="button button--danger"
              onClick={() => run(api.call('assessments.trash', { id: a.id }))}
            >
              {t('periods.trash')}
            </button>
          </div>
        </Dialog>
      ) : null}
    </>
  );
}
