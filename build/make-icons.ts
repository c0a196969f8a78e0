/** Draws the app and tray icons (a text cursor in a capture frame). Run: node build/make-icons.ts */
import sharp from 'sharp';

const svg = (size: number): Buffer =>
  Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 64 64">
  <rect x="2" y="2" width="60" height="60" rx="14" fill="#2563eb"/>
  <path d="M14 24V14h10M40 14h10v10M50 40v10H40M24 50H14V40" stroke="#fff" stroke-width="5" fill="none" stroke-linecap="round"/>
  <path d="M26 24h12M32 24v16M27 40h10" stroke="#fff" stroke-width="4" stroke-linecap="round"/>
</svg>`);

await sharp(svg(512)).png().toFile(new URL('./icon.png', import.meta.url).pathname);
await sharp(svg(32)).png().toFile(new URL('./tray.png', import.meta.url).pathname);
