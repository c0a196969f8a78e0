import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeImage } from '../../../main/image/decode.ts';
import { sanitizeSvg } from '../../../main/image/svg.ts';
import { fixture } from '../../support/paths.ts';
import { pixelAt, WHITE } from '../../support/pixels.ts';

let hits = 0;
const server = createServer((_request, response) => {
  hits++;
  response.end();
});
let origin = '';

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const svg = (body: string, extra = ''): Buffer =>
  Buffer.from(`${extra}<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="40" height="40">${body}</svg>`);

describe('SVG input', () => {
  it('rasterises shapes', async () => {
    const image = await decodeImage(svg('<rect width="40" height="20" fill="#00f"/>'), 'shape.svg');
    expect([image.width, image.height]).toEqual([40, 40]);
    expect(pixelAt(image, 5, 5)).toEqual([0, 0, 255]);
    expect(pixelAt(image, 5, 30)).toEqual(WHITE);
  });

  it('never reads a local file an SVG points at', async () => {
    const local = pathToFileURL(fixture('formats/quadrants.png')).href;
    const image = await decodeImage(
      svg(`<image href="${local}" width="40" height="40"/><image xlink:href="${fixture('formats/quadrants.png')}" width="40" height="40"/>`),
      'local.svg',
    );
    // The quadrants would paint the top-left red; sanitised, the canvas stays white.
    expect(pixelAt(image, 5, 5)).toEqual(WHITE);
  });

  it('never fetches a URL an SVG points at', async () => {
    await decodeImage(
      svg(
        `<style>@import url(${origin}/a.css); rect { fill: url(${origin}/b#g) }</style><image href="${origin}/c.png" width="9" height="9"/><rect width="9" height="9"/>`,
        `<?xml-stylesheet href="${origin}/d.css"?>`,
      ),
      'remote.svg',
    ).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(hits).toBe(0);
  });

  it('keeps same-document and data references', () => {
    const kept = sanitizeSvg('<svg><use href="#a"/><image href="data:image/png;base64,AA"/><rect fill="url(#g)"/></svg>');
    expect(kept).toContain('href="#a"');
    expect(kept).toContain('data:image/png');
    expect(kept).toContain('url(#g)');
  });

  it('drops DOCTYPE entity declarations', async () => {
    const entity = `<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>`;
    expect(sanitizeSvg(`${entity}<svg/>`)).toBe('<svg/>');
    await expect(decodeImage(svg('<text>&x;</text>', entity), 'xxe.svg')).rejects.toMatchObject({ message: /xxe\.svg/ });
  });
});
