/**
 * `Readout --self-test [image] [--expect text]`: the packaged app reads one image with the offline engine, prints what
 * it read, and exits 0 when the text holds what was expected, without a window, a tray or the single-instance lock.
 * The release workflow runs it on every package it builds, on that package's own platform and arch, so a package whose
 * native modules, worker or models do not load fails its job (.github/workflows/release.yml).
 *
 * With no image it reads the one the package carries, build/self-test.png in the archive (electron-builder.ts
 * `files`): a line of English and one of Chinese, so the recognizer's dictionary is exercised too.
 */
import { join } from 'node:path';

export const SELF_TEST_FLAG = '--self-test';
const EXPECT_FLAG = '--expect';

/** The bundled image, relative to the app's root (app.getAppPath(): resources/app.asar in a package). */
export const SELF_TEST_IMAGE = 'build/self-test.png';
/** Its first line, as the offline engine reads it (test/package/package.test.ts reads the same image from the package). */
export const SELF_TEST_TEXT = 'Readout reads text 2026';

/** Exit codes: what a CI log needs to tell apart. */
export const SELF_TEST_EXIT = { ok: 0, mismatch: 1, unreadable: 2, failed: 3, timedOut: 4 } as const;

export interface SelfTestRequest {
  /** The image to read; null for the bundled one. */
  image: string | null;
  expected: string;
}

/**
 * The self-test asked for on a command line (process.argv), or null. Chromium's and Electron's own switches may
 * stand anywhere around it; the image is the argument after the flag unless that is another switch.
 */
export function selfTestArgs(argv: readonly string[]): SelfTestRequest | null {
  const at = argv.indexOf(SELF_TEST_FLAG);
  if (at === -1) return null;
  const next = argv[at + 1];
  const image = next !== undefined && !next.startsWith('-') ? next : null;
  const expectAt = argv.indexOf(EXPECT_FLAG, at);
  const expected = expectAt !== -1 && argv[expectAt + 1] !== undefined ? argv[expectAt + 1]! : SELF_TEST_TEXT;
  return { image, expected };
}

/** The image to read for a request: its own, or the bundled one under the app's root. */
export const selfTestImage = (request: SelfTestRequest, appPath: string): string => request.image ?? join(appPath, SELF_TEST_IMAGE);

export interface SelfTestPorts {
  /** The offline engine: an image's text. */
  recognize(bytes: Uint8Array): Promise<string>;
  readFile(path: string): Promise<Uint8Array>;
  /** One line of the report (stdout). */
  write(line: string): void;
}

/** Runs of white space as one space, ends trimmed: a line break or a tab in the text read still matches. */
const normalize = (text: string): string => text.replace(/\s+/g, ' ').trim();

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Reads `path` with the engine and reports; resolves to the exit code (SELF_TEST_EXIT). Gives up after `timeoutMs`
 * (the models load in a few seconds; a minute means something hangs).
 */
export async function selfTest(ports: SelfTestPorts, path: string, expected: string, timeoutMs = 120_000): Promise<number> {
  let bytes: Uint8Array;
  try {
    bytes = await ports.readFile(path);
  } catch (error) {
    ports.write(`self-test: cannot read ${path}: ${messageOf(error)}`);
    return SELF_TEST_EXIT.unreadable;
  }
  const TIMED_OUT = Symbol('timed out');
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), timeoutMs);
    timer.unref?.();
  });
  let text: string;
  try {
    const result = await Promise.race([ports.recognize(bytes), timedOut]);
    if (result === TIMED_OUT) {
      ports.write(`self-test: the offline engine gave no text within ${timeoutMs / 1000} s`);
      return SELF_TEST_EXIT.timedOut;
    }
    text = result;
  } catch (error) {
    ports.write(`self-test: the offline engine failed: ${messageOf(error)}`);
    return SELF_TEST_EXIT.failed;
  } finally {
    clearTimeout(timer);
  }
  ports.write(`self-test: read ${JSON.stringify(text)} from ${path}`);
  if (normalize(text).includes(normalize(expected))) {
    ports.write('self-test: ok');
    return SELF_TEST_EXIT.ok;
  }
  ports.write(`self-test: expected ${JSON.stringify(expected)}`);
  return SELF_TEST_EXIT.mismatch;
}
