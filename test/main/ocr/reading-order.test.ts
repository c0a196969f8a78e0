import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readingOrder, type Placed } from '../../../main/ocr/reading-order.ts';

const line = (text: string, x: number, y: number, width = 200, height = 20): Placed => ({ text, box: [[x, y], [x + width, y], [x + width, y + height], [x, y + height]] });
const read = (lines: Placed[]): string => readingOrder(lines).map((row) => row.map((l) => l.text).join(' ')).join('\n');

describe('readingOrder', () => {
  it('reads a table row by row', () => {
    const table = ['Item', 'Qty', 'Price', 'Paper', '12', '36.00', 'Toner', '2', '480.00'].map((text, i) => line(text, 10 + (i % 3) * 90, 10 + Math.floor(i / 3) * 30, 60));
    expect(read(table)).toBe('Item Qty Price\nPaper 12 36.00\nToner 2 480.00');
  });

  it('reads vertical writing a column at a time, right to left, under a title set across', () => {
    const column = (text: string, x: number) => line(text, x, 60, 28, [...text].length * 30);
    const page = [line('标题横排', 10, 10, 120, 28), column('第一列开始了', 170), column('国家统计局发', 100), column('专家表示增长', 30)].map((l, i) => (i === 0 ? l : { ...l, box: l.box.map(([x, y]) => [x!, y! + 40]) }));
    expect(read(page)).toBe('标题横排\n第一列开始了\n国家统计局发\n专家表示增长');
    // Standing English (a label on a spine) is not vertical writing: read left to right as before.
    expect(read([line('SPINE', 100, 10, 20, 120), line('LABEL', 10, 10, 20, 120)])).toBe('LABEL SPINE');
  });

  it('reads a form across when labels and values share rows', () => {
    expect(read([line('Name:', 10, 10, 60), line('Ada', 130, 10, 60), line('Email:', 10, 40, 60), line('ada@example.org', 130, 40, 150)])).toBe('Name: Ada\nEmail: ada@example.org');
  });

  it('reads windows side by side one after the other, not interleaved', () => {
    const left = [line('left one', 10, 10), line('left two', 10, 40), line('left three', 10, 70)];
    const right = [line('right one', 400, 25), line('right two', 400, 62)];
    expect(read([...right, ...left])).toBe('left one\nleft two\nleft three\nright one\nright two');
  });

  it('parts panes set far apart even where their lines share rows', () => {
    const lines = [line('tree a', 10, 10, 100), line('code a', 400, 10), line('tree b', 10, 40, 100), line('code b', 400, 40)];
    expect(read(lines)).toBe('tree a\ntree b\ncode a\ncode b');
  });

  it('reads stacked windows top first, each column by column', () => {
    const top = [line('top left', 10, 10), line('top right', 600, 30)];
    const bottom = [line('bottom', 10, 400)];
    expect(read([...bottom, ...top])).toBe('top left\ntop right\nbottom');
  });

  it('keeps every line once, whatever order the detector gave them in', () => {
    const box = fc.record({ x: fc.integer({ min: 0, max: 3000 }), y: fc.integer({ min: 0, max: 2000 }), w: fc.integer({ min: 5, max: 800 }), h: fc.integer({ min: 5, max: 60 }) });
    fc.assert(
      fc.property(fc.array(box, { maxLength: 40 }), fc.integer(), (boxes, seed) => {
        const lines = boxes.map((b, i) => line(`l${i}`, b.x, b.y, b.w, b.h));
        const ordered = readingOrder(lines).flat().map((l) => l.text);
        expect([...ordered].sort()).toEqual(lines.map((l) => l.text).sort());
        const shuffled = [...lines].sort((a, b) => ((a.text.length * 31 + seed) % 7) - ((b.text.length * 31 + seed) % 7) || a.text.localeCompare(b.text));
        expect(readingOrder(shuffled).flat().map((l) => l.text)).toEqual(ordered);
      }),
    );
  });
});
