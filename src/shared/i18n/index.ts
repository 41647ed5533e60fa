import i18next, { type i18n } from 'i18next';
import en from './locales/en.json';
import ja from './locales/ja.json';

export const resources = { ja: { translation: ja }, en: { translation: en } } as const;
export type UiLanguage = keyof typeof resources;

/** A separate i18next instance per caller (CLI, Electron menus, renderer), all from the same resources. */
export function createI18n(language: UiLanguage): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    resources,
    lng: language,
    fallbackLng: 'ja',
    interpolation: { escapeValue: false },
    initAsync: false,
    showSupportNotice: false,
  } as never);
  return instance;
}

export function isUiLanguage(x: unknown): x is UiLanguage {
  return x === 'ja' || x === 'en';
}
