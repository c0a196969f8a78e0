/**
 * Files the user names besides the inputs (--schema) through the same gate as inputs (bad-input review 2, M2, L4):
 * a FIFO with no writer, a link to /dev/zero and a 2 GB file are refused at once; nesting 100,000 deep is a one-line
 * usage error (exit 2), not a stack trace; text that is not UTF-8 is refused; nothing of the file reaches the terminal
 * raw. Each file is made here.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, ftruncateSync, openSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readNamedFileSync } from '../../../main/named-file.ts';
import { jsonDepth, parseResultSchema } from '../../../main/ocr/tasks.ts';
import { runCli } from '../../support/run-cli.ts';
import { useTempDir } from '../../support/temp.ts';

const tempDir = useTempDir();

/** Runs readout with --schema FILE; the schema is read while the options are parsed, before any image. */
async function withSchema(path: string) {
  const run = await runCli(['--api', 'native', '--schema', path, 'x.png']);
  return { ...run, lines: run.stderr.trim().split('\n') };
}

/** No control character but the line ends: nothing that moves the cursor or sets the title. */
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

describe('--schema goes through the input gate', () => {
  it('refuses a FIFO with no writer, a link to /dev/zero, a folder and a 2 GB file at once, exit 2', async () => {
    const dir = tempDir();
    const fifo = join(dir, 'fifo.json');
    execFileSync('mkfifo', [fifo]);
    const zero = join(dir, 'zero.json');
    symlinkSync('/dev/zero', zero);
    const huge = join(dir, 'huge.json');
    const fd = openSync(huge, 'w');
    ftruncateSync(fd, 2 * 1024 ** 3);
    closeSync(fd);
    for (const [path, said] of [[fifo, /it is a device, pipe or socket, not a regular file/], [zero, /it is a device, pipe or socket/], [dir, /it is a folder/], [huge, /is 2,147,483,648 bytes, more than the 1,048,576/]] as const) {
      const run = await withSchema(path);
      expect(run.code, path).toBe(2);
      expect(run.lines[0], path).toMatch(said);
      expect(run.lines, path).toHaveLength(2);
    }
  });

  it('refuses nesting past 16 levels in one line (100,000 deep: no stack trace), and takes 16', async () => {
    const dir = tempDir();
    const deep = join(dir, 'deep.json');
    writeFileSync(deep, `${'{"a":'.repeat(100_000)}"x"${'}'.repeat(100_000)}`);
    const run = await withSchema(deep);
    expect(run.code).toBe(2);
    expect(run.lines[0]).toMatch(/deep\.json: it nests more than 1,000 levels deep; a schema may nest 16/);
    expect(run.stderr).not.toMatch(/RangeError|    at /);
    expect(parseResultSchema(`${'{"a":'.repeat(16)}"x"${'}'.repeat(16)}`).ok).toBe(true);
    expect(parseResultSchema(`${'{"a":'.repeat(17)}"x"${'}'.repeat(17)}`)).toEqual({ ok: false, reason: 'it nests 17 levels deep; a schema may nest 16' });
  });

  it('refuses Latin-1 and UTF-16, and echoes nothing of the file raw', async () => {
    const dir = tempDir();
    const cases: Array<[string, Buffer, RegExp]> = [
      ['latin1.json', Buffer.from('{"número": "the number"}', 'latin1'), /it is not UTF-8 text/],
      ['utf16.json', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"a": "b"}', 'utf16le')]), /it is not UTF-8 text/],
      ['title.json', Buffer.from('\u001b]0;PWNED-title\u0007{"a": 1}'), /title\.json: it is not JSON$/],
      // Control characters escaped in the JSON: the field names hold them once parsed.
      ['field.json', Buffer.from('{"\\u001b[2Kname": {"\\u009b31m": 5}}'), /"\\u001b\[2Kname"\."\\x9b31m" must be a JSON object of field names/],
      ['nul.json', Buffer.from('{"a": "b"}\u0000\u0000'), /it is not JSON/],
    ];
    for (const [name, bytes, said] of cases) {
      const path = join(dir, name);
      writeFileSync(path, bytes);
      const run = await withSchema(path);
      expect(run.code, name).toBe(2);
      expect(run.lines[0], name).toMatch(said);
      expect(RAW_CONTROL.test(run.stderr), name).toBe(false);
      expect(run.stderr, name).not.toContain('PWNED');
    }
  });

  it('a schema named with control characters is printed escaped', async () => {
    const dir = tempDir();
    const run = await withSchema(join(dir, 'no\u001b]0;such\u0007.json'));
    expect(run.code).toBe(2);
    expect(run.lines[0]).toContain('no\\x1b]0;such\\x07.json: cannot be read (no such file)');
    expect(RAW_CONTROL.test(run.stderr)).toBe(false);
  });
});

describe('readNamedFileSync and jsonDepth', () => {
  it('reads a regular file within the limit, and refuses one past it by the bytes it has', () => {
    const path = join(tempDir(), 'small.json');
    writeFileSync(path, '{"a": "b"}');
    expect(readNamedFileSync(path, 10).toString()).toBe('{"a": "b"}');
    expect(() => readNamedFileSync(path, 9)).toThrow(/is 10 bytes, more than the 9/);
  });

  it('counts the nesting JSON.parse sees, brackets in strings and escaped quotes not counted', () => {
    const nested: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, fc.string(), fc.integer(), fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(fc.string(), tie('node'), { maxKeys: 3 })),
    })).node;
    const depthOf = (value: unknown): number =>
      value !== null && typeof value === 'object' ? 1 + Math.max(0, ...Object.values(value as object).map(depthOf)) : 0;
    fc.assert(fc.property(nested, (value) => void expect(jsonDepth(JSON.stringify(value))).toBe(depthOf(value))));
  });
});
