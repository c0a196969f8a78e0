/**
 * The languages the window offers to translate into (issue 24), by the codes the bridge takes (main/translate/
 * languages.ts knows more, for `readout --translate`), each named in the reader's own language by the browser's
 * Intl.DisplayNames: no catalogue of language names to keep.
 */

/** The Translate menu's languages, the ones most asked for first: Chinese to and from English, Japanese and Korean. */
export const MENU_LANGUAGES = ['en', 'zh', 'zh-Hant', 'ja', 'ko', 'fr', 'de', 'es'] as const;

/** Every language Settings offers as the target. */
export const TARGET_LANGUAGES = [...MENU_LANGUAGES, 'pt', 'it', 'ru', 'ar', 'vi', 'th', 'id', 'ms', 'nl', 'tr', 'pl', 'uk', 'hi'] as const;

/** A language's name in the reader's language ('en' in Chinese: 英语); the code itself where the browser has none. */
export function languageName(code: string, readerLanguage: string): string {
  try {
    return new Intl.DisplayNames([readerLanguage], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}
