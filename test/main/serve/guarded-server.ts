/**
 * One local API server per test, over a real socket, with a FakeReader behind it and closed after each test; the
 * one-pixel PNG and Umi body the security tests send, and the check that the server answers on after a refusal.
 * Shared by the tests that attack the server (security, review, extension-origins).
 */
import { afterEach, expect } from 'vitest';
import { startApiServer, type ApiServer, type ApiServerOptions } from '../../../main/serve/server.ts';
import { call } from '../../support/http-call.ts';
import { FakeReader } from './fake-reader.ts';

export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
export const umiBody = JSON.stringify({ base64: PNG.toString('base64') });

/** Registers the afterEach that closes the server; call at the top of a test file, then `start` in each test. */
export function guardedServer(): (options?: Partial<ApiServerOptions>) => Promise<{ port: number; reader: FakeReader; server: ApiServer }> {
  let server: ApiServer | null = null;
  afterEach(async () => {
    await server?.close();
    server = null;
  });
  return async (options = {}) => {
    const reader = new FakeReader();
    const started = await startApiServer({ port: 0, token: null, reader, history: null, capture: null, version: '9.9.9', ...options });
    server = started;
    return { port: started.port, reader, server: started };
  };
}

/** The server still reads after a refusal. */
export async function stillAnswers(port: number): Promise<void> {
  const ok = await call({ port, method: 'POST', path: '/api/ocr', headers: { 'Content-Type': 'application/json' }, body: umiBody });
  expect(ok.status).toBe(200);
  expect((ok.json as { code: number }).code).toBe(100);
}
