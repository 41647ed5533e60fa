import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnswerValue } from '../../../core/catalog/format';
import { useApi } from '../../api/context';
import { useErrorText } from '../../components/error-text';
import { formatDateTime, pick, useLang } from '../../components/lang';
import { useLoader } from '../../components/use-loader';

type Fields = {
  value?: string | null;
  comment?: string;
  justification?: string;
  owner?: string;
  dueDate?: string | null;
  remediation?: string;
  markedForReview?: boolean;
  fileName?: string;
  sourceKey?: string;
};

/** Every recorded change of this control, newest first: who, when, and what changed from what to what. */
export function HistoryPanel({
  assessmentId,
  controlKey,
  scale,
  revision,
}: {
  assessmentId: string;
  controlKey: string;
  scale: AnswerValue[];
  revision: number;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const lang = useLang();
  const errorText = useErrorText();
  const [open, setOpen] = useState(false);
  // Reloads when the answer's revision changes, so the list follows the edits made in this panel.
  const load = useCallback(
    () => (open ? api.call('audit.history', { assessmentId, controlKey }) : Promise.resolve([])),
    [api, assessmentId, controlKey, open],
  );
  const entries = useLoader(load);
  const { reload } = entries;
  const seen = useRef(revision);
  useEffect(() => {
    if (seen.current !== revision) {
      seen.current = revision;
      reload();
    }
  }, [revision, reload]);
  const label = (v: string | null | undefined) =>
    v ? pick(scale.find((s) => s.value === v)?.label, lang) || v : t('ui.assessment.unanswered');
  const describe = (oldV: Fields | null, newV: Fields | null, action: string): string[] => {
    if (action === 'evidence.link' || action === 'evidence.unlink')
      return [t(`ui.history.${action === 'evidence.link' ? 'linked' : 'unlinked'}`, { file: newV?.fileName ?? '' })];
    if (action === 'suggestion.dismiss')
      return [t('ui.history.suggestionDismissed', { source: newV?.sourceKey ?? '' })];
    const o = oldV ?? {};
    const n = newV ?? {};
    const out: string[] = [];
    if ((o.value ?? null) !== (n.value ?? null))
      out.push(t('ui.history.value', { from: label(o.value), to: label(n.value) }));
    for (const f of ['comment', 'justification', 'remediation', 'owner'] as const)
      if ((o[f] ?? '') !== (n[f] ?? ''))
        out.push(t('ui.history.text', { field: t(`ui.assessment.${f}`), text: (n[f] ?? '').slice(0, 80) || '—' }));
    if ((o.dueDate ?? null) !== (n.dueDate ?? null))
      out.push(t('ui.history.text', { field: t('ui.assessment.dueDate'), text: n.dueDate ?? '—' }));
    if ((o.markedForReview ?? false) !== (n.markedForReview ?? false))
      out.push(t(n.markedForReview ? 'ui.history.marked' : 'ui.history.unmarked'));
    return out;
  };
  return (
    <details className="history" open={open} onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>{t('ui.history.title')}</summary>
      {entries.error ? <div className="alert alert--error">{errorText(entries.error)}</div> : null}
      <ol className="history__list">
        {entries.data?.map((e) => (
          <li key={e.seq}>
            <span className="history__when">{formatDateTime(e.at, lang)}</span>{' '}
            <span className="history__who">{e.actor}</span>
            {e.action === 'answer.undo' ? <span className="badge">{t('ui.history.undo')}</span> : null}
            {e.action === 'assessment.merge' ? (
              <span className="badge">
                {t('ui.history.merged', { by: (e.newValue as { mergedFrom?: string } | null)?.mergedFrom ?? '—' })}
              </span>
            ) : null}
            <ImportedFrom value={e.newValue} />
            <ul>
              {describe(e.oldValue as Fields | null, e.newValue as Fields | null, e.action).map((d, i) => (
                <li key={i}>{d}</li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
    </details>
  );
}

/** A change applied from an answer workbook names the file and its SHA-256 (answer-workbook.ts writes `source`). */
function ImportedFrom({ value }: { value: unknown }) {
  const { t } = useTranslation();
  const s = (value as { source?: { kind?: string; fileName?: string; sha256?: string } } | null)?.source;
  if (s?.kind !== 'answer-workbook') return null;
  return (
    <span className="badge" title={`SHA-256 ${s.sha256 ?? ''}`}>
      {t('answerWorkbook.ui.importedFrom', { file: s.fileName ?? '', sha: (s.sha256 ?? '').slice(0, 12) })}
    </span>
  );
}
