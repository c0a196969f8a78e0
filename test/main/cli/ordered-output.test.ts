import { describe, expect, it } from 'vitest';
import { OrderedOutput } from '../../../main/cli/ordered-output.ts';

describe('OrderedOutput', () => {
  it('streams the first file live and holds later ones until it is done', () => {
    let out = '';
    const output = new OrderedOutput(3, (text) => (out += text));
    output.push(1, 'second');
    output.push(0, 'fir');
    expect(out).toBe('fir');
    output.push(2, 'third');
    output.finish(2);
    output.push(0, 'st');
    output.finish(0);
    expect(out).toBe('first\nsecond');
    output.finish(1);
    expect(out).toBe('first\nsecond\nthird');
  });

  it('puts no blank line for a file that printed nothing', () => {
    let out = '';
    const output = new OrderedOutput(3, (text) => (out += text));
    output.finish(0);
    output.push(1, 'b\n');
    output.finish(1);
    output.push(2, 'c\n');
    output.finish(2);
    expect(out).toBe('b\n\nc\n');
  });
});
