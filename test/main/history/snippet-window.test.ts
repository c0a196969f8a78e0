/** Search snippets start just before the first match, wherever it is in the text (review M5). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeSnippet } from '../../../main/history/snippet.ts';

const joined = (parts: ReturnType<typeof makeSnippet>) => parts.map((p) => p.text).join('');

describe('makeSnippet around the first match', () => {
  it('cuts around a match late in a long text, lines joined with a middle dot', () => {
    const text = `Minutes of the weekly meeting\n${'Attendance was taken and the agenda agreed. '.repeat(4)}\nMeet in room B503\nroadmap before Friday, then lunch`;
    const parts = makeSnippet(text, ['roadmap']);
    expect(parts[0]).toEqual({ text: '…', match: false });
    expect(joined(parts)).toMatch(/^…B503 · roadmap before Friday/);
    expect(parts.find((p) => p.match)?.text).toBe('roadmap');
  });

  it('keeps Chinese context before a match', () => {
    const text = `${'会议记录'.repeat(20)}\n下周一上午十点讨论项目进度。`;
    expect(joined(makeSnippet(text, ['讨论']))).toMatch(/^…[^…]+讨论项目进度。$/);
  });

  it('shows the first match within a short lead of its start, whatever the text', () => {
    const word = fc.stringMatching(/^[a-z]{3,8}$/);
    fc.assert(
      fc.property(fc.array(fc.oneof(word, fc.constant('\n'), fc.constant('数据')), { maxLength: 80 }), word, fc.array(word, { maxLength: 30 }), (before, term, after) => {
        const text = [...before, term, ...after].join(' ');
        const parts = makeSnippet(text, [term]);
        const body = parts.filter((p, i) => !(p.text === '…' && (i === 0 || i === parts.length - 1)));
        const lead = body.slice(0, body.findIndex((p) => p.match)).map((p) => p.text).join('');
        expect(body.some((p) => p.match)).toBe(true);
        expect(lead.length).toBeLessThanOrEqual(8 + 3);
      }),
    );
  });
});
