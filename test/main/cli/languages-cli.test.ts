import { existsSync, writeFileSync } from 'node:fs';
import sharp from 'sharp';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGE_PACKS, packFor } from '../../../main/languages/catalog.ts';
import { PackServer, packTarball } from '../../support/language-packs.ts';
import { runCli } from '../../support/run-cli.ts';
import { useTempDir } from '../../support/temp.ts';

const kor = packFor('ko')!.sources[0]!;
const server = new PackServer(LANGUAGE_PACKS.flatMap((pack) => pack.sources));
const tempDir = useTempDir();

beforeAll(async () => {
  packTarball(kor);
  await server.start();
}, 300_000);
afterAll(() => server.stop());

describe('readout languages', () => {
  it('lists the built-in, installed and available languages with their sizes', async () => {
    const run = await runCli(['languages', '--data-dir', tempDir()]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Built in\n  en       English\n  zh-Hans  Simplified Chinese\n');
    expect(run.stdout).toMatch(/Available \(readout languages add CODE\)\n {2}ja {7}Japanese \(also vertical\) +22\.2 MB download, 4\.1 MB on disk\n/);
    const json = await runCli(['languages', '--json', '--data-dir', tempDir()]);
    const rows = json.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(Object.keys(rows[0]).sort()).toEqual(['code', 'diskBytes', 'downloadBytes', 'name', 'status', 'vertical']);
    expect(rows.map((r) => r.code)).toEqual(['en', 'zh-Hans', 'ja', 'ko', 'zh-Hant']);
  });

  it('adds a pack from the registry, lists it as installed, and removes it', async () => {
    const dataDir = tempDir();
    const add = await runCli(['languages', 'add', 'ko', '--registry', server.registry, '--data-dir', dataDir, '--json']);
    expect(add.stderr).toBe('');
    expect(add.code).toBe(0);
    expect(JSON.parse(add.stdout)).toMatchObject({ code: 'ko', status: 'installed', folder: join(dataDir, 'languages', 'ko') });
    const list = await runCli(['languages', '--data-dir', dataDir]);
    expect(list.stdout).toMatch(/Installed\n {2}ko {7}Korean +1\.6 MB on disk\n/);
    const remove = await runCli(['languages', 'remove', 'ko', '--data-dir', dataDir]);
    expect(remove).toMatchObject({ code: 0, stderr: 'readout: removed Korean (ko)\n' });
    expect(existsSync(join(dataDir, 'languages', 'ko'))).toBe(false);
    expect(await runCli(['languages', 'remove', 'ko', '--data-dir', dataDir])).toMatchObject({ code: 1, stderr: 'readout: Korean (ko) is not installed.\n' });
  });

  it('adds a pack from a file with no network, and refuses a file that is not it', async () => {
    const dataDir = tempDir();
    // No registry can be reached at this address: a download would fail.
    const offline = ['--registry', 'http://127.0.0.1:9/', '--data-dir', dataDir];
    const add = await runCli(['languages', 'add', 'ko', '--from', packTarball(kor), ...offline]);
    expect(add.code).toBe(0);
    expect(add.stdout).toBe(`Korean (ko) installed: 1.6 MB in ${join(dataDir, 'languages', 'ko')}\n`);
    const wrong = await runCli(['languages', 'add', 'zh-Hant', '--from', packTarball(kor), ...offline]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain(`readout: ${packTarball(kor)} is not @tesseract.js-data/chi_tra 1.0.0 as published`);
  });

  it('reads with an installed pack (--lang), and says how to add one that is not', async () => {
    const dataDir = tempDir();
    const image = join(dataDir, 'ko.png');
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="40"><rect width="100%" height="100%" fill="#fff"/><text x="8" y="27" font-family="WenQuanYi Micro Hei" font-size="18">다시 시도해 주세요</text></svg>`;
    writeFileSync(image, await sharp(Buffer.from(svg)).png().toBuffer());
    const missing = await runCli(['--engine', 'local', '--lang', 'ko', '--data-dir', dataDir, image]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--lang ko: the Korean pack is not installed. Add it with: readout languages add ko (a 8.5 MB download)');
    expect((await runCli(['--engine', 'qwen', '--base-url', 'http://127.0.0.1:9/v1', '--lang', 'ko', image])).stderr).toContain('--lang picks a language pack of the offline engine');
    await runCli(['languages', 'add', 'ko', '--from', packTarball(kor), '--data-dir', dataDir]);
    const read = await runCli(['--engine', 'local', '--lang', 'ko', '--data-dir', dataDir, '--json', image]);
    expect(read.code).toBe(0);
    expect(JSON.parse(read.stdout)).toMatchObject({ ok: true, text: '다시 시도해 주세요', engine: 'local', model: 'Tesseract (ko)' });
  }, 60_000);

  it('warns, in --json and on stderr, of text in a script the built-in models cannot read', async () => {
    const dataDir = tempDir();
    const image = join(dataDir, 'ja.png');
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="420" height="60"><rect width="100%" height="100%" fill="#fff"/><text x="10" y="36" font-family="WenQuanYi Micro Hei" font-size="16">ダウンロードの保存先を選択してください</text></svg>`;
    writeFileSync(image, await sharp(Buffer.from(svg)).png().toBuffer());
    const json = await runCli(['--engine', 'local', '--json', '--no-history', '--data-dir', dataDir, image]);
    expect(JSON.parse(json.stdout).warnings).toEqual([
      {
        code: 'script-not-read',
        script: 'kana',
        pack: 'ja',
        installed: false,
        message: 'This looks like Japanese, which the built-in models cannot read. Add the Japanese pack (readout languages add ja) and read it with --lang ja, or read it with Qwen-VL-OCR.',
      },
    ]);
    const text = await runCli(['--engine', 'local', '--no-history', '--data-dir', dataDir, image]);
    expect(text.stderr).toBe(`readout: warning: ${image}: This looks like Japanese, which the built-in models cannot read. Add the Japanese pack (readout languages add ja) and read it with --lang ja, or read it with Qwen-VL-OCR.\n`);
  }, 60_000);

  it('says what is wrong with a usage error', async () => {
    expect(await runCli(['languages', 'add', 'fr'])).toMatchObject({ code: 2 });
    expect((await runCli(['languages', 'add', 'fr'])).stderr).toContain('There is no language pack "fr"');
    expect((await runCli(['languages', 'add'])).code).toBe(2);
    expect((await runCli(['languages', '--from', 'x.tgz'])).stderr).toContain('--from goes with languages add');
    const help = await runCli(['languages', '--help']);
    expect(help.stdout).toContain('readout languages add CODE [--from FILE]');
  });
});
