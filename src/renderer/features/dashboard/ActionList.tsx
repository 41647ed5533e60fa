import { useTranslation } from 'react-i18next';
import type { AssessmentDetail } from '../../../shared/api/types';
import { href } from '../../navigation/routes';
import { routeToControl } from '../assessment/control-keys';
import { pick, useLang } from '../../components/lang';

/**
 * Open remediation actions (not compliant or partly compliant answers), earliest due date first; overdue ones
 * stand out. Actions without a date come last.
 */
export function ActionList({ detail, today }: { detail: AssessmentDetail; today: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const scale = new Map(detail.answerScale.map((s) => [s.value, s]));
  const titles = new Map(detail.controls.map((c) => [c.controlId, c.title]));
  const open = detail.answers
    .filter((a) => {
      const m = a.value ? scale.get(a.value)?.meaning : undefined;
      return m === 'noncompliant' || m === 'partial';
    })
    .sort(
      (a, b) =>
        (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999') ||
        a.controlId.localeCompare(b.controlId, undefined, { numeric: true }),
    );
  if (!open.length) return <p className="muted">{t('ui.dashboard.actions.none')}</p>;
  return (
    <table className="table table--dense">
      <thead>
        <tr>
          <th>{t('ui.dashboard.actions.due')}</th>
          <th>{t('ui.dashboard.actions.control')}</th>
          <th>{t('ui.dashboard.actions.answer')}</th>
          <th>{t('ui.assessment.owner')}</th>
          <th>{t('ui.assessment.remediation')}</th>
        </tr>
      </thead>
      <tbody>
        {open.slice(0, 200).map((a) => {
          const overdue = a.dueDate !== null && a.dueDate < today;
          const s = a.value ? scale.get(a.value) : undefined;
          return (
            <tr key={a.controlId}>
              <td className={overdue ? 'nowrap dash-overdue' : 'nowrap'}>
                {a.dueDate ?? t('ui.dashboard.actions.noDate')}
                {overdue ? ` ${t('ui.dashboard.actions.overdue')}` : ''}
              </td>
              <td>
                <a href={href(routeToControl(detail.id, detail.keyPrefix + a.controlId))}>{a.controlId}</a>{' '}
                {pick(titles.get(a.controlId), lang)}
              </td>
              <td>{s ? <span className={`chip chip--${s.meaning}`}>{pick(s.label, lang)}</span> : null}</td>
              <td>{a.owner || <span className="muted">—</span>}</td>
              <td>{a.remediation || <span className="dash-missing">{t('ui.dashboard.actions.missing')}</span>}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
