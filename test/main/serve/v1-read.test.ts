/**
 * Readout's POST /v1/read with the real reader (offline engine): the file's bytes or JSON base64, answered with
 * the objects `readout --json` prints for the same file (checked against the command itself), one per PDF page.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pagesPdf, plainPage } from '../../support/hostile-pdfs.ts';
import { call } from '../../support/http-call.ts';
import { useOfflineServer } from './offline-server.ts';
import { fixture } from '../../support/paths.ts';
import { runCli } from '../../support/run-cli.ts';

const path = fixture('text/en-zh.png');
const image = readFileSync(path);
const server = useOfflineServer();

type Report = Record<string, unknown> & { file: string; ok: boolean; text: string | null; entryId: number | null; page: number | null; pages: number | null };
const read = (body: Buffer | string, type: string, query = '') => call({ port: server().port, method: 'POST', path: `/v1/read${query}`, headers: { 'Content-Type': type }, body });

describe('POST /v1/read', () => {
  it('the image’s bytes: an array of the object `readout --json` prints for that file', async () => {
    const answer = await read(image, 'image/png', '?file=en-zh.png');
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
    const [report, ...rest] = answer.json as Report[];
    expect(rest).toEqual([]);
    const cli = JSON.parse((await runCli(['--engine', 'local', '--json', '--no-history', path])).stdout) as Report;
    expect(Object.keys(report!).sort()).toEqual(Object.keys(cli).sort());
    // The same reading, field for field, but for what names this run: the file, its entry, the time it took.
    const same = (r: Report) => ({ ...r, file: null, entryId: null, durationMs: null });
    expect(same(report!)).toEqual(same(cli));
    expect(report).toMatchObject({ file: 'en-zh.png', ok: true, text: 'Readout reads text 2026\n离线识别中文和英文', page: null, pages: null });
    expect(report!.entryId).toEqual(expect.any(Number));
  }, 60_000);

  it('JSON {base64, file}: the same; a name with folders keeps only its name', async () => {
    const answer = await read(JSON.stringify({ base64: image.toString('base64'), file: '../../etc/scan.png' }), 'application/json');
    expect(answer.status).toBe(200);
    expect((answer.json as Report[])[0]).toMatchObject({ file: 'scan.png', ok: true, text: 'Readout reads text 2026\n离线识别中文和英文' });
  });

  it('a PDF: one object per page, in order', async () => {
    const pdf = pagesPdf([plainPage('The first page of the document'), plainPage('The second page of the document')]);
    const answer = await read(pdf, 'application/pdf', '?file=two.pdf');
    expect(answer.status).toBe(200);
    const pages = answer.json as Report[];
    expect(pages.map((p) => [p.file, p.ok, p.page, p.pages])).toEqual([['two.pdf', true, 1, 2], ['two.pdf', true, 2, 2]]);
    expect(pages[0]!.text).toContain('first page');
    expect(pages[1]!.text).toContain('second page');
  });

  it('a file that is not an image: HTTP 200 with the failed object, as readout --json says it', async () => {
    const answer = await read(Buffer.from('hello, not an image'), 'application/octet-stream');
    expect(answer.status).toBe(200);
    expect((answer.json as Report[])[0]).toMatchObject({ file: 'api', ok: false, error: { code: 'image-not-an-image', message: expect.stringContaining('api: ') } });
  });

  it('refuses bad base64, bad JSON and an empty body in its own form, and answers on', async () => {
    const bad = await read(JSON.stringify({ base64: 'abc$def' }), 'application/json');
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ error: { code: 'bad-base64', message: expect.stringContaining('"$"') } });
    expect((await read('{oops', 'application/json')).json).toMatchObject({ error: { code: 'bad-json' } });
    expect((await read(JSON.stringify({ file: 'x.png' }), 'application/json')).json).toMatchObject({ error: { code: 'bad-request' } });
    expect((await read(Buffer.alloc(0), 'image/png')).json).toMatchObject({ error: { code: 'empty' } });
    expect((await read(image, 'image/png')).status).toBe(200);
  });

  it('/v1/health says the engine; /v1/capture is the app’s', async () => {
    const health = await call({ port: server().port, path: '/v1/health' });
    expect(health.json).toEqual({ ok: true, version: '0.1.0', engine: 'local', model: expect.any(String) });
    const capture = await call({ port: server().port, method: 'POST', path: '/v1/capture', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(capture.status).toBe(404);
    expect(capture.json).toEqual({ error: { code: 'capture-unavailable', message: expect.stringContaining('capture is only in the app') } });
  });
});

