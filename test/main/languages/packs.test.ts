import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ReadoutError } from '../../../main/errors.ts';
import { LANGUAGE_PACKS, packFor, type PackSource } from '../../../main/languages/catalog.ts';
import { LanguagePacks, packCode } from '../../../main/languages/packs.ts';
import { PackServer, packTarball } from '../../support/language-packs.ts';
import { useTempDir } from '../../support/temp.ts';

const ko = packFor('ko')!;
const ja = packFor('ja')!;
const [jpn, jpnVert] = ja.sources as unknown as [PackSource, PackSource];
const kor = ko.sources[0]!;
const server = new PackServer(LANGUAGE_PACKS.flatMap((pack) => pack.sources));
const tempDir = useTempDir();

beforeAll(async () => {
  for (const source of [kor, jpn, jpnVert]) packTarball(source);
  await server.start();
}, 300_000);
afterAll(() => server.stop());
beforeEach(() => {
  server.answer = () => undefined;
  server.requests.length = 0;
});

/** The error a promise rejects with, for its code and message. */
async function refusal(promise: Promise<unknown>): Promise<ReadoutError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ReadoutError);
  return error as ReadoutError;
}

/** Nothing but installed packs in the languages folder: no temporary folder left behind. */
const leftovers = (dataDir: string): string[] => (existsSync(join(dataDir, 'languages')) ? readdirSync(join(dataDir, 'languages')) : []);

