/** Readings as Umi-OCR's blocks (main/serve/umi-layout.ts): the line modes, the ends, the ignore areas. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Word } from '../../../main/ocr/words.ts';
import { dataText, inside, umiLayout } from '../../../main/serve/umi-layout.ts';
import { UMI_PARSERS } from '../../../main/serve/umi-options.ts';

/** A line of `text` at (x, y), 20 px high, 10 px a character. */
const line = (text: string, x: number, y: number): Word => ({ text, box: [[x, y], [x + text.length * 10, y], [x + text.length * 10, y + 20], [x, y + 20]], confidence: 0.9 });
const read = (words: Word[]) => ({ text: words.map((w) => w.text).join('\n'), words, confidence: 0.9, width: 1000, height: 1000 });

// A paragraph wrapped over three lines as wide as the block, then a short one after a gap.
const prose = [
  line('The quick brown fox jumps over the lazy dog and then keeps', 10, 10),
  line('running far across the wide green fields until the sun goes', 10, 35),
  line('down.', 10, 60),
  line('A new paragraph.', 10, 120),
];

describe('umiLayout', () => {
  it('multi_line: the lines as they are, each ending in a line break', () => {
    const { blocks, text } = umiLayout(read(prose), { parser: 'multi_line', ignoreArea: [] });
    expect(blocks.map((b) => b.text)).toEqual(prose.map((w) => w.text));
    expect(blocks.slice(0, -1).map((b) => b.end)).toEqual(['\n', '\n', '\n']);
    expect(dataText(blocks)).toBe(text);
  });

  it('multi_para: a wrapped paragraph’s lines end in a space, the paragraph in a line break', () => {
    const { blocks, text } = umiLayout(read(prose), { parser: 'multi_para', ignoreArea: [] });
    expect(text).toBe('The quick brown fox jumps over the lazy dog and then keeps running far across the wide green fields until the sun goes down.\nA new paragraph.');
    expect(blocks.map((b) => b.end)).toEqual([' ', ' ', '\n', '\n']);
    expect(dataText(blocks)).toBe(text);
  });

  it('single_code: indentation kept at the start of its line', () => {
    const code = [line('function f() {', 10, 10), line('return 1;', 50, 35), line('}', 10, 60)];
    const { blocks, text } = umiLayout(read(code), { parser: 'single_code', ignoreArea: [] });
    expect(text.split('\n')[1]).toMatch(/^ +return 1;$/);
    expect(blocks[1]!.text).toMatch(/^ +return 1;$/);
    expect(dataText(blocks)).toBe(text);
  });

  it('none: the engine’s order, every line ending in a line break (Umi’s ParserNone)', () => {
    const { blocks } = umiLayout(read([prose[3]!, prose[0]!]), { parser: 'none', ignoreArea: [] });
    expect(blocks.map((b) => [b.text, b.end])).toEqual([[prose[3]!.text, '\n'], [prose[0]!.text, '\n']]);
  });

  it('text without places (Qwen): a block a line, over the whole image', () => {
    const { blocks, text } = umiLayout({ text: 'one\ntwo', words: null, confidence: null, width: 300, height: 100 }, { parser: 'multi_line', ignoreArea: [[[0, 0], [300, 100]]] });
    expect(text).toBe('one\ntwo');
    expect(blocks).toEqual([
      { text: 'one', score: 1, box: [[0, 0], [300, 0], [300, 100], [0, 100]], end: '\n' },
      { text: 'two', score: 1, box: [[0, 0], [300, 0], [300, 100], [0, 100]], end: '\n' },
    ]);
  });

  it('an ignore area leaves out the lines wholly inside it, not those it only touches', () => {
    expect(inside(prose[3]!.box, [[0, 100], [500, 200]])).toBe(true);
    expect(inside(prose[3]!.box, [[0, 100], [100, 200]])).toBe(false);
    const { blocks } = umiLayout(read(prose), { parser: 'multi_line', ignoreArea: [[[0, 100], [500, 200]], [[0, 0], [5, 5]]] });
    expect(blocks.map((b) => b.text)).toEqual(prose.slice(0, 3).map((w) => w.text));
  });

  it('for any lines and any parser, the blocks hold every line once and join to the text (property)', () => {
    const word = fc.record({ text: fc.stringMatching(/^[A-Za-z][A-Za-z ]{0,20}[a-z.]$/), x: fc.integer({ min: 0, max: 600 }), row: fc.integer({ min: 0, max: 30 }) });
    fc.assert(
      fc.property(fc.uniqueArray(word, { maxLength: 12, selector: (w) => w.row }), fc.constantFrom(...UMI_PARSERS), (words, parser) => {
        const lines = words.map((w) => line(w.text, w.x, w.row * 30));
        const { blocks, text } = umiLayout(read(lines), { parser, ignoreArea: [] });
        expect(blocks.map((b) => b.text.trimStart()).sort()).toEqual(lines.filter((l) => l.text.trim() !== '').map((l) => l.text).sort());
        if (parser !== 'multi_para' && parser !== 'single_para') expect(dataText(blocks)).toBe(text);
      }),
      { numRuns: 200 },
    );
  });
});
