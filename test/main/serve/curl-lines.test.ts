/**
 * The curl lines Settings › Local API shows (renderer/src/components/curl-lines.ts) run as given in
 * a POSIX shell against a real server and send the image's very bytes. Umi-OCR's line encodes with
 * `base64 < image.png | tr -d '\n'`, not GNU's `base64 -w0` (macOS's base64 has no -w), so it runs on Linux, macOS
 * and Windows' Git Bash alike; a wrapped base64 would be taken too (main/serve/base64.ts), but not every Umi server does.
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { curlLines } from '../../../renderer/src/components/curl-lines.ts';
import { useTempDir } from '../../support/temp.ts';
import { guardedServer, PNG } from './guarded-server.ts';

const start = guardedServer();
const tempDir = useTempDir();
const TOKEN = 'test-token-0123456789abcdef';

const shell = (line: string, cwd: string): Promise<string> =>
  new Promise((resolve, reject) => execFile('bash', ['-c', line], { cwd }, (error, stdout) => (error ? reject(error) : resolve(stdout))));

describe('the Local API page’s curl lines', () => {
  it('use no GNU-only flag, and each reads image.png’s bytes when run as shown', async () => {
    const { port, reader } = await start({ token: TOKEN });
    const lines = curlLines(`http://127.0.0.1:${port}`, TOKEN, false);
    expect(lines.umi).not.toContain('-w0');
    expect(lines.umi).toContain("base64 < image.png | tr -d '\\n'");
    const dir = tempDir();
    writeFileSync(join(dir, 'image.png'), PNG);
    const umi = JSON.parse(await shell(lines.umi, dir)) as { code: number };
    expect(umi.code).toBe(100);
    const v1 = JSON.parse(await shell(lines.v1, dir)) as Array<{ ok: boolean }>;
    expect(v1[0]?.ok).toBe(true);
    expect(reader.calls.map((c) => Buffer.from(c.bytes).equals(PNG))).toEqual([true, true]);
  });
});
