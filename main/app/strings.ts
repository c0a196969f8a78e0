/** The main process's few words (tray, notifications, dialogs), from the same catalogues as the window's. */
import en from '../../renderer/src/i18n/en.json' with { type: 'json' };
import zhCN from '../../renderer/src/i18n/zh-CN.json' with { type: 'json' };

/**
 * One language's words for the main process: its own (tray, menus, notifications, dialogs), and the window's
 * sentence for each error code, so a notification or dialog says a failure as the window would (review 2, M6).
 */
export type MainStrings = typeof en.main & { errorCode: Readonly<Record<string, string>> };

const EN: MainStrings = { ...en.main, errorCode: en.errorCode };
const ZH: MainStrings = { ...zhCN.main, errorCode: zhCN.errorCode };

/** Simplified Chinese for a zh setting or locale, English otherwise. */
export function mainStrings(language: string, locale: string): MainStrings {
  const chosen = language === 'system' ? locale : language;
  return chosen.toLowerCase().startsWith('zh') ? ZH : EN;
}

export const fill = (template: string, values: Record<string, string>): string =>
  template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => values[key] ?? '');

/** An error in the reader's language, by its code; the main process's own words only for a code with none. */
export function sayError(words: MainStrings, error: { code: string; message: string }): string {
  return words.errorCode[error.code] ?? error.message;
}
