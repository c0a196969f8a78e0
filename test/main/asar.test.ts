import { describe, expect, it } from 'vitest';
import { unpackedPath, unpackedUrl } from '../../main/asar.ts';

describe('unpackedPath', () => {
  it('maps a path inside app.asar to app.asar.unpacked, and leaves others alone', () => {
    expect(unpackedPath('/opt/Readout/resources/app.asar/out/main/local-worker.js')).toBe('/opt/Readout/resources/app.asar.unpacked/out/main/local-worker.js');
    expect(unpackedPath('/opt/Readout/resources/app.asar.unpacked/x.onnx')).toBe('/opt/Readout/resources/app.asar.unpacked/x.onnx');
    expect(unpackedPath('/home/u/src/readout/main/ocr/local-worker.ts')).toBe('/home/u/src/readout/main/ocr/local-worker.ts');
    // Only the archive itself, not a folder whose name merely starts the same way.
    expect(unpackedPath('/home/u/app.asarx/y')).toBe('/home/u/app.asarx/y');
    expect(unpackedPath('/a/app.asar/b/app.asar/c')).toBe('/a/app.asar/b/app.asar.unpacked/c');
  });

  it('maps file URLs too', () => {
    expect(unpackedUrl(new URL('file:///opt/R/resources/app.asar/out/main/w.js')).href).toBe('file:///opt/R/resources/app.asar.unpacked/out/main/w.js');
    expect(unpackedUrl(new URL('https://example.com/app.asar/x')).href).toBe('https://example.com/app.asar/x');
  });
});
