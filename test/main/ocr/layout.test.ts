/** The offline engine's text laid out as the image shows it: cells, code indentation, CJK sentences joined. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { layoutText } from '../../../main/ocr/layout.ts';
import { readingOrder } from '../../../main/ocr/reading-order.ts';

const line = (text: string, x: number, y: number, width: number, height = 14) => ({
  text,
  box: [[x, y], [x + width, y], [x + width, y + height], [x, y + height]],
});

/** A monospaced line: 8 px a character, 14 px tall, `indent` characters in from x = 10. */
const mono = (text: string, row: number, indent = 0) => line(text, 10 + indent * 8, 10 + row * 20, text.length * 8);

describe('layoutText', () => {
  it('sets a table in columns, tab-separated, an empty cell kept; a sentence in two boxes keeps its space', () => {
    const lines = [
      line('Item', 10, 10, 30), line('Qty', 120, 10, 24), line('Price', 200, 10, 36),
      line('Paper A4', 10, 34, 60), line('12', 124, 34, 14), line('¥36.00', 200, 34, 44),
      line('Total', 10, 58, 34), line('¥516.00', 196, 58, 50),
      // Further down, on its own: two boxes of one sentence, a word space apart; a form's label and value.
      line('Contact billing', 10, 160, 100), line('for invoices', 114, 160, 80),
      line('Name:', 10, 240, 40), line('Ada Lovelace', 90, 240, 90),
    ];
    expect(layoutText(lines)).toBe('Item\tQty\tPrice\nPaper A4\t12\t¥36.00\nTotal\t\t¥516.00\nContact billing for invoices\nName:\tAda Lovelace');
  });

  it('keeps code\'s indentation in spaces of its own character width', () => {
    const lines = [mono('function total(items) {', 0), mono('return items.reduce((sum, item) => sum + item.price, 0);', 1, 2), mono('if (empty) return 0;', 2, 4), line('}', 11, 70, 5)];
    expect(layoutText(lines)).toBe('function total(items) {\n  return items.reduce((sum, item) => sum + item.price, 0);\n    if (empty) return 0;\n}');
  });

  it('indents nothing in proportional text, however its lines are placed (a centred title)', () => {
    const lines = [line('Sync settings', 60, 10, 90), line('Last synced 3 minutes ago', 10, 30, 170), line('Storage used: 4.2 GB of 15 GB', 10, 50, 190)];
    expect(layoutText(lines)).toBe('Sync settings\nLast synced 3 minutes ago\nStorage used: 4.2 GB of 15 GB');
  });

  it('joins a Chinese sentence the image wrapped, and keeps the break after a sentence, before an indent and in Latin text', () => {
    const cjk = (text: string, row: number, x = 10) => line(text, x, 10 + row * 22, [...text].length * 16, 16);
    expect(layoutText([cjk('国家统计局今天发布数据显示十月份规模以上工业', 0), cjk('增加值同比增长百分之五点三。', 1)])).toBe('国家统计局今天发布数据显示十月份规模以上工业增加值同比增长百分之五点三。');
    expect(layoutText([cjk('国家统计局今天发布数据显示，工业增长五点三。', 0), cjk('专家表示消费市场继续恢复。', 1)])).toBe('国家统计局今天发布数据显示，工业增长五点三。\n专家表示消费市场继续恢复。');
    expect(layoutText([cjk('第一段很长很长很长很长很长很长很长很长很长', 0), cjk('第二段缩进开始', 1, 42)])).toBe('第一段很长很长很长很长很长很长很长很长很长\n第二段缩进开始');
    expect(layoutText([line('The quarterly report shows revenue up in every', 10, 10, 300), line('region of the world', 10, 30, 120)])).toBe('The quarterly report shows revenue up in every\nregion of the world');
  });

  it('sets vertical writing a column a line, right to left, none joined', () => {
    const column = (text: string, x: number) => line(text, x, 10, 28, [...text].length * 30);
    expect(layoutText([column('国家统计局发', 60), column('第一列开始了', 110), column('专家表示', 10)])).toBe('第一列开始了\n国家统计局发\n专家表示');
  });

  it('never loses, adds or reorders a character: only whitespace differs from the lines in reading order', () => {
    const text = fc.string({ unit: fc.constantFrom(...'ab{};=()Z 国家。，1'), minLength: 1, maxLength: 30 }).filter((t) => t.trim() !== '');
    const placed = fc.record({ text, x: fc.integer({ min: 0, max: 600 }), y: fc.integer({ min: 0, max: 400 }), w: fc.integer({ min: 4, max: 400 }), h: fc.integer({ min: 6, max: 30 }) });
    fc.assert(
      fc.property(fc.array(placed, { maxLength: 12 }), (specs) => {
        const lines = specs.map((s) => line(s.text, s.x, s.y, s.w, s.h));
        const bare = (s: string) => s.replace(/\s+/g, '');
        expect(bare(layoutText(lines))).toBe(bare(readingOrder(lines).flat().map((l) => l.text).join('')));
      }),
      { numRuns: 300 },
    );
  });
});
