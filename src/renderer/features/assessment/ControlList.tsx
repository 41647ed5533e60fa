import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnswerValue } from '../../../core/catalog/format';
import type { AnswerView, ControlView } from '../../../shared/api/types';
import { pick, useLang } from '../../components/lang';
import { shownId } from '../../components/control-id';

export const ROW_HEIGHT = 34;
const OVERSCAN = 12;

type Props = {
  rows: ControlView[];
  answers: ReadonlyMap<string, AnswerView>;
  evidence: ReadonlyMap<string, number>;
  scale: ReadonlyMap<string, AnswerValue>;
  selectedId: string | null;
  checked: ReadonlySet<string>;
  suggested: ReadonlySet<string>;
  onSelect: (id: string) => void;
  onToggle: (id: string, range: boolean) => void;
};

/**
 * The control list, virtualised: only the rows in view (plus a margin) are in the DOM, so thousands of controls
 * scroll as smoothly as thirty. Rows have one fixed height.
 */
export function ControlList({
  rows,
  answers,
  evidence,
  scale,
  selectedId,
  checked,
  suggested,
  onSelect,
  onToggle,
}: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const ref = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 800 });

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const update = () => setView({ top: el.scrollTop, height: el.clientHeight });
    update();
    el.addEventListener('scroll', update, { passive: true });
    const ro = new ResizeObserver(update);
    ro.observe(el);
    return () => {
      el.removeEventListener('scroll', update);
      ro.disconnect();
    };
  }, []);

  // Keep the selected row in view when the keyboard moves the selection.
  useEffect(() => {
    const el = ref.current;
    const i = rows.findIndex((r) => r.controlId === selectedId);
    if (!el || i < 0) return;
    const y = i * ROW_HEIGHT;
    if (y < el.scrollTop) el.scrollTop = y;
    else if (y + ROW_HEIGHT > el.scrollTop + el.clientHeight) el.scrollTop = y + ROW_HEIGHT - el.clientHeight;
  }, [selectedId, rows]);

  const first = Math.max(0, Math.floor(view.top / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((view.top + view.height) / ROW_HEIGHT) + OVERSCAN);
  return (
    <div
      className="controls__list"
      ref={ref}
      role="listbox"
      aria-label={t('ui.assessment.controls')}
      aria-multiselectable="true"
      // Reachable by Tab; the keys (j/k, numbers, x…) act on the selected row, which is announced as the active one.
      tabIndex={0}
      aria-activedescendant={
        selectedId && rows.some((r) => r.controlId === selectedId) ? optionId(selectedId) : undefined
      }
    >
      <div style={{ height: rows.length * ROW_HEIGHT, position: 'relative' }}>
        {rows.slice(first, last).map((c, k) => {
          const top = (first + k) * ROW_HEIGHT;
          if (!c.assessable) {
            return (
              <div key={c.controlId} className={`row row--heading depth-${Math.min(c.depth, 3)}`} style={{ top }}>
                <span className="row__id">{shownId(c.controlId, pick(c.title, lang))}</span>
                <span className="row__title">{pick(c.title, lang)}</span>
              </div>
            );
          }
          const a = answers.get(c.controlId);
          const s = a?.value ? scale.get(a.value) : undefined;
          const missing = s?.justification === 'required' && !a?.justification.trim();
          return (
            <div
              key={c.controlId}
              role="option"
              id={optionId(c.controlId)}
              aria-selected={c.controlId === selectedId}
              aria-checked={checked.has(c.controlId)}
              data-control={c.controlId}
              className={`row depth-${Math.min(c.depth, 3)}${c.controlId === selectedId ? ' is-selected' : ''}${checked.has(c.controlId) ? ' is-checked' : ''}`}
              style={{ top }}
              onClick={(e) =>
                e.shiftKey || e.metaKey || e.ctrlKey ? onToggle(c.controlId, e.shiftKey) : onSelect(c.controlId)
              }
            >
              {/* A drawn box, not an <input>: a focusable control inside an option is invisible to screen readers
                  (axe nested-interactive); the option says it with aria-checked, the keyboard uses x. */}
              <span
                className="row__check"
                aria-hidden="true"
                title={t('ui.batch.select', { id: c.controlId })}
                onClick={(e) => {
                  e.stopPropagation();
                  onToggle(c.controlId, e.shiftKey);
                }}
              >
                {checked.has(c.controlId) ? <CheckIcon /> : null}
              </span>
              <span className="row__id">{c.controlId}</span>
              <span className="row__title">{pick(c.title, lang)}</span>
              {a?.carriedForward ? (
                <span className="row__carried" title={t('periods.carriedNotice')}>
                  {t('periods.carriedBadge')}
                </span>
              ) : null}
              {a?.markedForReview ? (
                <span className="row__flag" title={t('ui.assessment.markedForReview')}>
                  ⚑
                </span>
              ) : null}
              {(evidence.get(c.controlId) ?? 0) > 0 ? (
                <span className="row__clip" title={t('ui.evidence.title')}>
                  <ClipIcon />
                  {evidence.get(c.controlId)}
                </span>
              ) : null}
              {!a?.value && suggested.has(c.controlId) ? (
                <span className="row__suggest" title={t('ui.suggestions.title')}>
                  ↺
                </span>
              ) : null}
              {missing ? (
                <span className="row__warn" title={t('ui.assessment.justificationRequired')}>
                  !
                </span>
              ) : null}
              <span className={s ? `chip chip--${s.meaning}` : 'chip chip--empty'}>
                {s ? pick(s.label, lang) : t('ui.assessment.unanswered')}
              </span>
            </div>
          );
        })}
      </div>
    </div>
  );
}

/** The row's element id, for aria-activedescendant (control IDs are letters, digits and ._()-). */
const optionId = (controlId: string) => `control-row-${controlId}`;

function CheckIcon() {
  return (
    <svg viewBox="0 0 12 12" width="10" height="10" aria-hidden="true">
      <path d="M2.5 6.2 5 8.6 9.6 3.6" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
    </svg>
  );
}

/** A paperclip drawn as SVG (emoji fonts are not on every machine). */
function ClipIcon() {
  return (
    <svg className="icon" viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
      <path
        d="M10.5 4.5 5.8 9.2a1.3 1.3 0 0 0 1.9 1.9l5-5a2.6 2.6 0 0 0-3.7-3.7l-5.2 5.2a3.9 3.9 0 0 0 5.5 5.5l4.2-4.2"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.4"
        strokeLinecap="round"
      />
    </svg>
  );
}
