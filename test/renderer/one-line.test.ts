/** A result as one line: breaks and tabs as spaces, none between CJK characters. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { oneLine } from '../../renderer/src/one-line.ts';

describe('oneLine', () => {
  it('joins English with spaces, Chinese without, a table row by row', () => {
    expect(oneLine('Last synced\n  3 minutes ago\n')).toBe('Last synced 3 minutes ago');
    expect(oneLine('国家统计局今天发布数据\n显示工业增长。\nGDP up')).toBe('国家统计局今天发布数据显示工业增长。 GDP up');
    expect(oneLine('Item\tQty\nPaper\t12')).toBe('Item Qty Paper 12');
    expect(oneLine('a\r\n\r\nb')).toBe('a b');
  });

  it('keeps every other character, in order, and leaves no break or tab', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'Z', '1', '国', '。', ' ', '\n', '\t', '\r'), maxLength: 60 }), (text) => {
        const joined = oneLine(text);
        expect(joined).not.toMatch(/[\n\r\t]/);
        expect(joined.replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
      }),
    );
  });
});
