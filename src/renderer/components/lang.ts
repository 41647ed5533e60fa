import { useTranslation } from 'react-i18next';
import { canonicalTimeZone, zonedTime, zoneSuffix } from '../../core/util/zoned-time';
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

/**
 * The zone times are shown in: the user's setting (Settings → time zone, the OS's by default), set by the app when
 * the settings load or change. Until then the browser's own zone.
 */
let displayTimeZone: string | null = null;
export function setDisplayTimeZone(zone: string | null): void {
  displayTimeZone = zone && canonicalTimeZone(zone) ? zone : null;
}
export const currentTimeZone = (): string =>
  displayTimeZone ?? (Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC');

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** A stored UTC time where the user is, with its zone: 「2026/12/03 20:05 JST (+09:00)」, "3 Dec 2026, 20:05 JST (+09:00)". */
export function formatDateTime(iso: string, lang: Language, timeZone: string = currentTimeZone()): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const z = zonedTime(iso, timeZone);
  if (!z) return iso;
  const key = `${lang}|${timeZone}`;
  let f = dateFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(lang === 'ja' ? 'ja-JP' : 'en-GB', { dateStyle: 'medium', timeZone });
    dateFormats.set(key, f);
  }
  return `${f.format(d)}${lang === 'ja' ? ' ' : ', '}${z.time} ${zoneSuffix(z)}`;
}
