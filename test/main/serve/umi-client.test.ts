/**
 * A client that speaks only Umi-OCR's documented protocol (hiroi-sora/Umi-OCR docs/http/api_ocr.md: its Python
 * example ported to fetch, as a script written for Umi-OCR would call it) against `readout serve`'s server with the
 * real reader: the offline engine on a real image, the history a real SQLite file.
 */
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { pagesPdf, plainPage } from '../../support/hostile-pdfs.ts';
import { fixture } from '../../support/paths.ts';
import { useOfflineServer } from './offline-server.ts';

const image = readFileSync(fixture('text/en-zh.png'));
const LINES = ['Readout reads text 2026', '离线识别中文和英文'];
const server = useOfflineServer();
let url: string;
beforeAll(() => {
  url = `http://127.0.0.1:${server().port}`;
});

interface UmiBlock {
  text: string;
  score: number;
  box: number[][];
  end: string;
}
interface UmiResult {
  code: number;
  data: UmiBlock[] | string;
  time: number;
  timestamp: number;
}

/** The documentation's example: json.dumps(data), Content-Type application/json, the answer parsed as JSON. */
async function umiOcr(data: unknown): Promise<UmiResult> {
  const response = await fetch(`${url}/api/ocr`, { method: 'POST', body: JSON.stringify(data), headers: { 'Content-Type': 'application/json' } });
  expect(response.status).toBe(200);
  return (await response.json()) as UmiResult;
}

/** Umi-OCR's own getDataText (UmiOCR-data/py_src/ocr/output/tools.py). */
const getDataText = (data: UmiBlock[]): string => data.map((tb, i) => tb.text + (i < data.length - 1 ? tb.end : '')).join('');

