import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAppResource } from '../../main/app-protocol.ts';
import { useTempDir } from '../support/temp.ts';

const tempDir = useTempDir();

function renderer(): { root: string; outside: string } {
  const base = tempDir();
  const root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html>');
  writeFileSync(join(root, 'assets/index-1.js'), '');
  writeFileSync(join(root, 'assets/a b.css'), '');
  writeFileSync(join(base, 'secret.txt'), 'key');
  writeFileSync(join(base, 'secret.js'), 'key');
  symlinkSync(join(base, 'secret.js'), join(root, 'assets/link.js'));
  return { root, outside: base };
}

describe('app:// resources', () => {
  it('serves the renderer’s files with their types', async () => {
    const { root } = renderer();
    expect(await resolveAppResource('app://readout/index.html', root)).toMatchObject({ ok: true, mime: 'text/html; charset=utf-8' });
    expect(await resolveAppResource('app://readout/', root)).toMatchObject({ ok: true, path: join(root, 'index.html') });
    expect(await resolveAppResource('app://readout/assets/index-1.js?v=1#x', root)).toMatchObject({ ok: true, mime: 'text/javascript; charset=utf-8' });
    expect(await resolveAppResource('app://readout/assets/a%20b.css', root)).toMatchObject({ ok: true, mime: 'text/css; charset=utf-8' });
    expect(await resolveAppResource('app://readout/missing.js', root)).toEqual({ ok: false, status: 404 });
  });

  it('refuses everything outside the folder: .., encoded .., links out, other hosts and schemes, unknown types', async () => {
    const { root } = renderer();
    for (const url of [
      'app://readout/../secret.js',
      'app://readout/%2e%2e/secret.js',
      'app://readout/assets/%2e%2e%2f%2e%2e%2fsecret.js',
      'app://readout/assets/..%5c..%5csecret.js',
      'app://readout/assets/link.js',
      'app://evil/index.html',
      'file:///etc/passwd',
      'app://readout/index.html%00.js',
    ]) {
      expect((await resolveAppResource(url, root)).ok, url).toBe(false);
    }
    expect(await resolveAppResource('app://readout/../secret.txt', root)).toMatchObject({ ok: false });
    expect(await resolveAppResource('app://readout/%E0%A4%A', root)).toEqual({ ok: false, status: 400 });
  });
});
