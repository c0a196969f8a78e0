/**
 * The languages the offline engine reads: two built in (the PP-OCRv4 models the app ships), and packs a user installs
 * on demand, each made of Tesseract's trained data as npm publishes it (@tesseract.js-data/*, read by tesseract.js).
 * Every tarball is pinned here by its sha512 and size, so whatever serves it (the registry, a mirror, a file carried
 * over on a USB stick) is installed only when it is exactly the package we measured.
 *
 * Each tarball holds two variants of the data: 4.0.0 (what the package's index.js points at: legacy and LSTM models
 * together) and 4.0.0_best_int (tessdata_best's LSTM as integers). Read a line at a time on our own UI screens
 * (test/support/cjk-ui.ts; bench/languages.ts), best_int made a fifth or less of the errors in Japanese and
 * Traditional Chinese (character error 0.006 against 0.030, 0.010 against 0.146), and in Korean as many (0.047) but
 * without 4.0.0's spaces inside words (0.037 against 0.202 with spaces counted); it is also a fraction of
 * the size (jpn 2.0 MB against 16.2 MB). Only best_int is installed.
 */

/** Languages the built-in models read: nothing to install. */
export const BUILT_IN_LANGUAGES = [
  { code: 'en', name: 'English' },
  { code: 'zh-Hans', name: 'Simplified Chinese' },
] as const;

/** One npm tarball of trained data, and the one model file installed from it. */
export interface PackSource {
  /** The npm package. */
  name: string;
  version: string;
  /** Subresource Integrity of the whole tarball, as the registry publishes it (`npm view <name>@<version> dist.integrity`). */
  integrity: string;
  /** The tarball's size in bytes. */
  size: number;
  /** Tesseract's name for the data (the file is `<model>.traineddata.gz`). */
  model: string;
  /** The installed file's size in bytes. */
  installedSize: number;
  /** What the model reads: lines (horizontal) or upright columns (vertical, jpn_vert). */
  direction: 'horizontal' | 'vertical';
}

export interface LanguagePack {
  code: PackCode;
  /** The English name; the window names it in the user's language (renderer i18n, languages.<code>). */
  name: string;
  sources: readonly PackSource[];
}

/** The variant of the data that is installed (see above). */
export const VARIANT = '4.0.0_best_int';

/** The packs' codes: BCP 47 tags, as the settings and `--lang` take them. */
export const PACK_CODES = ['ja', 'ko', 'zh-Hant'] as const;
export type PackCode = (typeof PACK_CODES)[number];

export const LANGUAGE_PACKS: readonly LanguagePack[] = [
  {
    code: 'ja',
    name: 'Japanese',
    sources: [
      {
        name: '@tesseract.js-data/jpn',
        version: '1.0.0',
        integrity: 'sha512-nUq2xHUjiWE6FRqkvLIIbByLZ39B8qNaBSOnVP4XIKGPKtZ1e0hiRnK7WhPfl8A+Fe7aNE1u/QoXXUym3TbSCA==',
        size: 18_107_568,
        model: 'jpn',
        installedSize: 2_030_256,
        direction: 'horizontal',
      },
      {
        // Upright columns: jpn read them as nonsense (every character wrong) where jpn_vert read all but one.
        name: '@tesseract.js-data/jpn_vert',
        version: '1.0.0',
        integrity: 'sha512-xk3ZHTCFODXUH/QVVlOt9lAkis95muL+Fhqe4i6qWxySXuvUp3nDnG8TpzA63YI+RP//lXqbSCBizqvC2fJqoA==',
        size: 4_044_598,
        model: 'jpn_vert',
        installedSize: 2_022_755,
        direction: 'vertical',
      },
    ],
  },
  {
    code: 'ko',
    name: 'Korean',
    sources: [
      {
        name: '@tesseract.js-data/kor',
        version: '1.0.0',
        integrity: 'sha512-tepYhsYiRJ8E44R27MHxVteEDDLfYQxuvM6u4JlEHcCYqwpefvI5TGzoMgB67kunOvtyEJYtT5zfJ/6R6FVU9w==',
        size: 8_507_588,
        model: 'kor',
        installedSize: 1_572_336,
        direction: 'horizontal',
      },
    ],
  },
  {
    code: 'zh-Hant',
    name: 'Traditional Chinese',
    sources: [
      {
        name: '@tesseract.js-data/chi_tra',
        version: '1.0.0',
        integrity: 'sha512-uz0gqF7ncrJS4UTHGCkPntZXpoyo+mIg0Zs8QhF0TH3uzj2HkJpYmi8u1Pdwt2NW65UWJ51hzILWWy838da5dw==',
        size: 28_664_956,
        model: 'chi_tra',
        installedSize: 1_656_239,
        direction: 'horizontal',
      },
    ],
  },
];

/** The pack a code names, in any case (zh-hant, JA): language tags are case-insensitive (BCP 47). */
export function packFor(code: string): LanguagePack | undefined {
  return LANGUAGE_PACKS.find((pack) => pack.code.toLowerCase() === code.toLowerCase());
}

export const builtInLanguage = (code: string): (typeof BUILT_IN_LANGUAGES)[number] | undefined =>
  BUILT_IN_LANGUAGES.find((language) => language.code.toLowerCase() === code.toLowerCase());

/** The registry the packs come from by default. */
export const NPM_REGISTRY = 'https://registry.npmjs.org/';

/** Where a registry keeps a package's tarball (npm's layout: <registry>/@scope/name/-/name-<version>.tgz). */
export function tarballUrl(source: PackSource, registry: string = NPM_REGISTRY): URL {
  const base = source.name.slice(source.name.lastIndexOf('/') + 1);
  return new URL(`${source.name}/-/${base}-${source.version}.tgz`, registry.endsWith('/') ? registry : `${registry}/`);
}

/** The file a source installs, inside its tarball. */
export const tarballPath = (source: PackSource): string => `package/${VARIANT}/${source.model}.traineddata.gz`;

/** The file's name once installed. */
export const modelFile = (source: PackSource): string => `${source.model}.traineddata.gz`;

/** What `npm pack` names a source's tarball, for messages that tell a user which file to bring. */
export const tarballName = (source: PackSource): string => `${source.name.slice(1).replace('/', '-')}-${source.version}.tgz`;

export const downloadSize = (pack: LanguagePack): number => pack.sources.reduce((sum, source) => sum + source.size, 0);
export const installedSize = (pack: LanguagePack): number => pack.sources.reduce((sum, source) => sum + source.installedSize, 0);
