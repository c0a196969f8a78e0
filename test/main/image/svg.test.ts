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
    // An external entity fails the parse outright (fail closed); internal ones are dropped with their DOCTYPE.
    expect(() => sanitizeSvg(`${entity}<svg/>`)).toThrow();
    expect(sanitizeSvg('<!DOCTYPE svg [<!ENTITY y "z">]><svg><text>&y;</text></svg>')).toBe('<svg><text/></svg>');
    await expect(decodeImage(svg('<text>&x;</text>', entity), 'xxe.svg')).rejects.toMatchObject({ message: /xxe\.svg/ });
  });

  it('closes the string-level bypasses the review found (L5)', () => {
    const out = sanitizeSvg(
      '<svg xmlns="http://www.w3.org/2000/svg"><image x.y:href="file:///etc/passwd" é:href="/etc/passwd" width="9" height="9"/>' +
        '<style>@imp\\6frt "http://evil/a.css"; rect { fill: u\\72l(http://evil/b) }</style>' +
        '<?xml-style<?xml-stylesheet ?>sheet href="http://evil/c.css"?><rect style="background: url(file:///etc/passwd)"/></svg>',
    );
    expect(out).not.toMatch(/passwd|evil|@import|xml-style/);
  });

  it('drops filters, scripts, animation and foreign objects: a blur bomb renders as its plain shapes (M3)', async () => {
    const bomb = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="4000" height="4000"><filter id="f"><feGaussianBlur stdDeviation="2000"/><feMorphology radius="500"/></filter>' +
        '<rect width="4000" height="4000" fill="#0f0" filter="url(#f)" style="filter: url(#f)"/><script>alert(1)</script><foreignObject><p>x</p></foreignObject>' +
        '<animate attributeName="x" dur="1s"/></svg>',
    );
    const clean = sanitizeSvg(bomb.toString());
    expect(clean).not.toMatch(/filter|feGaussianBlur|script|foreignObject|animate/);
    const image = await decodeImage(bomb, 'bomb.svg');
    expect(pixelAt(image, 2000, 2000)).toEqual([0, 255, 0]);
  });

  it('says so for an SVG that is not well-formed XML', async () => {
    await expect(decodeImage(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><rect></svg>'), 'broken.svg')).rejects.toMatchObject({ message: /broken\.svg.*not well-formed/ });
  });
});
