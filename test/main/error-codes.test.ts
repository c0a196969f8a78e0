/**
 * Every error the main process can give reaches the window in the reader's language (review 2, M6): each code has
 * words in both catalogues, and no code is thrown that the list (and so the catalogues) lacks.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '../../renderer/src/i18n/en.json' with { type: 'json' };
import zhCN from '../../renderer/src/i18n/zh-CN.json' with { type: 'json' };
import { ERROR_CODES } from '../../main/errors.ts';
import { repoRoot } from '../support/paths.ts';

const catalogues = { en: en.errorCode as Record<string, string>, 'zh-CN': zhCN.errorCode as Record<string, string> };

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((item) =>
    item.isDirectory() ? sources(join(dir, item.name)) : item.name.endsWith('.ts') ? [join(dir, item.name)] : [],
  );
}

/**
 * The codes main/ names where it makes an error: `new SomethingError('code'`, a failure's `code: 'code'`, and the
 * codes an error class maps its own reasons to. The type of ReadoutError's constructor already refuses an unlisted
 * code; this reads the source too, so a code made some other way (a cast, a plain object) is caught as well.
 */
function thrownCodes(): Map<string, string> {
  const found = new Map<string, string>();
  const patterns = [
    /new \w*Error\(\s*'([a-z][a-z-]+)'/g,
    /\bcode: '([a-z][a-z-]+)'/g,
    /\? '([a-z]+-[a-z-]+)' : '([a-z]+-[a-z-]+)'/g,
    // OCR's classifier makes its errors through a helper.
    /\bmake\('([a-z][a-z-]+)'/g,
  ];
  for (const file of sources(join(repoRoot, 'main'))) {
    // The command's usage errors, the local API's protocol codes (answered to scripts over HTTP: main/serve/v1.ts) and
    // the language catalogue's codes (ja, ko) are not errors the window shows.
    if (file.includes(`${join('main', 'cli')}`) || file.includes(`${join('main', 'serve')}`) || file.includes(`${join('main', 'languages', 'catalog.ts')}`)) continue;
    const text = readFileSync(file, 'utf8');
    // A family's codes, as its type lists them (OcrErrorCode, ImageErrorCode).
    for (const union of text.matchAll(/type \w*ErrorCode =([^;]+);/g)) {
      for (const member of union[1]!.matchAll(/'([a-z][a-z-]+)'/g)) found.set(member[1]!, relative(repoRoot, file));
    }
    for (const pattern of patterns) {
      for (const match of text.matchAll(pattern)) {
        for (const code of match.slice(1)) if (code && !['script-not-read', 'text-not-all-read', 'missing', 'refused', 'directory'].includes(code)) found.set(code, relative(repoRoot, file));
      }
    }
  }
  return found;
}

describe('error codes', () => {
  it('both catalogues say every code the main process can give, each in its own words', () => {
    for (const [language, words] of Object.entries(catalogues)) {
      const missing = ERROR_CODES.filter((code) => typeof words[code] !== 'string' || words[code]!.trim() === '');
      expect(missing, `${language} lacks errorCode words for`).toEqual([]);
    }
    const untranslated = ERROR_CODES.filter((code) => catalogues.en[code] === catalogues['zh-CN'][code]);
    expect(untranslated).toEqual([]);
    // A catalogue entry for a code nothing gives is a word left behind.
    expect(Object.keys(catalogues.en).filter((code) => !(ERROR_CODES as readonly string[]).includes(code))).toEqual([]);
  });

  it('every code main/ makes an error with is on the list', () => {
    const found = thrownCodes();
    // The walk finds the codes the review names (and so the pattern keeps up with the source).
    for (const code of ['pdf-password', 'pdf-corrupt', 'key-invalid', 'no-key', 'file-too-large', 'export-empty', 'capture-empty', 'capture-region-gone', 'url-refused', 'codes-failed', 'auth', 'hotkey-taken']) {
      expect(found.has(code), code).toBe(true);
    }
    const unlisted = [...found].filter(([code]) => !(ERROR_CODES as readonly string[]).includes(code));
    expect(unlisted).toEqual([]);
  });

  it('the window’s words never send the reader to the command line', () => {
    for (const catalogue of [en, zhCN]) {
      const text = JSON.stringify(catalogue);
      expect(text).not.toMatch(/DASHSCOPE_API_KEY|--password|--api\b|--max-pixels/);
    }
  });
});
