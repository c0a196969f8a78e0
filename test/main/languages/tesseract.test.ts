import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packFor } from '../../../main/languages/catalog.ts';
import { LanguagePacks } from '../../../main/languages/packs.ts';
import { tesseractFiles } from '../../../main/languages/tesseract.ts';
import { packTarball } from '../../support/language-packs.ts';
import { repoRoot } from '../../support/paths.ts';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'readout-tesseract-'));
let folder = '';
const png = join(dir, 'line.png');

beforeAll(async () => {
  const ko = packFor('ko')!;
  folder = (await new LanguagePacks(dir).add('ko', { files: ko.sources.map(packTarball) })).folder;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="420" height="68"><rect width="100%" height="100%" fill="#fff"/><text x="10" y="48" font-family="WenQuanYi Micro Hei" font-size="36">파일을 찾을 수 없습니다</text></svg>`;
  writeFileSync(png, await sharp(Buffer.from(svg)).png().toBuffer());
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The script, in a Node of its own whose every thread throws on any attempt to reach the network. */
const offline = async (...args: string[]): Promise<unknown> =>
  JSON.parse((await run(process.execPath, ['--import', './test/support/no-network.ts', 'test/support/offline-reader.ts', ...args], { cwd: repoRoot })).stdout);

describe('Tesseract, offline', () => {
  it('reads with the installed pack and reaches for nothing on the network', async () => {
    expect(await offline('reader', folder, 'kor', png)).toMatchObject({ text: '파일을 찾을 수 없습니다\n' });
  });

  it('is proved offline by a guard that does stop tesseract.js as it comes, which fetches from a CDN', async () => {
    expect(await offline('default')).toMatchObject({ error: expect.stringContaining('network access attempted (fetch)') });
  });

  it('loads its worker script and WebAssembly from files in the package, never a URL', () => {
    const files = tesseractFiles();
    expect(files.workerPath).toBe(join(repoRoot, 'node_modules/tesseract.js/src/worker-script/node/index.js'));
    expect(files.corePath).toBe(join(repoRoot, 'node_modules/tesseract.js-core'));
  });
});
