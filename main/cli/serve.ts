/**
 * `readout serve`: the local API (main/serve/) with the command's reading (open-reading.ts: the same engine, task
 * and history flags as `readout`). It runs until Ctrl+C or SIGTERM, then answers the requests in hand and closes.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { errorMessage } from '../errors.ts';
import { checkBinding, isLoopbackHost } from '../serve/guard.ts';
import { DEFAULT_HOST, DEFAULT_PORT, startApiServer } from '../serve/server.ts';
import { firstIssue, parseFlags, READ_FLAGS, readOptions, UsageError } from './args.ts';
import { openReading } from './open-reading.ts';
import { printable } from './printable.ts';
import type { CliIo } from './run.ts';

const serveSchema = z.object({
  port: z.coerce.number({ error: '--port needs a port number' }).int('--port needs a port number').min(0, '--port is 0 to 65535').max(65535, '--port is 0 to 65535').default(DEFAULT_PORT),
  host: z.string().trim().min(1, '--host needs an address, like 127.0.0.1').default(DEFAULT_HOST),
  'max-body': z.coerce.number({ error: '--max-body needs a number of megabytes' }).positive('--max-body must be greater than 0').max(1024, '--max-body is at most 1024 (MB)').default(32),
});

const version = (): string => (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export async function runServe(argv: string[], io: CliIo, env: Readonly<Record<string, string | undefined>>): Promise<number> {
  const parsed = parseFlags(argv, { ...READ_FLAGS, port: { type: 'string' }, host: { type: 'string' }, 'max-body': { type: 'string' } });
  const own = serveSchema.safeParse(parsed.values);
  if (!own.success) throw firstIssue(own.error);
  const { port, host } = own.data;
  const options = readOptions(parsed.values, env, () => {
    if (parsed.positionals.length > 0) throw new UsageError(`serve takes no files (got ${printable(parsed.positionals[0]!)}): send them to POST /v1/read`);
  });
  const token = env.READOUT_API_TOKEN?.trim() || null;
  // Refused before the engine loads: a usage error, said at once.
  const binding = checkBinding(host, token);
  if (!binding.ok) throw new UsageError(binding.message);

  const reading = await openReading(options, io);
  let server: Awaited<ReturnType<typeof startApiServer>>;
  try {
    server = await startApiServer({
      host,
      port,
      token,
      maxBodyBytes: Math.round(own.data['max-body'] * 1024 * 1024),
      concurrency: options.concurrency,
      reader: reading.reader,
      history: reading.history ?? null,
      capture: null,
      version: version(),
      log: (line) => io.stderr(`${printable(line)}\n`),
    });
  } catch (error) {
    await reading.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') io.stderr(`readout: port ${port} on ${printable(host)} is in use (Umi-OCR, or another readout serve?): stop it, or pick another with --port\n`);
    else io.stderr(`readout: cannot listen on ${printable(host)}:${port}: ${printable(errorMessage(error))}\n`);
    return 1;
  }

  // Ctrl+C reaches us through io.signal (cli.ts); SIGTERM (a service manager, `kill`) stops the same way. Heard before
  // the start line is written: a pipe's write is synchronous on Linux, so whoever reads the line may signal at once.
  const stopped = new Promise<void>((resolve) => {
    const stop = (): void => {
      process.removeListener('SIGTERM', stop);
      resolve();
    };
    process.once('SIGTERM', stop);
    if (io.signal?.aborted) return stop();
    io.signal?.addEventListener('abort', stop, { once: true });
  });
  io.stdout(`Readout API on ${server.url} (Umi-OCR: POST /api/ocr; Readout: POST /v1/read)\n`);
  if (!isLoopbackHost(host)) io.stdout(`Listening beyond this computer: every request needs the header Authorization: Bearer $READOUT_API_TOKEN\n`);
  else if (token) io.stdout('READOUT_API_TOKEN is set: /v1 requests need the header Authorization: Bearer $READOUT_API_TOKEN\n');
  await stopped;
  io.stderr('readout: stopping: answering the requests in hand\n');
  await server.close();
  await reading.close();
  return 0;
}
