/** The pure pieces: streaming either style to one text, lines out and back, language names. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { joinLines, splitLines } from '../../../main/translate/lines.ts';
import { languageCode, qwenMtName } from '../../../main/translate/languages.ts';
import { isQwenMt, streamsIncrementally, translationCost } from '../../../main/translate/models.ts';
import { nextText } from '../../../main/translate/stream.ts';

/** Cuts `text` at the given points into pieces (some possibly empty). */
function cut(text: string, points: number[]): string[] {
  const chars = Array.from(text);
  const at = [...new Set(points.map((p) => p % (chars.length + 1)))].sort((a, b) => a - b);
  const pieces: string[] = [];
  let from = 0;
  for (const point of [...at, chars.length]) {
    pieces.push(chars.slice(from, point).join(''));
    from = point;
  }
  return pieces;
}

describe('nextText', () => {
  it('incremental chunks, however cut, add up to the answer', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.array(fc.nat(), { maxLength: 20 }), (answer, points) => {
        const final = cut(answer, points).reduce((soFar, chunk) => nextText(soFar, chunk, 'incremental'), '');
        expect(final).toBe(answer);
      }),
    );
  });
  it('whole-text chunks, however cut, end as the answer and never hold text twice', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.array(fc.nat(), { maxLength: 20 }), (answer, points) => {
        const pieces = cut(answer, points);
        let soFar = '';
        let grown = '';
        for (const piece of pieces) {
          grown += piece;
          soFar = nextText(soFar, grown, 'whole');
          expect(answer.startsWith(soFar)).toBe(true);
        }
        expect(soFar).toBe(answer);
      }),
    );
  });
});

describe('lines', () => {
  it('join then split gives each line back, for any lines without breaks', () => {
    fc.assert(
      fc.property(fc.array(fc.string().map((s) => s.replace(/[\r\n]/g, ' ').trim()), { minLength: 1, maxLength: 30 }), (lines) => {
        expect(splitLines(joinLines(lines), lines.length)).toEqual(lines);
      }),
    );
  });
  it('a line count that does not match gives null', () => {
    expect(splitLines('one\ntwo', 3)).toBeNull();
    expect(splitLines('one\ntwo\nthree', 2)).toBeNull();
    expect(splitLines('one\ntwo\n', 2)).toEqual(['one', 'two']);
  });
  it('a line that held a break goes out as one line', () => {
    expect(joinLines(['a\nb', 'c'])).toBe('a b\nc');
  });
});

describe('languages and models', () => {
  it('takes codes and names, in any case', () => {
    expect(languageCode('ja')).toBe('ja');
    expect(languageCode('Japanese')).toBe('ja');
    expect(languageCode('  english ')).toBe('en');
    expect(languageCode('中文')).toBe('zh');
    expect(languageCode('zh-CN')).toBe('zh');
    expect(languageCode('klingon')).toBeNull();
    expect(qwenMtName('zh')).toBe('Chinese');
    expect(qwenMtName('auto')).toBe('auto');
  });
  it('chooses the protocol and the streaming style by the name', () => {
    expect(isQwenMt('qwen-mt-flash')).toBe(true);
    expect(isQwenMt('qwen-plus')).toBe(false);
    expect(streamsIncrementally('qwen-mt-flash')).toBe(true);
    expect(streamsIncrementally('qwen-mt-turbo')).toBe(false);
  });
  it('prices by region; unknown servers and models have no price', () => {
    expect(translationCost('qwen-mt-plus', 'intl', { inputTokens: 1_000_000, outputTokens: 1_000_000 })).toBeCloseTo(2.46 + 7.37);
    expect(translationCost('qwen-mt-flash', null, { inputTokens: 10, outputTokens: 10 })).toBeNull();
    expect(translationCost('my-model', 'cn', { inputTokens: 10, outputTokens: 10 })).toBeNull();
  });
});
