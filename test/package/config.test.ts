/**
 * electron-builder.ts as electron-builder reads it: no target overrides the command line's arch (review N1), each
 * platform's files end with its native filters, installers name their arch, unsigned macOS builds are signed ad hoc
 * (N9), and the Linux packages keep electron-builder's own dependencies (N12).
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import builder from '../../electron-builder.ts';
import { foreignNativeFilters } from '../../build/native-packages.ts';

/** app-builder-lib's FpmTarget, whose getDefaultDepends is what a package's depends replace. */
const { default: FpmTarget } = createRequire(import.meta.url)('app-builder-lib/out/targets/FpmTarget.js') as {
  default: { prototype: { getDefaultDepends(target: string): string[] } };
};

describe('the packaging configuration', () => {
  it('lists no arch in any target, so each pass builds the arch it is given', () => {
    for (const platform of [builder.mac, builder.win, builder.linux]) {
      for (const target of [platform?.target].flat()) expect(typeof target === 'string' || target?.arch === undefined, JSON.stringify(target)).toBe(true);
    }
  });

  it("ends each platform's files with the filters that keep out every other platform's and arch's native code", () => {
    for (const [options, platform] of [[builder.mac, 'darwin'], [builder.win, 'win32'], [builder.linux, 'linux']] as const) {
      const files = options?.files as string[];
      expect(files.slice(-foreignNativeFilters(platform).length)).toEqual(foreignNativeFilters(platform));
      expect(files).toContain('out/**');
      expect(files).toContain('build/self-test.png');
    }
    // A top-level list beside them would be a matcher of its own (see electron-builder.ts FILES).
    expect(builder.files).toBeUndefined();
  });

  it('names the arch in every macOS and Windows installer, so no two runners upload one name', () => {
    expect(builder.mac?.artifactName).toMatch(/\$\{arch\}/);
    expect(builder.win?.artifactName).toMatch(/\$\{arch\}/);
  });

  it('signs macOS ad hoc when no signing certificate is given', () => {
    expect(builder.mac?.identity).toBe(process.env.CSC_LINK || process.env.CSC_NAME ? undefined : '-');
  });

  it("keeps electron-builder's own deb and rpm dependencies, and adds the desktop portal", () => {
    expect(builder.deb?.depends).toEqual([...FpmTarget.prototype.getDefaultDepends('deb'), 'xdg-desktop-portal']);
    expect(builder.rpm?.depends).toEqual([...FpmTarget.prototype.getDefaultDepends('rpm'), 'libsecret', 'xdg-desktop-portal']);
  });
});
