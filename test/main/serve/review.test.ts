/**
 * The review of issue 25's local API: each defect found by attacking the server over a real socket, or by reading
 * Umi-OCR's documentation and the clients written for it, tested where it was fixed (main/serve/).
 */
import { connect } from 'node:net';
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { call } from '../../support/http-call.ts';
import { report } from './fake-reader.ts';
import { guardedServer, PNG, stillAnswers, umiBody } from './guarded-server.ts';

const start = guardedServer();

/** Bytes written to a fresh connection exactly as given; resolves with all the server sent back once it closes. */
function raw(port: number, text: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('utf8')));
    socket.on('error', () => {});
    socket.on('close', () => resolve(answer));
    socket.end(text);
  });
}
const statusOf = (answer: string): number => Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);

describe('review of the local API (issue 25)', () => {
  it('a request-target in absolute form is checked by the host it names, as RFC 9112 says Host is then ignored', async () => {
    const { port } = await start();
    // Before: the Host header alone was checked, and the path read out of the URI: this was answered 200.
    const rebound = await raw(port, `GET http://attacker.example/v1/health HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
    expect(statusOf(rebound)).toBe(403);
    expect(rebound).toContain('attacker.example');
    const named = await raw(port, `GET http://127.0.0.1:${port}/v1/health HTTP/1.1\r\nHost: attacker.example\r\nConnection: close\r\n\r\n`);
    expect(statusOf(named)).toBe(200);
    // A path starting with "//" is a path, not a host: no route of this API.
    const doubled = await raw(port, `GET //attacker.example/v1/health HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
    expect(statusOf(doubled)).toBe(404);
    await stillAnswers(port);
  });

  it('two Host headers: 400, whichever comes first', async () => {
    const { port, reader } = await start();
    for (const hosts of [[`127.0.0.1:${port}`, 'attacker.example'], ['attacker.example', `127.0.0.1:${port}`]]) {
      const answer = await raw(port, `POST /api/ocr HTTP/1.1\r\n${hosts.map((h) => `Host: ${h}\r\n`).join('')}Content-Type: application/json\r\nContent-Length: ${umiBody.length}\r\n\r\n${umiBody}`);
      expect(statusOf(answer)).toBe(400);
      expect(answer).toContain('2 Host headers');
    }
    expect(reader.calls).toHaveLength(0);
    await stillAnswers(port);
  });

  it('a refused Host is told the address the server listens on', async () => {
    const { port } = await start({ host: '127.0.0.2' });
    const answer = await new Promise<string>((resolve) => {
      const socket = connect(port, '127.0.0.2');
      let text = '';
      socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
      socket.on('close', () => resolve(text));
      socket.end('GET /v1/health HTTP/1.1\r\nHost: mypc.local\r\nConnection: close\r\n\r\n');
    });
    expect(statusOf(answer)).toBe(403);
    expect(answer).toContain(`use http://127.0.0.2:${port}`);
  });

  it('/v1/capture, which holds no reading slot, takes a small body only (before: the API’s 32 MB, unbounded in number)', async () => {
    const captured: number[] = [];
    const { port } = await start({ capture: () => void captured.push(1) });
    const declared = await call({ port, method: 'POST', path: '/v1/capture', headers: { 'Content-Type': 'application/json' }, body: Buffer.alloc(65 * 1024, 0x20) });
    expect(declared.status).toBe(413);
    expect(declared.json).toMatchObject({ error: { code: 'body-too-large', message: expect.stringContaining('64 KB') } });
    const chunked = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/v1/capture', headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on('error', (error) => (req.destroyed ? undefined : reject(error)));
      const timer = setInterval(() => (req.destroyed ? clearInterval(timer) : req.write(Buffer.alloc(16 * 1024, 0x20))), 5);
    });
    expect(chunked).toBe(413);
    expect(captured).toEqual([]);
    const ok = await call({ port, method: 'POST', path: '/v1/capture', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(ok.status).toBe(202);
    expect(captured).toEqual([1]);
  });

  it('a body trickled a byte at a time, never stalling, is cut at its deadline and its slot freed (before: held until requestTimeout, 10 min)', async () => {
    const { port, reader, server } = await start({ concurrency: 1, stallMs: 1000, bodyDeadlineMs: 800 });
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/v1/read', headers: { 'Content-Type': 'image/png', 'Content-Length': '100000' } }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', (error) => (timer ? undefined : reject(error)));
      const timer = setInterval(() => (req.destroyed ? clearInterval(timer) : req.write(Buffer.alloc(1))), 100);
      req.on('close', () => clearInterval(timer));
    });
    expect(answer.status).toBe(408);
    expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'timeout', message: expect.stringContaining('too slowly') } });
    // The only slot is free again: the next file is read.
    const next = await call({ port, method: 'POST', path: '/v1/read', headers: { 'Content-Type': 'image/png' }, body: PNG });
    expect(next.status).toBe(200);
    expect(reader.calls).toHaveLength(1);
    expect(server.load()).toEqual({ reading: 0, waiting: 0 });
  });

  it('a connection that never sends a request is closed (before: held for ever, token or not), one that does is answered', async () => {
    const { port } = await start({ silentConnectionMs: 300 });
    const silent = await new Promise<{ closed: boolean; answer: string }>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      let answer = '';
      socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
      socket.on('error', () => {});
      socket.on('close', () => resolve({ closed: true, answer }));
    });
    expect(silent).toEqual({ closed: true, answer: '' });
    // A request sent at once, then the connection kept alive past the silent limit for a second one.
    const socket = connect(port, '127.0.0.1');
    let answers = '';
    socket.on('data', (chunk: Buffer) => (answers += chunk.toString()));
    const request = `GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`;
    socket.write(request);
    await new Promise((resolve) => setTimeout(resolve, 500));
    socket.end(request.replace('\r\n\r\n', '\r\nConnection: close\r\n\r\n'));
    await new Promise((resolve) => socket.on('close', resolve));
    expect(answers.match(/HTTP\/1\.1 200/g)).toHaveLength(2);
  });

  it('a READOUT_API_TOKEN of any characters can be sent (before: one outside RFC 6750’s b64token set was never accepted)', async () => {
    const token = 'correct horse battery staple!';
    const { port } = await start({ token });
    expect((await call({ port, path: '/v1/health', headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);
    expect((await call({ port, path: '/v1/health', headers: { Authorization: `bearer  ${token} ` } })).status).toBe(200);
    expect((await call({ port, path: '/v1/health', headers: { Authorization: 'Bearer correct horse battery' } })).status).toBe(401);
    expect((await call({ port, path: '/v1/health', headers: { Authorization: 'Bearer' } })).status).toBe(401);
  });

  it('Umi’s default layout is multi_para, as its documentation and get_options say, for a script that sends no tbpu.parser', async () => {
    const { port, reader } = await start();
    const line = (text: string, y: number) => ({ text, box: [[10, y], [10 + text.length * 10, y], [10 + text.length * 10, y + 20], [10, y + 20]], confidence: 0.9 });
    const words = [line('The quick brown fox jumps over the lazy dog and then keeps', 10), line('running far across the wide green fields until the sun goes', 35), line('down.', 60), line('A new paragraph.', 120)];
    reader.answer = (_bytes, file) => [report({ file, text: words.map((w) => w.text).join('\n'), words, width: 1000, height: 1000 })];
    const options = (await call({ port, path: '/api/ocr/get_options' })).json as Record<string, { default: unknown }>;
    expect(options['tbpu.parser']!.default).toBe('multi_para');
    const umi = async (body: unknown) => (await call({ port, method: 'POST', path: '/api/ocr', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })).json as { code: number; data: unknown };
    const plain = await umi({ base64: PNG.toString('base64'), options: { 'data.format': 'text' } });
    const para = await umi({ base64: PNG.toString('base64'), options: { 'data.format': 'text', 'tbpu.parser': 'multi_para' } });
    expect(plain).toMatchObject({ code: 100, data: 'The quick brown fox jumps over the lazy dog and then keeps running far across the wide green fields until the sun goes down.\nA new paragraph.' });
    expect(plain.data).toBe(para.data);
    const dict = await umi({ base64: PNG.toString('base64') });
    expect((dict.data as Array<{ end: string }>).map((block) => block.end)).toEqual([' ', ' ', '\n', '\n']);
  });

  it('101 says what Umi’s engine says for a base64 image, word for word (scripts compare it)', async () => {
    const { port, reader } = await start();
    reader.answer = (_bytes, file) => [report({ file, text: '', words: [] })];
    const res = await call({ port, method: 'POST', path: '/api/ocr', headers: { 'Content-Type': 'application/json' }, body: umiBody });
    expect(res.json).toMatchObject({ code: 101, data: 'No text found in image. Path: "base64"' });
    // The check a Node script written for Umi-OCR makes: the data with its spaces taken out.
    expect(((res.json as { data: string }).data).replace(/\s/g, '')).toBe('Notextfoundinimage.Path:"base64"');
  });
});
