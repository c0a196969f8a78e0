/**
 * A pack's tarball over HTTP(S), streamed with progress, bounded by its pinned size: a server that sends more is cut
 * off, one that sends less is said to have ended early. The fetch is a port: the app passes Electron's (it follows
 * the system's proxy settings), the command Node's.
 */
import { ReadoutError } from '../errors.ts';

export type Fetch = (url: string, init: { signal?: AbortSignal; headers?: Record<string, string> }) => Promise<Response>;

export interface DownloadOptions {
  /** The size the pinned tarball has: no more is read. */
  size: number;
  fetch?: Fetch;
  signal?: AbortSignal;
  /** Bytes received so far, after each chunk. */
  onProgress?: (received: number) => void;
}

const cancelled = (): ReadoutError => new ReadoutError('cancelled', 'Cancelled.');

export async function download(url: URL, options: DownloadOptions): Promise<Uint8Array> {
  const fetch = options.fetch ?? globalThis.fetch;
  let response: Response;
  try {
    response = await fetch(url.href, { signal: options.signal, headers: { accept: 'application/octet-stream' } });
  } catch (error) {
    if (options.signal?.aborted) throw cancelled();
    throw new ReadoutError('language-download', `${url.href} could not be reached (${error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error)}). Check the connection, or install from a file: readout languages add CODE --from FILE.`, { retryable: true, cause: error });
  }
  if (!response.ok || !response.body) {
    throw new ReadoutError('language-download', `${url.href} answered ${response.status} ${response.statusText}.`, { retryable: response.status >= 500 || response.status === 429 });
  }
  // A server that says up front that it sends another size is not sending the pinned package: nothing is read.
  const length = response.headers.get('content-length');
  if (length !== null && Number(length) !== options.size) {
    await response.body.cancel().catch(() => undefined);
    throw new ReadoutError('language-integrity', `${url.href} is not the package Readout pins: it is ${length} bytes, the package ${options.size}.`);
  }
  const bytes = new Uint8Array(options.size);
  let received = 0;
  const reader = response.body.getReader();
  try {
    while (true) {
      const { done, value } = await reader.read();
      if (done) break;
      if (received + value.length > options.size) {
        throw new ReadoutError('language-integrity', `${url.href} sent more than the ${options.size} bytes of the package Readout pins: it is not that package.`);
      }
      bytes.set(value, received);
      received += value.length;
      options.onProgress?.(received);
    }
  } catch (error) {
    await reader.cancel().catch(() => undefined);
    if (options.signal?.aborted) throw cancelled();
    if (error instanceof ReadoutError) throw error;
    throw new ReadoutError('language-download', `The download of ${url.href} broke off after ${received} of ${options.size} bytes (${error instanceof Error ? error.message : String(error)}). Try again.`, { retryable: true, cause: error });
  } finally {
    reader.releaseLock();
  }
  if (received < options.size) {
    throw new ReadoutError('language-download', `The download of ${url.href} ended after ${received} of ${options.size} bytes. Try again.`, { retryable: true });
  }
  return bytes;
}
