/** The main process speaks the user's language (review 2, M6): its own words and every error's, in both catalogues. */
import { describe, expect, it } from 'vitest';
import en from '../../../renderer/src/i18n/en.json' with { type: 'json' };
import zhCN from '../../../renderer/src/i18n/zh-CN.json' with { type: 'json' };
import { mainStrings, sayError } from '../../../main/app/strings.ts';
import { ERROR_CODES } from '../../../main/errors.ts';

/** Every leaf's path in a nested catalogue section. */
const leaves = (value: unknown, path = ''): string[] =>
  value && typeof value === 'object' ? Object.entries(value).flatMap(([key, inner]) => leaves(inner, path ? `${path}.${key}` : key)) : [path];

describe('main-process words', () => {
  it('Chinese for a zh setting, or the system in Chinese; English otherwise', () => {
    expect(mainStrings('zh-CN', 'en-US').tray.capture).toBe(zhCN.main.tray.capture);
    expect(mainStrings('system', 'zh-TW').tray.capture).toBe(zhCN.main.tray.capture);
    expect(mainStrings('en', 'zh-CN').tray.capture).toBe(en.main.tray.capture);
    expect(mainStrings('system', 'fr-FR').tray.capture).toBe(en.main.tray.capture);
  });

  it('both catalogues have every main-process word, each translated', () => {
    expect(leaves(zhCN.main).sort()).toEqual(leaves(en.main).sort());
    const get = (catalogue: unknown, path: string) => path.split('.').reduce((at, key) => (at as Record<string, unknown>)[key], catalogue);
    expect(leaves(en.main).filter((path) => get(en.main, path) === get(zhCN.main, path) && !/^(Readout|OK)$/.test(String(get(en.main, path))))).toEqual([]);
  });

  it('an error is said by its code in the user’s language, and by its own words only for a code without one', () => {
    for (const code of ERROR_CODES) expect(sayError(mainStrings('zh-CN', ''), { code, message: 'English words' })).toBe(zhCN.errorCode[code]);
    expect(sayError(mainStrings('en', ''), { code: 'capture-empty', message: 'The selected area is outside the screen.' })).toBe(en.errorCode['capture-empty']);
    expect(sayError(mainStrings('en', ''), { code: 'something-new', message: 'As main said it.' })).toBe('As main said it.');
  });
});
