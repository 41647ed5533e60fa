import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { resources, type UiLanguage } from '../../shared/i18n';

export function initI18n(language: UiLanguage) {
  void i18next.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'ja',
    interpolation: { escapeValue: false },
    initAsync: false,
    showSupportNotice: false,
  } as never);
  document.documentElement.lang = language;
  return i18next;
}

export function setLanguage(language: UiLanguage): void {
  void i18next.changeLanguage(language);
  document.documentElement.lang = language;
}
