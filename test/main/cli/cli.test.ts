import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DashScopeServer, DEFAULT_TEXT, partsOf } from '../../support/dashscope-server.ts';
import { fixture } from '../../support/paths.ts';
import { runCli } from '../../support/run-cli.ts';
import { useTempDir } from '../../support/temp.ts';
import { parseCli } from '../../../main/cli/args.ts';
import bwipjs from 'bwip-js';
import sharp from 'sharp';

const KEY = 'sk-test-valid-key-0001';
const server = new DashScopeServer();
beforeAll(() => server.start());
afterAll(() => server.stop());
beforeEach(() => server.script());

const qwen = () => ({ env: { DASHSCOPE_API_KEY: KEY } });
const tempDir = useTempDir();
const text = fixture('text/en-zh.png');
const bmp = fixture('formats/bmp-24.bmp');

describe('readout <file>', () => {
  it('streams each file to stdout in order, a blank line between', async () => {
    const run = await runCli(['--base-url', server.baseURL, text, bmp], qwen());
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${DEFAULT_TEXT}\n\n${DEFAULT_TEXT}\n`);
    expect(server.requests).toHaveLength(2);
  });

  it('prints one JSON object per file with the contract fields', async () => {
    const run = await runCli(['--base-url', server.baseURL, '--json', '--model', 'qwen-vl-ocr-2025-08-28', text], qwen());
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const report = JSON.parse(lines[0]!);
    expect(Object.keys(report).sort()).toEqual(
      ['file', 'ok', 'text', 'engine', 'model', 'sourceFormat', 'width', 'height', 'sentWidth', 'sentHeight', 'sentBytes', 'imageTokens', 'usage', 'cost', 'requestId', 'durationMs', 'entryId', 'error', 'confidence', 'words', 'codes', 'warnings', 'page', 'pages', 'translation'].sort(),
    );
    expect(report).toMatchObject({ file: text, ok: true, text: DEFAULT_TEXT, engine: 'qwen', model: 'qwen-vl-ocr-2025-08-28', width: 640, height: 160, error: null, confidence: null, words: null, codes: [] });
    expect(report.sentWidth % 28).toBe(0);
    expect(report.imageTokens).toBe((report.sentWidth * report.sentHeight) / 784 + 2);
    expect(report.usage.prompt_tokens_details.image_tokens).toBe(report.imageTokens);
    expect(report.sentBytes).toBeGreaterThan(0);
  });

  it('goes on past bad files, names them on stderr and exits 1', async () => {
    const run = await runCli(['--base-url', server.baseURL, '--json', fixture('smart-resize/make-cases.py'), 'missing.png', text], qwen());
    expect(run.code).toBe(1);
    const reports = run.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(reports.map((r) => [r.ok, r.error?.code ?? null])).toEqual([
      [false, 'image-not-an-image'],
      [false, 'file-unreadable'],
      [true, null],
    ]);
    expect(run.stderr).toContain('make-cases.py: it is a text file, not an image');
    expect(run.stderr).toContain('missing.png: cannot read the file (no such file)');
  });

  it('reads an image from stdin', async () => {
    const run = await runCli(['--base-url', server.baseURL, '-'], { ...qwen(), stdin: await readFile(text) });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${DEFAULT_TEXT}\n`);
  });

  it('sends the mode prompt, a custom prompt, and the pixel bounds', async () => {
    await runCli(['--base-url', server.baseURL, '--mode', 'table', '--min-pixels', '5000', '--max-pixels', '200000', text], qwen());
    const parts = partsOf(server.requests[0]);
    expect(parts[0]).toMatchObject({ min_pixels: 5000, max_pixels: 200000 });
    expect(String(parts[1]!.text)).toMatch(/Markdown table/);
    expect(server.requests[0]!.image!.width * server.requests[0]!.image!.height).toBeLessThanOrEqual(200000);

    server.script();
    await runCli(['--base-url', server.baseURL, '--prompt', 'Only the numbers.', text], qwen());
    expect(partsOf(server.requests[0])[1]?.text).toBe('Only the numbers.');
  });

  it('never prints the key, even when the server echoes it', async () => {
    const secret = 'sk-not-a-valid-key-424242';
    const run = await runCli(['--base-url', server.baseURL, text], { env: { DASHSCOPE_API_KEY: secret } });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/API key was rejected/);
    expect(run.stdout + run.stderr).not.toContain(secret);
  });

  it('uses the offline engine when no key is set', async () => {
    const run = await runCli(['--json', text]);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ engine: 'local', ok: true, text: 'Readout reads text 2026\n离线识别中文和英文', imageTokens: null, usage: null });
    expect(report.confidence).toBeGreaterThan(0.9);
    expect(report.words.map((w: { text: string }) => w.text)).toEqual(['Readout reads text 2026', '离线识别中文和英文']);
    expect(report.words[0].box).toHaveLength(4);
    expect(server.requests).toHaveLength(0);
  });
});

