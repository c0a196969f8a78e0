/**
 * The app icon as the containers macOS and Windows want, assembled from PNGs (no conversion tool): electron-builder
 * takes build/icon.icns and build/icon.ico as they are, and only converts (with a toolset it downloads from GitHub)
 * when they are missing (app-builder-lib util/iconConverter.ts: a source that already has the format is returned).
 */

/**
 * An .icns file: "icns", the file's length, then one element per image: its type, its length (with this 8-byte
 * header), then PNG data. Apple's icns types that hold PNG, by pixel size.
 */
export const ICNS_TYPES: ReadonlyArray<readonly [type: string, pixels: number]> = [
  ['icp4', 16],
  ['icp5', 32],
  ['ic11', 32], // 16 pt @2x
  ['ic12', 64], // 32 pt @2x
  ['ic07', 128],
  ['ic08', 256],
  ['ic13', 256], // 128 pt @2x
  ['ic09', 512],
  ['ic14', 512], // 256 pt @2x
  ['ic10', 1024], // 512 pt @2x
];

export function icns(pngs: ReadonlyMap<number, Uint8Array>): Buffer {
  const elements = ICNS_TYPES.filter(([, pixels]) => pngs.has(pixels)).map(([type, pixels]) => {
    const png = pngs.get(pixels)!;
    const header = Buffer.alloc(8);
    header.write(type, 0, 'latin1');
    header.writeUInt32BE(png.byteLength + 8, 4);
    return Buffer.concat([header, png]);
  });
  const header = Buffer.alloc(8);
  header.write('icns', 0, 'latin1');
  header.writeUInt32BE(8 + elements.reduce((sum, element) => sum + element.length, 0), 4);
  return Buffer.concat([header, ...elements]);
}

/**
 * An .ico file: ICONDIR (reserved 0, type 1, count), one 16-byte ICONDIRENTRY per image (width and height as a byte,
 * 0 meaning 256; colours 0; reserved 0; planes 1; 32 bits per pixel; the data's length and offset), then the images as
 * PNG, which Windows Vista and later read.
 */
export function ico(pngs: ReadonlyArray<readonly [pixels: number, png: Uint8Array]>): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(pngs.length, 4);
  let offset = 6 + 16 * pngs.length;
  const entries = pngs.map(([pixels, png]) => {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(pixels >= 256 ? 0 : pixels, 0);
    entry.writeUInt8(pixels >= 256 ? 0 : pixels, 1);
    entry.writeUInt16LE(1, 4);
    entry.writeUInt16LE(32, 6);
    entry.writeUInt32LE(png.byteLength, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.byteLength;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...pngs.map(([, png]) => png)]);
}
