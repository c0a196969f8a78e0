import { describe, expect, it } from 'vitest';
import { makeSnippet } from '../../../main/history/snippet.ts';

describe('makeSnippet', () => {
  it('starts a few characters before the match, so a one-line row shows it (review L1)', () => {
    const text = `${'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(6)}the draft roadmap for the next quarter ${'and more text '.repeat(10)}`;
    const parts = makeSnippet(text, ['roadmap']);
    expect(parts[0]).toEqual({ text: '…', match: false });
    const before = parts.slice(1, parts.findIndex((p) => p.match)).map((p) => p.text).join('');
    expect(before.length).toBeLessThanOrEqual(12);
    expect(parts.find((p) => p.match)?.text).toBe('roadmap');
  });

  it('starts at the beginning for a match near it', () => {
    expect(makeSnippet('find me here', ['me'])[0]).toEqual({ text: 'find ', match: false });
  });
});
