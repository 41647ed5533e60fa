import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnswerValue } from '../../../core/catalog/format';
import type { SuggestionView } from '../../../shared/api/types';
import { useApi } from '../../api/context';
import { useErrorText } from '../../components/error-text';
import { formatDateTime, pick, useLang } from '../../components/lang';

/**
 * Answers from mapped controls answered elsewhere in the organization (another assessment, or another catalog of
 * this one): shown with their source and relation, applied only on request; an ignored one is recorded and stays away.
 */
export function SuggestionPanel({
  assessmentId,
  suggestions,
  scale,
  locked,
  answered,
  onAccept,
}: {
  assessmentId: string;
  suggestions: SuggestionView[];
  scale: AnswerValue[];
  locked: boolean;
  answered: boolean;
  onAccept: (s: SuggestionView) => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const lang = useLang();
  const errorText = useErrorText();
  const [ignored, setIgnored] = useState<ReadonlySet<string>>(new Set());
  const [error, setError] = useState<unknown>(null);
  const key = (s: SuggestionView) => `${s.source.assessmentId}/${s.source.controlKey}`;
  const ignore = async (s: SuggestionView) => {
    try {
      await api.call('suggestions.dismiss', {
        assessmentId,
        controlKey: s.controlKey,
        sourceAssessmentId: s.source.assessmentId,
        sourceControlKey: s.source.controlKey,
      });
      setIgnored(new Set([...ignored, key(s)]));
    } catch (e) {
      setError(e);
    }
  };
  const shown = suggestions.filter((s) => !ignored.has(key(s)));
  if (!shown.length) return null;
  return (
    <section className="suggestions" aria-label={t('ui.suggestions.title')}>
      <h3>{t('ui.suggestions.title')}</h3>
      {error ? (
        <div className="alert alert--error" role="alert">
          {errorText(error)}
        </div>
      ) : null}
      <ul>
        {shown.map((s) => {
          const proposed = scale.find((x) => x.value === s.proposedValue);
          return (
            <li key={key(s)} className="suggestion">
              <div>
                {t('ui.suggestions.from', {
                  assessment: s.source.assessmentName,
                  control: `${s.source.catalogId} ${s.source.controlId}`,
                  title: pick(s.source.title, lang),
                  value: pick(s.source.valueLabel, lang),
                  when: formatDateTime(s.source.answeredAt, lang),
                })}
              </div>
              <div className="suggestion__basis muted">
                <div>
                  <strong>{t('ui.suggestions.relationLabel')}</strong>: {t(`ui.suggestions.relation.${s.relation}`)}
                  {s.relation === 'subset' || s.relation === 'intersect' ? ` (${t('ui.suggestions.partialOnly')})` : ''}
                </div>
                <div>
                  <strong>{t('ui.suggestions.rationaleLabel')}</strong>: {pick(s.rationale, lang)}
                </div>
                <div>
                  <strong>{t('ui.suggestions.provenanceLabel')}</strong>:{' '}
                  {t(`ui.suggestions.provenance.${s.provenance}`)} ({s.mappingId})
                </div>
              </div>
              <div className="suggestion__actions">
                {proposed && !locked ? (
                  <button type="button" className="button button--small" onClick={() => onAccept(s)}>
                    {t(answered ? 'ui.suggestions.replace' : 'ui.suggestions.accept', {
                      value: pick(proposed.label, lang),
                    })}
                  </button>
                ) : (
                  <span className="muted">{t('ui.suggestions.noProposal')}</span>
                )}
                <button
                  type="button"
                  className="button button--small button--quiet"
                  disabled={locked}
                  onClick={() => void ignore(s)}
                >
                  {t('ui.suggestions.ignore')}
                </button>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
