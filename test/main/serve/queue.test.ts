/**
 * Concurrent requests (main/serve/gate.ts through server.ts): at most `concurrency` in the reader at once, the rest
 * waiting (their bodies unread), 503 with Retry-After past the queue, and every queued one answered in the end.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startApiServer, type ApiServer } from '../../../main/serve/server.ts';
import { call } from '../../support/http-call.ts';
import { FakeReader } from './fake-reader.ts';

let server: ApiServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

const until = async (done: () => boolean): Promise<void> => {
  while (!done()) await new Promise((resolve) => setTimeout(resolve, 10));
};

describe('the reading queue', () => {
  it('reads `concurrency` at a time, queues the rest, refuses past the queue with 503, then answers all it took', async () => {
    const reader = new FakeReader();
    let open!: () => void;
    reader.hold = new Promise<void>((resolve) => (open = resolve));
    server = await startApiServer({ port: 0, token: null, reader, history: null, capture: null, version: '1', concurrency: 2, maxWaiting: 3 });
    const port = server.port;
    const send = (i: number) => call({ port, method: 'POST', path: `/v1/read?file=f${i}.png`, headers: { 'Content-Type': 'image/png' }, body: Buffer.from(`image ${i}`) });
    const taken = [0, 1, 2, 3, 4].map(send);
    await reader.started(2);
    await until(() => server!.load().waiting === 3);
    expect(reader.inHand).toBe(2);

    const refused = await send(5);
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('5');
    expect(refused.json).toMatchObject({ error: { code: 'busy', message: expect.stringContaining('try again') } });

    open();
    const answers = await Promise.all(taken);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    expect(answers.map((a) => (a.json as Array<{ file: string }>)[0]!.file)).toEqual(['f0.png', 'f1.png', 'f2.png', 'f3.png', 'f4.png']);
    expect(reader.mostInHand).toBe(2);
    expect(server.load()).toEqual({ reading: 0, waiting: 0 });
  });

  it('a waiting request whose client goes away gives up its place', async () => {
    const reader = new FakeReader();
    let open!: () => void;
    reader.hold = new Promise<void>((resolve) => (open = resolve));
    server = await startApiServer({ port: 0, token: null, reader, history: null, capture: null, version: '1', concurrency: 1, maxWaiting: 1 });
    const port = server.port;
    const first = call({ port, method: 'POST', path: '/v1/read', headers: { 'Content-Type': 'image/png' }, body: Buffer.from('a') });
    await reader.started(1);
    const { request } = await import('node:http');
    const leaving = request({ host: '127.0.0.1', port, method: 'POST', path: '/v1/read', headers: { 'Content-Type': 'image/png', 'Content-Length': '1' } });
    leaving.on('error', () => {});
    leaving.end('b');
    await until(() => server!.load().waiting === 1);
    leaving.destroy();
    await until(() => server!.load().waiting === 0);
    open();
    expect((await first).status).toBe(200);
    expect(reader.calls).toHaveLength(1);
  });
});
