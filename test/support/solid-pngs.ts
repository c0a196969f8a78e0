/**
 * `count` small PNGs in `dir` (shot-0000.png, shot-0001.png, ...), each a different size and colour so no two are the
 * same image: the batch room's tests submit them as a folder of screenshots.
 */
import { join } from 'node:path';
import sharp from 'sharp';

export async function solidPngs(dir: string, count: number): Promise<string[]> {
  const paths: string[] = [];
  for (let i = 0; i < count; i++) {
    const path = join(dir, `shot-${String(i).padStart(4, '0')}.png`);
    await sharp({ create: { width: 64 + i, height: 48, channels: 3, background: { r: (i * 37) % 256, g: 200, b: 90 } } }).png().toFile(path);
    paths.push(path);
  }
  return paths;
}