describe("Umi-OCR's /api/ocr, as its documentation says", () => {
  it('dict (the default): code 100 and each line with its score, its box clockwise from top left in the image’s pixels, and its end', async () => {
    const before = Date.now() / 1000;
    // multi_line: one block a line whatever the layout decides; Umi's default, multi_para, is review.test.ts's.
    const res = await umiOcr({ base64: image.toString('base64'), options: { 'tbpu.parser': 'multi_line' } });
    expect(res.code).toBe(100);
    expect(res.timestamp).toBeGreaterThanOrEqual(before - 1);
    expect(res.time).toBeGreaterThan(0);
    const data = res.data as UmiBlock[];
    expect(data.map((tb) => tb.text)).toEqual(LINES);
    for (const tb of data) {
      expect(Object.keys(tb).sort()).toEqual(['box', 'end', 'score', 'text']);
      expect(tb.score).toBeGreaterThan(0.5);
      expect(tb.score).toBeLessThanOrEqual(1);
      const [[x1, y1], [x2, y2], [x3, y3], [x4, y4]] = tb.box as [number[], number[], number[], number[]];
      expect(tb.box.flat().every(Number.isInteger)).toBe(true);
      // Top left, top right, bottom right, bottom left, within the 640x160 original.
      expect(x2! > x1! && y3! > y2! && x3! > x4! && y4! > y1!).toBe(true);
      expect(Math.max(...tb.box.map((p) => p[0]!))).toBeLessThanOrEqual(640);
      expect(Math.max(...tb.box.map((p) => p[1]!))).toBeLessThanOrEqual(160);
    }
    expect(data[0]!.box[0]![1]!).toBeLessThan(data[1]!.box[0]![1]!);
    expect(data[0]!.end).toBe('\n');
    expect(getDataText(data)).toBe(LINES.join('\n'));
  }, 60_000);

  it('data.format "text": one string, the blocks joined as Umi joins them', async () => {
    const res = await umiOcr({ base64: image.toString('base64'), options: { 'data.format': 'text', 'tbpu.parser': 'multi_line' } });
    expect(res).toMatchObject({ code: 100, data: LINES.join('\n') });
  });

  it('tbpu.parser maps to the line modes: multi_none is one line; Umi’s PaddleOCR options are accepted and ignored', async () => {
    const res = await umiOcr({ base64: image.toString('base64'), options: { 'tbpu.parser': 'multi_none', 'ocr.language': 'models/config_chinese.txt', 'ocr.cls': true, 'ocr.limit_side_len': 4320 } });
    expect(res.code).toBe(100);
    const data = res.data as UmiBlock[];
    expect(data.map((tb) => tb.text)).toEqual(LINES);
    expect(getDataText(data)).not.toContain('\n');
    expect(getDataText(data)).toMatch(/^Readout reads text 2026 ?离线识别中文和英文$/);
  });

  it('tbpu.ignoreArea leaves out a line wholly inside an area', async () => {
    const all = (await umiOcr({ base64: image.toString('base64') })).data as UmiBlock[];
    const first = all[0]!.box;
    const area = [[first[0]![0]! - 2, first[0]![1]! - 2], [first[2]![0]! + 2, first[2]![1]! + 2]];
    const res = await umiOcr({ base64: image.toString('base64'), options: { 'tbpu.ignoreArea': [area], 'data.format': 'text' } });
    expect(res).toMatchObject({ code: 100, data: LINES[1] });
  });

  it('101 with a message for an image without text', async () => {
    const blank = await sharp({ create: { width: 200, height: 80, channels: 3, background: '#ffffff' } }).png().toBuffer();
    const res = await umiOcr({ base64: blank.toString('base64') });
    expect(res.code).toBe(101);
    expect(typeof res.data).toBe('string');
  });

  it('the documented error codes, each with its reason, and the server answering on', async () => {
    const raw = async (body: string) => (await (await fetch(`${url}/api/ocr`, { method: 'POST', body, headers: { 'Content-Type': 'application/json' } })).json()) as UmiResult;
    expect((await raw('{not json')).code).toBe(800);
    expect((await raw('')).code).toBe(801);
    expect((await raw('{}')).code).toBe(801);
    expect((await raw('{"options": {}}')).code).toBe(802);
    expect((await umiOcr({ base64: image.toString('base64'), options: [1] })).code).toBe(803);
    expect((await umiOcr({ base64: image.toString('base64'), options: { 'tbpu.parser': 'sideways' } })).code).toBe(804);
    const area = await umiOcr({ base64: image.toString('base64'), options: { 'tbpu.ignoreArea': [[0, 0, 10, 10]] } });
    expect(area).toMatchObject({ code: 804, data: expect.stringContaining('[[x1,y1],[x2,y2]]') });
    const bad = await umiOcr({ base64: 'iVBORw0KGgo!!!not-base64' });
    expect(bad).toMatchObject({ code: 300, data: expect.stringContaining('Base64 decode failed') });
    const text = await umiOcr({ base64: Buffer.from('just some words, not an image').toString('base64') });
    expect(text.code).toBe(301);
    expect(text.data).toMatch(/not an image/);
    const pdf = await umiOcr({ base64: pagesPdf([plainPage('A page of a PDF document')]).toString('base64') });
    expect(pdf).toMatchObject({ code: 301, data: expect.stringContaining('/v1/read') });
    expect((await umiOcr({ base64: image.toString('base64'), options: { 'data.format': 'text' } })).code).toBe(100);
  });

  it('a data: URL prefix is taken', async () => {
    const res = await umiOcr({ base64: `data:image/png;base64,${image.toString('base64')}`, options: { 'data.format': 'text', 'tbpu.parser': 'multi_line' } });
    expect(res).toMatchObject({ code: 100, data: LINES.join('\n') });
  });

  it('GET /api/ocr/get_options: every option in the documented shape, Readout’s defaults, and what is not honoured', async () => {
    const response = await fetch(`${url}/api/ocr/get_options`, { method: 'GET', headers: { 'Content-Type': 'application/json' } });
    const options = (await response.json()) as Record<string, { title: string; toolTip: string; default: unknown; type: string; optionsList?: Array<[unknown, string]> }>;
    expect(Object.keys(options).sort()).toEqual(['data.format', 'ocr.cls', 'ocr.language', 'ocr.limit_side_len', 'tbpu.ignoreArea', 'tbpu.parser']);
    for (const option of Object.values(options)) {
      expect(typeof option.title).toBe('string');
      expect(typeof option.toolTip).toBe('string');
      expect(['enum', 'boolean', 'text', 'number', 'var']).toContain(option.type);
      if (option.type === 'enum') expect(option.optionsList!.map(([value]) => value)).toContain(option.default);
    }
    expect(options['tbpu.parser']!.optionsList!.map(([value]) => value)).toEqual(['multi_para', 'multi_line', 'multi_none', 'single_para', 'single_line', 'single_none', 'single_code', 'none']);
    expect(options['data.format']!.default).toBe('dict');
    for (const key of ['ocr.language', 'ocr.cls', 'ocr.limit_side_len']) expect(options[key]!.toolTip).toMatch(/^Not honoured/);
  });

  it('each reading goes into the history, found by GET /v1/history', async () => {
    const found = await fetch(`${url}/v1/history?q=${encodeURIComponent('离线识别')}&limit=2`);
    expect(found.status).toBe(200);
    const { entries } = (await found.json()) as { entries: Array<{ id: number; createdAt: number; fileName: string; text: string; status: string }> };
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({ fileName: 'api', status: 'done', text: expect.stringContaining('离线识别') });
    expect((await fetch(`${url}/v1/history?limit=1000`)).status).toBe(400);
  });
});
