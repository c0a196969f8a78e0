import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import zhCN from './zh-CN.json';

export type Language = 'en' | 'zh-CN';

/** Simplified Chinese for any zh locale, English otherwise. */
export function languageFor(setting: string, locale: string): Language {
  const chosen = setting === 'system' ? locale : setting;
  return chosen.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export async function initI18n(language: Language): Promise<void> {
  await i18next.use(initReactI18next).init({
    resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
    lng: language,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
  });
  document.documentElement.lang = language;
}

export async function setLanguage(language: Language): Promise<void> {
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
}
