/**
 * The languages Readout translates to and from: a short code (what the settings, the bridge and `readout --translate`
 * carry) and the English name Qwen-MT's translation_options takes as source_lang / target_lang (Alibaba Model Studio,
 * "Qwen-MT" page, supported languages table: the full English name, e.g. "Chinese", "English", "Japanese").
 */
export const TRANSLATE_LANGUAGES = {
  en: 'English',
  zh: 'Chinese',
  'zh-Hant': 'Traditional Chinese',
  ja: 'Japanese',
  ko: 'Korean',
  fr: 'French',
  de: 'German',
  es: 'Spanish',
  pt: 'Portuguese',
  it: 'Italian',
  ru: 'Russian',
  ar: 'Arabic',
  vi: 'Vietnamese',
  th: 'Thai',
  id: 'Indonesian',
  ms: 'Malay',
  nl: 'Dutch',
  tr: 'Turkish',
  pl: 'Polish',
  uk: 'Ukrainian',
  hi: 'Hindi',
} as const;

export type TranslateLanguage = keyof typeof TRANSLATE_LANGUAGES;
export const TRANSLATE_CODES = Object.keys(TRANSLATE_LANGUAGES) as [TranslateLanguage, ...TranslateLanguage[]];

/** Other names people type for a language (case and spaces aside): its native name and common aliases. */
const ALIASES: Readonly<Record<string, TranslateLanguage>> = {
  'zh-cn': 'zh',
  'zh-hans': 'zh',
  'simplified chinese': 'zh',
  '中文': 'zh',
  '简体中文': 'zh',
  'zh-tw': 'zh-Hant',
  'zh-hk': 'zh-Hant',
  '繁體中文': 'zh-Hant',
  '英语': 'en',
  '英文': 'en',
  '日语': 'ja',
  '日本語': 'ja',
  '韩语': 'ko',
  '한국어': 'ko',
  français: 'fr',
  deutsch: 'de',
  español: 'es',
};

/** A code or a language name (English, native, any case) to its code; null when not a language Readout knows. */
export function languageCode(input: string): TranslateLanguage | null {
  const wanted = input.trim();
  if (!wanted) return null;
  const lower = wanted.toLowerCase();
  for (const code of TRANSLATE_CODES) {
    if (code.toLowerCase() === lower || TRANSLATE_LANGUAGES[code].toLowerCase() === lower) return code;
  }
  return ALIASES[lower] ?? null;
}

/** The name Qwen-MT's translation_options takes for a code; 'auto' stays 'auto' (source_lang only). */
export function qwenMtName(code: string): string {
  if (code === 'auto') return 'auto';
  const known = languageCode(code);
  if (!known) throw new Error(`Unknown language ${code}`);
  return TRANSLATE_LANGUAGES[known];
}