describe('readout over the native protocol', () => {
  it('is the default for DashScope’s regions, and the compatible one for any other endpoint', () => {
    const env = { DASHSCOPE_API_KEY: KEY };
    const options = (args: string[]) => {
      const parsed = parseCli([...args, 'x.png'], env);
      if (parsed.kind !== 'recognize') throw new Error('not a recognition');
      return parsed.options;
    };
    expect(options([]).api).toBe('native');
    expect(options(['--region', 'intl']).api).toBe('native');
    expect(options(['--base-url', 'http://127.0.0.1:11434/v1']).api).toBe('compatible');
    expect(options(['--base-url', 'http://127.0.0.1:11434/v1', '--api', 'native']).api).toBe('native');
    expect(options(['--mode', 'json']).task).toEqual({ task: 'key-info', rotate: false });
    expect(options(['--mode', 'markdown']).task).toEqual({ task: 'document', rotate: false });
  });

  it('prints advanced recognition’s words in the original image’s pixels, and the history keeps them', async () => {
    const dataDir = tempDir();
    server.script({ kind: 'ok', text: 'Readout reads text 2026\n离线识别中文和英文' });
    const run = await runCli(['--base-url', server.baseURL, '--api', 'native', '--task', 'advanced', '--data-dir', dataDir, '--json', text], qwen());
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout);
    expect(server.requests[0]?.native?.parameters?.ocr_options?.task).toBe('advanced_recognition');
    expect(report.words.map((w: { text: string }) => w.text)).toEqual(['Readout reads text 2026', '离线识别中文和英文']);
    for (const word of report.words) for (const [x, y] of word.box) expect(x >= 0 && x <= report.width && y >= 0 && y <= report.height).toBe(true);
    const shown = await runCli(['history', 'export', '--data-dir', dataDir, '--format', 'json'], {});
    expect(shown.stdout).toContain('离线识别中文和英文');
    expect(JSON.parse(shown.stdout)[0].words).toEqual(report.words);
    // Read again, it is asked for the same task.
    server.script({ kind: 'ok', text: 'Readout reads text 2026\n离线识别中文和英文' });
    const again = await runCli(['history', 'retry', String(report.entryId), '--base-url', server.baseURL, '--api', 'native', '--data-dir', dataDir, '--json'], qwen());
    expect(again.stderr).toBe('');
    expect(server.requests[0]?.native?.parameters?.ocr_options?.task).toBe('advanced_recognition');
    expect(JSON.parse(again.stdout).words).toEqual(report.words);
  });

  it('sends key-info’s schema and the rotation', async () => {
    const schema = join(tempDir(), 'invoice.json');
    await writeFile(schema, JSON.stringify({ number: 'the invoice number', total: 'the amount due' }));
    const run = await runCli(['--base-url', server.baseURL, '--api', 'native', '--schema', schema, '--rotate', text], qwen());
    expect(run.code).toBe(0);
    const request = server.requests[0]!;
    expect(request.problems).toEqual([]);
    expect(request.native?.parameters?.ocr_options).toEqual({ task: 'key_information_extraction', task_config: { result_schema: { number: 'the invoice number', total: 'the amount due' } } });
    expect(request.native?.input?.messages?.[0]?.content?.[0]).toMatchObject({ enable_rotate: true });
  });

  it('asks for a task by its prompt over the compatible protocol', async () => {
    await runCli(['--base-url', server.baseURL, '--task', 'multi-lang', text], qwen());
    expect(server.requests[0]?.protocol).toBe('compatible');
    expect(String(partsOf(server.requests[0])[1]?.text)).toMatch(/whatever languages/);
  });
});

