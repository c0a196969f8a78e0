/**
 * `readout serve --engine local` in-process for one test file: the real reader (offline engine) and a real history in
 * a data folder of its own, started before the file's tests and closed after them. The getter is the running server.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { readOptions } from '../../../main/cli/args.ts';
import { openReading, type Reading } from '../../../main/cli/open-reading.ts';
import { startApiServer, type ApiServer } from '../../../main/serve/server.ts';

export function useOfflineServer(): () => ApiServer {
  const dataDir = mkdtempSync(join(tmpdir(), 'readout-serve-'));
  let reading: Reading | undefined;
  let server: ApiServer | undefined;
  beforeAll(async () => {
    reading = await openReading(readOptions({ engine: 'local', 'data-dir': dataDir }, {}), { stderr: () => {} });
    server = await startApiServer({ port: 0, token: null, reader: reading.reader, history: reading.history ?? null, capture: null, version: '0.1.0' });
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await reading?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return () => server!;
}
