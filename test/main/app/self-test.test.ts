import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SELF_TEST_EXIT, SELF_TEST_IMAGE, SELF_TEST_TEXT, selfTest, selfTestArgs, selfTestImage, type SelfTestPorts } from '../../../main/app/self-test.ts';

function ports(recognize: SelfTestPorts['recognize'], files: Record<string, Uint8Array> = { '/img.png': new Uint8Array([1, 2, 3]) }) {
  const lines: string[] = [];
  const read: Uint8Array[] = [];
  const value: SelfTestPorts = {
    recognize: (bytes) => (read.push(bytes), recognize(bytes)),
    readFile: async (path) => {
      const file = files[path];
      if (!file) throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' });
      return file;
    },
    write: (line) => lines.push(line),
  };
  return { value, lines, read };
}

describe('the --self-test command line', () => {
  it('is off without the flag', () => {
    expect(selfTestArgs(['/opt/Readout/readout'])).toBeNull();
    expect(selfTestArgs(['/opt/Readout/readout', '--login', 'a.png'])).toBeNull();
  });

  it('reads the bundled image and expects its first line when given nothing else', () => {
    expect(selfTestArgs(['readout', '--self-test'])).toEqual({ image: null, expected: SELF_TEST_TEXT });
    expect(selfTestArgs(['readout', '--no-sandbox', '--self-test', '--enable-logging'])).toEqual({ image: null, expected: SELF_TEST_TEXT });
  });

  it('takes an image and an expected text, among Chromium switches', () => {
    expect(selfTestArgs(['Readout.exe', '--self-test', 'C:\\a b\\shot.png', '--expect', 'hello world'])).toEqual({ image: 'C:\\a b\\shot.png', expected: 'hello world' });
    expect(selfTestArgs(['readout', '--no-sandbox', '--self-test', '/tmp/x.png', '--disable-gpu'])).toEqual({ image: '/tmp/x.png', expected: SELF_TEST_TEXT });
    expect(selfTestArgs(['readout', '--self-test', '--expect', '离线识别'])).toEqual({ image: null, expected: '离线识别' });
  });

  it("finds the bundled image under the app's root (app.getAppPath(), the archive in a package)", () => {
    expect(selfTestImage({ image: null, expected: '' }, '/opt/Readout/resources/app.asar')).toBe(join('/opt/Readout/resources/app.asar', SELF_TEST_IMAGE));
    expect(selfTestImage({ image: '/tmp/x.png', expected: '' }, '/opt/Readout/resources/app.asar')).toBe('/tmp/x.png');
  });
});

describe('the self-test', () => {
  it('passes when the text read holds the expected text, breaks and spaces aside, and prints what it read', async () => {
    const { value, lines, read } = ports(async () => 'Readout  reads\ttext 2026\n离线识别中文和英文');
    expect(await selfTest(value, '/img.png', 'Readout reads text 2026')).toBe(SELF_TEST_EXIT.ok);
    expect(read).toEqual([new Uint8Array([1, 2, 3])]);
    expect(lines).toEqual(['self-test: read "Readout  reads\\ttext 2026\\n离线识别中文和英文" from /img.png', 'self-test: ok']);
    expect(await selfTest(value, '/img.png', 'text 2026\n离线')).toBe(SELF_TEST_EXIT.ok);
  });

  it('fails, saying what it expected, when the text does not hold it', async () => {
    const { value, lines } = ports(async () => 'Readout reads text 2025');
    expect(await selfTest(value, '/img.png', 'Readout reads text 2026')).toBe(SELF_TEST_EXIT.mismatch);
    expect(lines.at(-1)).toBe('self-test: expected "Readout reads text 2026"');
  });

  it('fails with its own code when the image cannot be read, without starting the engine', async () => {
    const { value, lines, read } = ports(async () => 'never');
    expect(await selfTest(value, '/missing.png', 'x')).toBe(SELF_TEST_EXIT.unreadable);
    expect(read).toEqual([]);
    expect(lines).toEqual([`self-test: cannot read /missing.png: ENOENT: no such file or directory, open '/missing.png'`]);
  });

  it('fails with its own code when the engine throws (a native module that does not load)', async () => {
    const { value, lines } = ports(async () => {
      throw new Error("Cannot find module '../bin/napi-v6/darwin/x64/onnxruntime_binding.node'");
    });
    expect(await selfTest(value, '/img.png', 'x')).toBe(SELF_TEST_EXIT.failed);
    expect(lines).toEqual(["self-test: the offline engine failed: Cannot find module '../bin/napi-v6/darwin/x64/onnxruntime_binding.node'"]);
  });

  it('gives up on an engine that never answers', async () => {
    const { value, lines } = ports(() => new Promise<string>(() => {}));
    expect(await selfTest(value, '/img.png', 'x', 20)).toBe(SELF_TEST_EXIT.timedOut);
    expect(lines).toEqual(['self-test: the offline engine gave no text within 0.02 s']);
  });
});
