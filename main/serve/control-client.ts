/**
 * `readout capture`'s side of the control endpoint: POST /v1/capture over the app's socket or pipe
 * (control-endpoint.ts), with http.request's socketPath (https://nodejs.org/api/http.html#httprequestoptions-callback).
 */
import { request } from 'node:http';
import { z } from 'zod';

export type CaptureAsked = { ok: true } | { ok: false; notRunning: boolean; message: string };

const errorBody = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

export function askCapture(endpoint: string, timeoutMs = 10_000): Promise<CaptureAsked> {
  return new Promise((resolve) => {
    const req = request(
      { socketPath: endpoint, path: '/v1/capture', method: 'POST', headers: { Host: 'localhost', 'Content-Type': 'application/json', 'Content-Length': '2' }, timeout: timeoutMs },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          if (res.statusCode === 202) return resolve({ ok: true });
          let message = `the app answered HTTP ${res.statusCode}`;
          try {
            const body = errorBody.safeParse(JSON.parse(Buffer.concat(chunks).toString('utf8')));
            if (body.success) message = body.data.error.message;
          } catch {
            // Not JSON: the status says it.
          }
          resolve({ ok: false, notRunning: false, message });
        });
        res.on('error', (error) => resolve({ ok: false, notRunning: false, message: error.message }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('the app did not answer in time')));
    req.on('error', (error: NodeJS.ErrnoException) => {
      // No socket file, or one no process listens on (the app quit without removing it): the app is not running.
      const notRunning = error.code === 'ENOENT' || error.code === 'ECONNREFUSED';
      resolve({ ok: false, notRunning, message: notRunning ? 'Readout is not running' : error.message });
    });
    req.end('{}');
  });
}
