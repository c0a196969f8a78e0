/** The splitter: every line in exactly one file, in order, no file past the limits; the result parser never throws. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseResultFile, parseResultLine } from '../../../main/batch/output.ts';
import { requestLine } from '../../../main/batch/request-lines.ts';
import { lineBytes, splitLines } from '../../../main/batch/split.ts';

describe('splitLines', () => {
  it('puts every line that fits in exactly one file, in order, within the limits', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'grapheme', maxLength: 40 }), { maxLength: 200 }),
        fc.record({ lines: fc.integer({ min: 1, max: 20 }), fileBytes: fc.integer({ min: 1, max: 400 }), lineBytes: fc.integer({ min: 1, max: 200 }) }),
        (lines, limits) => {
          const { files, tooLong } = splitLines(lines, limits);
          const placed = files.flat();
          // Order kept, and each line once: the placed and too-long indices together are 0..n-1.
          expect(placed).toEqual([...placed].sort((a, b) => a - b));
          expect([...placed, ...tooLong].sort((a, b) => a - b)).toEqual(lines.map((_, i) => i));
          for (const file of files) {
            expect(file.length).toBeGreaterThan(0);
            expect(file.length).toBeLessThanOrEqual(limits.lines);
            expect(file.reduce((sum, i) => sum + lineBytes(lines[i]!), 0)).toBeLessThanOrEqual(limits.fileBytes);
          }
          for (const i of tooLong) expect(lineBytes(lines[i]!) > limits.lineBytes || lineBytes(lines[i]!) > limits.fileBytes).toBe(true);
        },
      ),
    );
  });

  it('cuts at the documented 50,000 lines', () => {
    const lines = Array.from({ length: 50_001 }, (_, i) => `{"custom_id":"${i}"}`);
    const { files } = splitLines(lines);
    expect(files.map((f) => f.length)).toEqual([50_000, 1]);
  });
});

describe('result lines', () => {
  it('never throws, whatever a line holds', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (text) => void parseResultFile(text)));
    fc.assert(fc.property(fc.jsonValue(), (value) => void parseResultLine(JSON.stringify(value))));
  });

  it('reads an answer, a failure and its reason', () => {
    const ok = parseResultLine(JSON.stringify({ id: 'b', custom_id: 'entry-1', response: { status_code: 200, request_id: 'r1', body: { id: 'c', choices: [{ message: { content: 'hi' } }], usage: { prompt_tokens: 10, completion_tokens: 2 } } }, error: null }));
    expect(ok).toMatchObject({ ok: true, customId: 'entry-1', text: 'hi', requestId: 'r1' });
    const failed = parseResultLine(JSON.stringify({ id: 'b', custom_id: 'entry-2', response: null, error: { code: 'batch_expired', message: 'This request could not be executed before the completion window expired.' } }));
    expect(failed).toMatchObject({ ok: false, code: 'batch_expired' });
  });

  it('writes the request line the docs show', () => {
    const line = JSON.parse(requestLine('entry-7', { model: 'qwen-vl-ocr', messages: [] }));
    expect(line).toEqual({ custom_id: 'entry-7', method: 'POST', url: '/v1/chat/completions', body: { model: 'qwen-vl-ocr', messages: [] } });
  });
});