describe('readout and codes', () => {
  const qrScreen = async (): Promise<string> => {
    const qr = await bwipjs.toBuffer({ bcid: 'qrcode', text: 'https://example.org/pay?id=7', scale: 4, paddingwidth: 8, paddingheight: 8, backgroundcolor: 'FFFFFF' });
    const file = join(tempDir(), 'pay.png');
    await writeFile(file, await sharp({ create: { width: 1000, height: 400, channels: 3, background: '#ffffff' } }).composite([{ input: qr, left: 660, top: 20 }, { input: await readFile(text), left: 0, top: 60 }]).png().toBuffer());
    return file;
  };

  it('scans every image beside the text: --json codes, with the box in the original pixels', async () => {
    const file = await qrScreen();
    const run = await runCli(['--base-url', server.baseURL, '--json', '--no-history', file], qwen());
    const report = JSON.parse(run.stdout);
    expect(report.text).toBe(DEFAULT_TEXT);
    expect(report.codes).toHaveLength(1);
    expect(report.codes[0]).toMatchObject({ format: 'QRCode', text: 'https://example.org/pay?id=7', binary: false });
    for (const [x, y] of report.codes[0].box) expect(x > 660 && x < 1000 && y >= 20 && y < 400).toBe(true);
  });

  it('--codes-only prints each code and nothing else, reads no text and asks no server', async () => {
    const file = await qrScreen();
    const run = await runCli(['--codes-only', file, fixture('text/en-zh.png')], qwen());
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('https://example.org/pay?id=7\n');
    expect(server.requests).toHaveLength(0);
    const json = await runCli(['--codes-only', '--json', file, fixture('smart-resize/make-cases.py')], qwen());
    expect(json.code).toBe(1);
    const [found, bad] = json.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(found).toMatchObject({ ok: true, engine: 'none', text: null, width: 1000, height: 400, codes: [{ format: 'QRCode' }], entryId: null });
    expect(bad).toMatchObject({ ok: false, codes: null, error: { code: 'image-not-an-image' } });
    expect(json.stderr).toContain('make-cases.py: it is a text file, not an image');
  });
});

describe('readout usage', () => {
  it('documents every flag in --help', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    for (const flag of ['--engine', '--region', '--base-url', '--api', '--task', '--schema', '--rotate', '--codes-only', '--pages', '--pdf-text', '--password', '--model', '--mode', '--prompt', '--min-pixels', '--max-pixels', '--concurrency', '--no-stream', '--json', '--data-dir', '--no-history']) {
      expect(run.stdout).toContain(flag);
    }
  });

  it.each([
    [[], /no files given/],
    [['--mode', 'poem', 'x.png'], /--mode must be one of/],
    [['--concurrency', '0', 'x.png'], /--concurrency must be greater than 0/],
    [['--max-pixels', 'lots', 'x.png'], /--max-pixels needs a whole number/],
    [['--min-pixels', '9000', '--max-pixels', '4000', 'x.png'], /--min-pixels must not be larger/],
    [['--region', 'mars', 'x.png'], /--region must be cn, intl or us/],
    [['--engine', 'qwen', 'x.png'], /needs an API key/],
    [['--frobnicate', 'x.png'], /Unknown option/],
    [['--task', 'poem', 'x.png'], /--task must be one of text, key-info/],
    [['--api', 'soap', 'x.png'], /--api must be compatible or native/],
    [['--task', 'table', '--mode', 'text', 'x.png'], /--task replaces --mode/],
    [['--task', 'table', '--schema', 's.json', 'x.png'], /--schema goes with --task key-info/],
    [['--base-url', 'http://127.0.0.1:9/v1', '--task', 'advanced', 'x.png'], /--task advanced needs DashScope's native API/],
    [['--schema', 'no-such-schema.json', 'x.png'], /--schema no-such-schema.json: cannot be read \(no such file\)/],
    [['--schema', fixture('smart-resize/make-cases.py'), 'x.png'], /make-cases.py: it is not JSON/],
  ])('exits 2 for %j', async (args, message) => {
    const run = await runCli(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
  });
});
