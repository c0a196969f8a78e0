/** Line modes (issue 22): lines as on screen, paragraphs, one line and kept layout, from text and from places. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LINE_MODES, shapePlainText, shapeText } from '../../../main/text/line-modes.ts';
import { joinWrapped } from '../../../main/text/wrap.ts';
import { layoutText } from '../../../main/ocr/layout.ts';

const line = (text: string, x: number, y: number, width: number, height = 14) => ({ text, box: [[x, y], [x + width, y], [x + width, y + height], [x, y + height]], confidence: null });
/** Lines as the offline engine gives them, and its text. */
const placed = (lines: ReturnType<typeof line>[]) => ({ text: layoutText(lines), editedText: null, words: lines });

const prose = 'The quarterly report shows revenue up in every\nregion of the world, led by strong demand for\nits newest products.\n\nSummary\nSales grew in all markets.';

describe('joinWrapped', () => {
  it('joins Latin with a space, CJK without, and makes a hyphenated word whole unless the text hyphenates it elsewhere', () => {
    expect(joinWrapped('revenue up in every', 'region')).toBe('revenue up in every region');
    expect(joinWrapped('国家统计局今天发布', '数据显示')).toBe('国家统计局今天发布数据显示');
    expect(joinWrapped('日本語の文章は', 'スペースなし')).toBe('日本語の文章はスペースなし');
    expect(joinWrapped('the infor-', 'mation desk')).toBe('the information desk');
    expect(joinWrapped('a self-', 'aware system', 'we are self-aware')).toBe('a self-aware system');
    expect(joinWrapped('Version 2-', 'Beta')).toBe('Version 2- Beta');
  });
});

