/** Draws the app and tray icons (a text cursor in a capture frame). Run: node build/make-icons.ts */
import { writeFileSync } from 'node:fs';
import sharp from 'sharp';
import { icns, ico } from './icon-files.ts';

const svg = (size: number): Buffer =>
  Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 64 64">
  <rect x="2" y="2" width="60" height="60" rx="14" fill="#2563eb"/>
  <path d="M14 24V14h10M40 14h10v10M50 40v10H40M24 50H14V40" stroke="#fff" stroke-width="5" fill="none" stroke-linecap="round"/>
  <path d="M26 24h12M32 24v16M27 40h10" stroke="#fff" stroke-width="4" stroke-linecap="round"/>
</svg>`);

await sharp(svg(512)).png().toFile(new URL('./icon.png', import.meta.url).pathname);
await sharp(svg(32)).png().toFile(new URL('./tray.png', import.meta.url).pathname);

// macOS menu bar: a Template image (black on transparent; the name ends in "Template" so macOS tints it for light and
// dark bars) at 16 pt, with an @2x for Retina (tray.md "MacOS"; review m5).
const template = (size: number): Buffer =>
  Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 64 64">
  <path d="M10 24V10h14M40 10h14v14M54 40v14H40M24 54H10V40" stroke="#000" stroke-width="6" fill="none" stroke-linecap="round"/>
  <path d="M24 24h16M32 24v16M26 40h12" stroke="#000" stroke-width="5" stroke-linecap="round"/>
</svg>`);
await sharp(template(16)).png().toFile(new URL('./trayTemplate.png', import.meta.url).pathname);
await sharp(template(32)).png().toFile(new URL('./trayTemplate@2x.png', import.meta.url).pathname);

// Linux: the icon in every size desktops ask for (electron-builder's linux.icon folder, named by size).
const { mkdirSync } = await import('node:fs');
mkdirSync(new URL('./icons/', import.meta.url), { recursive: true });
for (const size of [16, 24, 32, 48, 64, 128, 256, 512]) await sharp(svg(size)).png().toFile(new URL(`./icons/${size}x${size}.png`, import.meta.url).pathname);

// macOS and Windows: the same icon in their own containers (icon-files.ts), so electron-builder converts nothing.
const pngAt = async (size: number): Promise<Uint8Array> => new Uint8Array(await sharp(svg(size)).png().toBuffer());
const macSizes = [16, 32, 64, 128, 256, 512, 1024];
writeFileSync(new URL('./icon.icns', import.meta.url), icns(new Map(await Promise.all(macSizes.map(async (size) => [size, await pngAt(size)] as const)))));
writeFileSync(new URL('./icon.ico', import.meta.url), ico(await Promise.all([16, 24, 32, 48, 64, 128, 256].map(async (size) => [size, await pngAt(size)] as const))));
