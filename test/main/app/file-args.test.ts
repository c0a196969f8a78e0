/** Review N5: "Open with" on Linux hands files over as file: URLs (%U) as often as paths; both must open. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { imageArgs } from '../../../main/app/file-args.ts';
import { useTempDir } from '../../support/temp.ts';

const tempDir = useTempDir();

describe('imageArgs', () => {
  it('takes paths, relative paths and file: URLs, and skips flags, other schemes and missing files', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'shots'));
    for (const name of ['a.png', 'b c.PDF', 'notes.txt']) writeFileSync(join(dir, 'shots', name), 'x');
    const argv = [
      '--enable-features=X',
      join(dir, 'shots/a.png'),
      'shots/a.png',
      pathToFileURL(join(dir, 'shots/b c.PDF')).href,
      'https://example.com/a.png',
      'file://remote-host/share/a.png',
      'file:///nowhere/missing.png',
      join(dir, 'shots/notes.txt'),
    ];
    expect(imageArgs(argv, dir)).toEqual([join(dir, 'shots/a.png'), join(dir, 'shots/a.png'), join(dir, 'shots/b c.PDF')]);
  });

  it('finds any file by its file: URL, whatever its name holds (spaces, %, #, ?, non-Latin letters)', () => {
    const dir = tempDir();
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', 'Z', ' ', '%', '#', '?', '&', '+', ';', '中', 'é', '\'', '[', '='), minLength: 1, maxLength: 12 }),
        fc.constantFrom('png', 'jpg', 'pdf', 'webp'),
        (stem, ext) => {
          const path = join(dir, `${stem}.${ext}`);
          writeFileSync(path, 'x');
          expect(imageArgs([pathToFileURL(path).href], '/')).toEqual([path]);
        },
      ),
      { numRuns: 60 },
    );
  });
});
