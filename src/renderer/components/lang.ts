import { useTranslation } from 'react-i18next';
import type { Language, PartialLocalized } from '../../shared/api/types';

export function useLang(): Language {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? 'en' : 'ja';
}

/** Catalog text in the UI language, falling back to the other language where a translation is missing. */
export function pick(text: PartialLocalized | null | undefined, lang: Language): string {
  if (!text) return '';
  return text[lang] ?? text[lang === 'ja' ? 'en' : 'ja'] ?? '';
}

export function formatDateTime(iso: string, lang: Language): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lang === 'ja' ? 'ja-JP' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}
