/** Realistic inputs made on the spot: a 4K screenshot full of text, a phone photo, a small crop. */
import sharp from 'sharp';

const LINE = 'Readout 把截图里的文字读出来 — screenshots, scans and PDFs; 识别中文和英文 0123456789';

export async function screenshot4k(): Promise<Buffer> {
  const rows = Array.from({ length: 60 }, (_, i) =>
    `<text x="${40 + (i % 3) * 8}" y="${60 + i * 34}" font-family="WenQuanYi Micro Hei, Noto Sans CJK SC, sans-serif" font-size="22" fill="#222">${i + 1}. ${LINE}</text>`,
  ).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="3840" height="2160"><rect width="100%" height="100%" fill="#fafafa"/><rect x="0" y="0" width="3840" height="40" fill="#2d2d30"/><rect x="2400" y="200" width="1200" height="1600" fill="#e8eef7"/>${rows}</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

export async function phonePhoto(): Promise<Buffer> {
  const width = 4032;
  const height = 3024;
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 3;
      const noise = (x * 7919 + y * 104729) % 23;
      data[o] = (x / width) * 200 + noise;
      data[o + 1] = (y / height) * 180 + noise;
      data[o + 2] = 120 + noise;
    }
  }
  return sharp(data, { raw: { width, height, channels: 3 } }).jpeg({ quality: 90 }).toBuffer();
}

export async function smallCrop(): Promise<Buffer> {
  return sharp(await screenshot4k()).extract({ left: 30, top: 40, width: 640, height: 180 }).png().toBuffer();
}
