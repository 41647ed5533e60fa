import { useTranslation } from 'react-i18next';
import { ApiCallError } from '../api/client';

/** Turns any failure into one readable sentence in the UI language. */
export function useErrorText(): (e: unknown) => string {
  const { t } = useTranslation();
  return (e) => {
    if (e instanceof ApiCallError) return t(`errors.${e.error.key}`, e.error.params as Record<string, unknown>);
    return t('errors.internal', { detail: e instanceof Error ? e.message : String(e) });
  };
}