describe('language packs', () => {
  it('lists the built-in languages and every pack with its sizes', () => {
    const list = new LanguagePacks(tempDir()).list();
    expect(list.map((l) => [l.code, l.status])).toEqual([
      ['en', 'built-in'],
      ['zh-Hans', 'built-in'],
      ['ja', 'available'],
      ['ko', 'available'],
      ['zh-Hant', 'available'],
    ]);
    expect(list.find((l) => l.code === 'ja')).toMatchObject({ downloadBytes: jpn.size + jpnVert.size, diskBytes: jpn.installedSize + jpnVert.installedSize, vertical: true });
  });

  it('downloads a pack over HTTP with its progress, installs it atomically, and removes it', async () => {
    server.answer = (_path, source) => (source ? { bytes: readFileSync(packTarball(source)), chunk: 256 * 1024 } : undefined);
    const packs = new LanguagePacks(tempDir(), { registry: server.registry });
    const progress: number[] = [];
    const installed = await packs.add('ko', { onProgress: (received, total) => progress.push(received / total) });
    expect(server.requests).toEqual(['/@tesseract.js-data/kor/-/kor-1.0.0.tgz']);
    expect(progress.length).toBeGreaterThan(10);
    expect(progress.at(-1)).toBe(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(readdirSync(installed.folder).sort()).toEqual(['kor.traineddata.gz', 'pack.json']);
    expect(installed.models).toEqual({ horizontal: 'kor', vertical: null });
    expect(packs.list().find((l) => l.code === 'ko')).toMatchObject({ status: 'installed', diskBytes: installed.bytes });
    expect(leftovers(tempDir())).toEqual(['ko']);
    expect(packs.remove('ko')).toBe(true);
    expect(packs.installed('ko')).toBeNull();
    expect(packs.remove('ko')).toBe(false);
    expect(leftovers(tempDir())).toEqual([]);
  });

  it('installs from the tarballs a user brought, whatever their order, with nothing downloaded', async () => {
    const packs = new LanguagePacks(tempDir(), { registry: server.registry });
    const installed = await packs.add('ja', { files: [packTarball(jpnVert), packTarball(jpn)] });
    expect(server.requests).toEqual([]);
    expect(installed.models).toEqual({ horizontal: 'jpn', vertical: 'jpn_vert' });
    expect(installed.bytes).toBeGreaterThan(jpn.installedSize + jpnVert.installedSize);
  });

  it('refuses a changed tarball, naming the file and the cause, and leaves nothing behind', async () => {
    const dataDir = tempDir();
    const changed = new Uint8Array(readFileSync(packTarball(kor)));
    changed[changed.length >> 1]! ^= 0x01;
    const file = join(dataDir, 'kor.tgz');
    writeFileSync(file, changed);
    const error = await refusal(new LanguagePacks(dataDir).add('ko', { files: [file] }));
    expect(error.code).toBe('language-integrity');
    expect(error.message).toContain(`${file} is not @tesseract.js-data/kor 1.0.0 as published`);
    expect(error.message).toContain('damaged or was changed');
    expect(leftovers(dataDir)).toEqual([]);
  });

  it('refuses a cut-short tarball and a file that is another package', async () => {
    const dataDir = tempDir();
    const file = join(dataDir, 'kor.tgz');
    writeFileSync(file, readFileSync(packTarball(kor)).subarray(0, 1_000_000));
    const cut = await refusal(new LanguagePacks(dataDir).add('ko', { files: [file] }));
    expect(cut.message).toContain(`${file} is not @tesseract.js-data/kor 1.0.0 as published: it has 1000000 bytes of its ${kor.size} (cut short, or another file)`);
    const other = await refusal(new LanguagePacks(dataDir).add('ja', { files: [packTarball(kor), packTarball(jpnVert)] }));
    expect(other.message).toContain(`${packTarball(kor)} is none of @tesseract.js-data/jpn 1.0.0, @tesseract.js-data/jpn_vert 1.0.0`);
    const half = await refusal(new LanguagePacks(dataDir).add('ja', { files: [packTarball(jpnVert)] }));
    expect(half.code).toBe('language-missing-file');
    expect(half.message).toContain('tesseract.js-data-jpn-1.0.0.tgz');
    expect(leftovers(dataDir)).toEqual([]);
  });

  it('refuses what a registry serves when it is not the pinned tarball, cut short or missing', async () => {
    const dataDir = tempDir();
    const packs = new LanguagePacks(dataDir, { registry: server.registry });
    // Another package served at kor's path: its size says so before anything is read.
    server.answer = () => ({ bytes: readFileSync(packTarball(jpnVert)) });
    const other = await refusal(packs.add('ko'));
    expect(other.code).toBe('language-integrity');
    expect(other.message).toContain(`${server.registry}@tesseract.js-data/kor/-/kor-1.0.0.tgz is not the package Readout pins: it is ${jpnVert.size} bytes`);
    // The same size, other bytes: a wrong hash.
    const changed = new Uint8Array(readFileSync(packTarball(kor)));
    changed[100]! ^= 0x80;
    server.answer = () => ({ bytes: changed });
    const wrong = await refusal(packs.add('ko'));
    expect(wrong.code).toBe('language-integrity');
    expect(wrong.message).toContain(`${server.registry}@tesseract.js-data/kor/-/kor-1.0.0.tgz is not @tesseract.js-data/kor 1.0.0 as published`);
    // More bytes than the pinned size, with no length announced: cut off as they arrive.
    server.answer = () => ({ bytes: new Uint8Array(kor.size + 10), unannounced: true });
    expect((await refusal(packs.add('ko'))).message).toContain(`sent more than the ${kor.size} bytes`);
    // The connection dropped halfway.
    server.answer = (_path, source) => ({ bytes: readFileSync(packTarball(source!)), cutAt: 3_000_000 });
    const broken = await refusal(packs.add('ko'));
    expect(broken.code).toBe('language-download');
    expect(broken.retryable).toBe(true);
    server.answer = () => ({ status: 404 });
    expect((await refusal(packs.add('ko'))).message).toContain('answered 404');
    expect(leftovers(dataDir)).toEqual([]);
  });

  it('keeps the installed pack when a new install of it fails', async () => {
    const dataDir = tempDir();
    const packs = new LanguagePacks(dataDir, { registry: server.registry });
    await packs.add('ko', { files: [packTarball(kor)] });
    server.answer = () => ({ status: 500 });
    await refusal(packs.add('ko'));
    expect(packs.installed('ko')).not.toBeNull();
    expect(leftovers(dataDir)).toEqual(['ko']);
  });

  it('stops a download when asked', async () => {
    const dataDir = tempDir();
    server.answer = (_path, source) => ({ bytes: readFileSync(packTarball(source!)), chunk: 64 * 1024, delayMs: 5 });
    const controller = new AbortController();
    const adding = new LanguagePacks(dataDir, { registry: server.registry }).add('ko', { signal: controller.signal, onProgress: (received) => received > 500_000 && controller.abort() });
    expect((await refusal(adding)).code).toBe('cancelled');
    expect(leftovers(dataDir)).toEqual([]);
  });

  it('takes codes in any case and says what there is for an unknown or built-in one', () => {
    expect(packCode('zh-hant')).toBe('zh-Hant');
    expect(() => packCode('fr')).toThrow('There is no language pack "fr". Packs: ja (Japanese), ko (Korean), zh-Hant (Traditional Chinese).');
    expect(() => packCode('en')).toThrow('English (en) is built in');
  });
});
