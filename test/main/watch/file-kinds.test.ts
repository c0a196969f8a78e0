import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyName, contentKind, isBesideTextName, READABLE_EXTENSIONS } from '../../../main/watch/file-kinds.ts';
import { fixture } from '../../support/paths.ts';

const stem = fc.stringMatching(/^[A-Za-z0-9 _-]{1,12}$/).filter((s) => !s.startsWith('~'));
const readable = fc.constantFrom(...READABLE_EXTENSIONS);

describe('which files a watcher reads', () => {
  it('takes images and PDFs by extension, in any case, and files with no extension for their content to decide', () => {
    fc.assert(
      fc.property(stem, readable, fc.boolean(), (name, ext, upper) => {
        expect(classifyName(`/w/${name}.${upper ? ext.toUpperCase() : ext}`)).toEqual({ kind: 'candidate' });
      }),
    );
    expect(classifyName('/w/IMG_0001')).toEqual({ kind: 'candidate' });
  });

  it('skips other files with a reason', () => {
    expect(classifyName('/w/notes.txt')).toEqual({ kind: 'skip', reason: 'not an image or PDF' });
    expect(classifyName('/w/report.docx')).toEqual({ kind: 'skip', reason: 'not an image or PDF' });
  });

  it('ignores hidden, partial and temporary files, Office owner files and its own text files silently', () => {
    fc.assert(
      fc.property(stem, readable, fc.constantFrom('.crdownload', '.part', '.tmp', '.download', '.partial', '.temp', '~'), (name, ext, partial) => {
        expect(classifyName(`/w/${name}.${ext}${partial}`)).toEqual({ kind: 'ignore' });
        expect(classifyName(`/w/.${name}.${ext}`)).toEqual({ kind: 'ignore' });
        expect(classifyName(`/w/~$${name}.${ext}`)).toEqual({ kind: 'ignore' });
        expect(classifyName(`/w/${name}.${ext}.txt`)).toEqual({ kind: 'ignore' });
        expect(classifyName(`/w/${name}.${ext}.readout.txt`)).toEqual({ kind: 'ignore' });
      }),
    );
  });

  it('knows its own text files by name alone, and no one else’s', () => {
    expect(isBesideTextName('scan.png.txt')).toBe(true);
    expect(isBesideTextName('scan.PDF.readout.txt')).toBe(true);
    expect(isBesideTextName('scan.txt')).toBe(false);
    expect(isBesideTextName('notes.md.txt')).toBe(false);
  });

  it('decides by content: an image, a PDF, or what else it is', () => {
    expect(contentKind(readFileSync(fixture('text/en-zh.png')))).toEqual({ kind: 'image' });
    expect(contentKind(Buffer.from('%PDF-1.7\n...'))).toEqual({ kind: 'pdf' });
    expect(contentKind(Buffer.from('just some words\n'))).toEqual({ kind: null, reason: 'not an image or PDF (it holds text)' });
    expect(contentKind(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2]))).toEqual({ kind: null, reason: 'not an image or PDF (it is a zip archive)' });
  });
});

describe('what lies inside the watched folder', () => {
  const segment = fc.stringMatching(/^[A-Za-z0-9_. -]{1,8}$/).filter((s) => s !== '.' && s !== '..');
  it('every path joined under the root is inside; a sibling sharing its prefix, or a path climbing out, is not', async () => {
    const { isInside } = await import('../../../main/watch/scan.ts');
    const { join, resolve } = await import('node:path');
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 5 }), segment, fc.integer({ min: 1, max: 4 }), (segments, name, up) => {
        const root = '/watched/folder';
        expect(isInside(root, join(root, ...segments))).toBe(true);
        expect(isInside(root, `${root}${name}`)).toBe(false);
        expect(isInside(root, `${root}-${name}`)).toBe(false);
        const climbed = resolve(root, ...segments, ...Array.from({ length: segments.length + up }, () => '..'), name);
        expect(isInside(root, climbed)).toBe(climbed === root || climbed.startsWith(`${root}/`));
      }),
    );
  });
});