describe('modes on text alone', () => {
  it('Lines keeps the text; Paragraphs joins wrapped lines and keeps headings and blank lines; One line and Keep layout', () => {
    expect(shapePlainText(prose, 'lines')).toBe(prose);
    expect(shapePlainText(prose, 'paragraphs')).toBe('The quarterly report shows revenue up in every region of the world, led by strong demand for its newest products.\n\nSummary\nSales grew in all markets.');
    expect(shapePlainText(prose, 'one-line')).toBe('The quarterly report shows revenue up in every region of the world, led by strong demand for its newest products. Summary Sales grew in all markets.');
    expect(shapePlainText('Item\tQty\nLaptop stand\t2\n笔记本\t12', 'layout')).toBe('Item          Qty\nLaptop stand  2\n笔记本        12');
  });

  it('joins a Chinese paragraph without spaces and keeps its heading apart, also on one line (L12)', () => {
    const news = '稳中有升\n国家统计局今天发布数据显示十月份规模以上工业\n增加值同比增长百分之五点三。';
    expect(shapePlainText(news, 'paragraphs')).toBe('稳中有升\n国家统计局今天发布数据显示十月份规模以上工业增加值同比增长百分之五点三。');
    expect(shapePlainText(news, 'one-line')).toBe('稳中有升 国家统计局今天发布数据显示十月份规模以上工业增加值同比增长百分之五点三。');
  });

  it('never joins a menu, a list or a table (M12)', () => {
    for (const text of ['通用设置\n账号与安全\n消息通知\n隐私', '- first item of the list here\n- second item of the list', '| a | b |\n| --- | --- |\n| 1 | 2 |']) {
      expect(shapePlainText(text, 'paragraphs')).toBe(text);
    }
  });

  const texts = fc.string({ unit: fc.constantFrom('a', 'Z', '1', '-', '国', '。', '.', ' ', '\n', '\n', '\t', '#'), maxLength: 80 });

  it('One line never holds a break or a tab, and loses no character but a wrap’s hyphen', () => {
    fc.assert(
      fc.property(texts, (text) => {
        const one = shapePlainText(text, 'one-line');
        expect(one).not.toMatch(/[\n\r\t]/);
        expect(one.replace(/[\s-]/g, '')).toBe(text.replace(/[\s-]/g, ''));
      }),
    );
  });

  it('Lines keeps the line count; Paragraphs never joins across a blank line and never adds a line', () => {
    fc.assert(
      fc.property(texts, (text) => {
        expect(shapePlainText(text, 'lines').split('\n').length).toBe(text.split('\n').length);
        const paragraphs = shapePlainText(text, 'paragraphs');
        expect(paragraphs.split('\n').length).toBeLessThanOrEqual(text.split('\n').length);
        // Each blank-line-separated part is shaped on its own: as many blank lines, in the same places.
        const blanks = (t: string) => t.split('\n').filter((l) => l.trim() === '').length;
        expect(blanks(paragraphs)).toBe(blanks(text));
        expect(shapePlainText(text, 'layout').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
      }),
    );
  });
});

describe('modes from places', () => {
  const cjk = (text: string, row: number, x = 10) => line(text, x, 10 + row * 22, [...text].length * 16, 16);

  it('Lines keeps a wrapped Chinese sentence as on screen; Paragraphs joins it, and joins wrapped English with a space', () => {
    const lines = [cjk('国家统计局今天发布数据显示十月份规模以上工业', 0), cjk('增加值同比增长百分之五点三。', 1)];
    expect(shapeText(placed(lines), 'lines')).toBe('国家统计局今天发布数据显示十月份规模以上工业\n增加值同比增长百分之五点三。');
    expect(shapeText(placed(lines), 'paragraphs')).toBe('国家统计局今天发布数据显示十月份规模以上工业增加值同比增长百分之五点三。');
    const english = [line('The quarterly report shows revenue up in every', 10, 10, 300), line('region of the world.', 10, 30, 130), line('Next paragraph starts here and runs on', 10, 50, 260)];
    expect(shapeText(placed(english), 'paragraphs')).toBe('The quarterly report shows revenue up in every region of the world.\nNext paragraph starts here and runs on');
    expect(shapeText(placed(english), 'one-line')).toBe('The quarterly report shows revenue up in every region of the world. Next paragraph starts here and runs on');
  });

  it('Keep layout sets cells at their columns with spaces', () => {
    const lines = [line('Item', 10, 10, 32), line('Qty', 130, 10, 24), line('Paper A4', 10, 34, 64), line('12', 134, 34, 16)];
    expect(shapeText(placed(lines), 'layout')).toBe('Item           Qty\nPaper A4        12');
  });

  it('an edit is shaped as text, and places that are not the text’s are not used', () => {
    const lines = [cjk('国家统计局今天发布数据显示十月份规模以上工业', 0), cjk('增加值同比增长百分之五点三。', 1)];
    expect(shapeText({ ...placed(lines), editedText: 'one\ntwo' }, 'one-line')).toBe('one two');
    expect(shapeText({ text: 'other text', editedText: null, words: lines }, 'lines')).toBe('other text');
  });

  it('every mode keeps every character of the engine’s lines (whitespace and a wrap’s hyphen aside)', () => {
    const text = fc.string({ unit: fc.constantFrom(...'ab{};=Z 国家。，1-'), minLength: 1, maxLength: 30 }).filter((t) => t.trim() !== '');
    const spec = fc.record({ text, x: fc.integer({ min: 0, max: 600 }), y: fc.integer({ min: 0, max: 400 }), w: fc.integer({ min: 4, max: 400 }), h: fc.integer({ min: 6, max: 30 }) });
    fc.assert(
      fc.property(fc.array(spec, { minLength: 1, maxLength: 10 }), fc.constantFrom(...LINE_MODES), (specs, mode) => {
        const source = placed(specs.map((s) => line(s.text, s.x, s.y, s.w, s.h)));
        const bare = (t: string) => t.replace(/[\s-]/g, '');
        const shaped = shapeText(source, mode);
        expect([...bare(shaped)].sort().join('')).toBe([...bare(source.text)].sort().join(''));
        if (mode === 'one-line') expect(shaped).not.toContain('\n');
      }),
      { numRuns: 200 },
    );
  });
});
