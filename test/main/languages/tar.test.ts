import fc from 'fast-check';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { TarError, tarEntries } from '../../../main/languages/tar.ts';
import { writeTar } from '../../support/tar-writer.ts';
import { useTempDir } from '../../support/temp.ts';

const name = fc.stringMatching(/^[a-z0-9_./-]{1,60}$/);
const files = fc.array(fc.record({ name, data: fc.uint8Array({ maxLength: 2000 }) }), { maxLength: 5 });
const tempDir = useTempDir();

describe('tarEntries', () => {
  it('reads back every file a tar holds, in order', () => {
    fc.assert(
      fc.property(files, (written) => {
        const read = [...tarEntries(writeTar(written))];
        expect(read.map((e) => [e.name, e.type, [...e.data]])).toEqual(written.map((f) => [f.name, '0', [...f.data]]));
      }),
    );
  });

  it('refuses an archive cut short anywhere', () => {
    fc.assert(
      fc.property(files.filter((f) => f.length > 0), fc.nat(), (written, cut) => {
        const tar = writeTar(written);
        // The end-of-archive block starts here; cutting inside it leaves the archive whole.
        const end = tar.length - 1024;
        const at = cut % end;
        expect(() => [...tarEntries(tar.subarray(0, at))]).toThrow(TarError);
      }),
    );
  });

  it('refuses a header with any byte changed', () => {
    fc.assert(
      fc.property(files.filter((f) => f.length > 0), fc.nat(511), fc.integer({ min: 1, max: 255 }), (written, at, flip) => {
        const tar = writeTar(written);
        // The checksum field's terminator (bytes 154 and 155) is outside the sum, and POSIX allows a space or a NUL
        // there: one of them for the other is the same header. Any other byte there is refused (octal()).
        const terminator = (byte: number) => byte === 0 || byte === 0x20;
        fc.pre(!(at >= 154 && at < 156 && terminator(tar[at]!) && terminator(tar[at]! ^ flip)));
        tar[at]! ^= flip;
        // A changed checksum field may still be a number that does not match, or not a number: both are refused.
        expect(() => [...tarEntries(tar)]).toThrow(TarError);
      }),
    );
  });

  it('reads what GNU tar writes, long names and prefixes included', () => {
    const dir = tempDir();
    const long = `${'a'.repeat(120)}/file.txt`;
    execFileSync('mkdir', ['-p', `${dir}/in/${'a'.repeat(120)}`]);
    execFileSync('sh', ['-c', `printf hello > '${dir}/in/${long}' && printf x > '${dir}/in/short'`]);
    for (const format of ['ustar', 'pax', 'gnu']) {
      execFileSync('tar', ['--format', format, '-czf', `${dir}/${format}.tgz`, '-C', `${dir}/in`, long, 'short']);
      const entries = [...tarEntries(gunzipSync(readFileSync(`${dir}/${format}.tgz`)))];
      expect(entries.map((e) => [e.name, new TextDecoder().decode(e.data)])).toEqual([
        [long, 'hello'],
        ['short', 'x'],
      ]);
    }
  });
});
