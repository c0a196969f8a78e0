/** The main process's few words (tray, notifications, dialogs), from the same catalogues as the window's. */
import en from '../../renderer/src/i18n/en.json' with { type: 'json' };
import zhCN from '../../renderer/src/i18n/zh-CN.json' with { type: 'json' };

/** One language's words for the main process. */
export type MainStrings = typeof en.main;

/** Simplified Chinese for a zh setting or locale, English otherwise. */
export function mainStrings(language: string, locale: string): MainStrings {
  const chosen = language === 'system' ? locale : language;
  return chosen.toLowerCase().startsWith('zh') ? zhCN.main : en.main;
}

export const fill = (template: string, values: Record<string, string>): string =>
  template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => values[key] ?? '');
