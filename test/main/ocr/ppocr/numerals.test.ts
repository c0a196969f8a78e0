import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixNumerals } from '../../../../main/ocr/ppocr/numerals.ts';

describe('numbers the recognizer misreads', () => {
  it('sets a price’s full-width yen and a version’s letter for a digit right', () => {
    expect(fixNumerals('价格 Price:￥1,280.00 含税')).toBe('价格 Price:¥1,280.00 含税');
    expect(fixNumerals('npm warn deprecated inflight@l.0.6: not supported')).toBe('npm warn deprecated inflight@1.0.6: not supported');
    expect(fixNumerals('version I.2.3 and O.5')).toBe('version 1.2.3 and 0.5');
  });

  it('leaves words, sentences and a lone sign alone', () => {
    for (const text of ['I.e. the file', 'Hello world.', 'all.5', 'Email: billing@example.org', '￥ 价格', 'total ￥', 'ID.3']) {
      expect(fixNumerals(text)).toBe(text);
    }
  });

  it('changes nothing in text without a digit', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom(...'lIO.,￥ @abc中文:'.split('')) }), (text) => {
      expect(fixNumerals(text)).toBe(text);
    }));
  });

  it('only ever turns ￥ into ¥ and l, I, O into 1, 0: the length and every other character stay', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom(...'lIO.,￥¥ @ab1209中:'.split('')) }), (text) => {
      const fixed = fixNumerals(text);
      expect([...fixed].length).toBe([...text].length);
      [...fixed].forEach((char, i) => {
        const was = [...text][i]!;
        if (char !== was) expect([`${was}>${char}`]).toSatisfy(([pair]: string[]) => ['￥>¥', 'l>1', 'I>1', 'O>0'].includes(pair!));
      });
    }));
  });
});
