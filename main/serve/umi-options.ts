/**
 * Umi-OCR's `options` for /api/ocr, and the description GET /api/ocr/get_options answers, in the shape its
 * documentation gives (hiroi-sora/Umi-OCR docs/http/api_ocr.md, "1. 图片OCR：参数查询": each key with title, toolTip,
 * default, type and, for an enum, optionsList of [value, label]). The keys are Umi's own, so a script that builds
 * its options from get_options, or sends Umi's examples, works unchanged; the defaults are Readout's, and where
 * Readout cannot honour an option its toolTip says so, and the value is accepted and ignored, as Umi-OCR itself
 * ignores options its engine lacks.
 *
 * Umi's layout parsers (tbpu.parser, UmiOCR-data/py_src/ocr/tbpu/parser_*.py) map to Readout's line modes
 * (main/text/line-modes.ts): *_line to Lines, *_para to Paragraphs, *_none to One line, single_code to Layout
 * (indentation and columns kept), none to the engine's own lines, each ending in a line break as Umi's ParserNone
 * gives them. Readout finds columns itself (ocr/reading-order.ts), so single_* and multi_* read alike.
 */
import { z } from 'zod';
import type { LineMode } from '../text/line-modes.ts';

export const UMI_PARSERS = ['multi_para', 'multi_line', 'multi_none', 'single_para', 'single_line', 'single_none', 'single_code', 'none'] as const;
export type UmiParser = (typeof UMI_PARSERS)[number];

/**
 * Umi's own default (docs/http/api_ocr.md's table, and ocr_server.py's get_ocr_options: "default": "multi_para"): a
 * script that sends no tbpu.parser was written against paragraphs, so it gets paragraphs here too.
 */
export const DEFAULT_PARSER: UmiParser = 'multi_para';

/** Each parser's line mode; null: the engine's lines as they came (Umi's "none"). */
export const PARSER_MODE: Record<UmiParser, LineMode | null> = {
  multi_para: 'paragraphs',
  single_para: 'paragraphs',
  multi_line: 'lines',
  single_line: 'lines',
  multi_none: 'one-line',
  single_none: 'one-line',
  single_code: 'layout',
  none: null,
};

/** A rectangle to leave out: [[left, top], [right, bottom]] in the image's pixels. */
export type IgnoreArea = [[number, number], [number, number]];

export interface UmiOptions {
  format: 'dict' | 'text';
  parser: UmiParser;
  ignoreArea: IgnoreArea[];
}

const point = z.tuple([z.number(), z.number()]);
const areas = z.array(z.tuple([point, point]));
const AREA_SHAPE = 'tbpu.ignoreArea must be a list of rectangles, each [[x1,y1],[x2,y2]] (top left, bottom right)';

/**
 * `options` as Umi-OCR reads it (server/ocr_server.py): every key optional, a missing one its default; keys Readout
 * has no use for (ocr.language, ocr.cls, ocr.limit_side_len, another engine's ocr.*) accepted and ignored. A parser
 * Umi does not have, or an ignore area not of the documented shape, is Umi's code 804 ("options 解释失败").
 */
export function parseUmiOptions(options: Record<string, unknown>): { ok: true; options: UmiOptions } | { ok: false; message: string } {
  const parser = options['tbpu.parser'] ?? DEFAULT_PARSER;
  if (typeof parser !== 'string' || !(UMI_PARSERS as readonly string[]).includes(parser)) {
    return { ok: false, message: `options: tbpu.parser must be one of ${UMI_PARSERS.join(', ')}` };
  }
  const area = areas.safeParse(options['tbpu.ignoreArea'] ?? []);
  if (!area.success) return { ok: false, message: `options: ${AREA_SHAPE}` };
  // Umi turns the data into text only for "text" (ocr_server.py: `if opt["data.format"] == "text"`); anything else is the dict.
  return { ok: true, options: { format: options['data.format'] === 'text' ? 'text' : 'dict', parser: parser as UmiParser, ignoreArea: area.data } };
}

const PARSER_LABELS: Record<UmiParser, string> = {
  multi_para: 'Paragraphs (Readout: Paragraphs; Umi-OCR’s default)',
  multi_line: 'Lines, as on screen (Readout: Lines)',
  multi_none: 'One line (Readout: One line)',
  single_para: 'Paragraphs (read as multi_para: Readout finds columns itself)',
  single_line: 'Lines (read as multi_line: Readout finds columns itself)',
  single_none: 'One line (read as multi_none: Readout finds columns itself)',
  single_code: 'Keep indentation (Readout: Layout)',
  none: "The engine's lines as they came, each ending in a line break",
};

export interface OptionDescription {
  title: string;
  toolTip: string;
  default: unknown;
  type: 'enum' | 'boolean' | 'text' | 'number' | 'var';
  optionsList?: Array<[string | number, string]>;
}

/** GET /api/ocr/get_options: what the server reads with, its defaults, and which options it does not honour. */
export function describeOptions(engine: { name: string; model: string }): Record<string, OptionDescription> {
  const reader = `${engine.name}${engine.model ? ` (${engine.model})` : ''}`;
  return {
    'ocr.language': {
      title: 'Language / model',
      toolTip: `Not honoured: Readout reads with the engine it was started with, ${reader} (readout serve --engine, --lang). Any value is accepted and ignored.`,
      default: engine.name,
      type: 'enum',
      optionsList: [[engine.name, reader]],
    },
    'ocr.cls': {
      title: 'Correct text direction',
      toolTip: 'Not honoured: accepted and ignored. Readout turns photos upright by their EXIF orientation; Qwen corrects rotated text when readout serve is started with --rotate.',
      default: false,
      type: 'boolean',
    },
    'ocr.limit_side_len': {
      title: 'Limit image side length',
      toolTip: "Not honoured: Readout sizes each image to the engine's pixel bounds itself (readout serve --max-pixels). Any value is accepted and ignored.",
      default: 999999,
      type: 'enum',
      optionsList: [[960, '960'], [2880, '2880'], [4320, '4320'], [999999, 'No limit (Readout: the engine’s pixel bounds)']],
    },
    'tbpu.parser': {
      title: 'Layout',
      toolTip: "How the lines are ordered and joined, as Readout's line modes. Readout finds columns itself, so single_* and multi_* read alike.",
      default: DEFAULT_PARSER,
      type: 'enum',
      optionsList: UMI_PARSERS.map((parser) => [parser, PARSER_LABELS[parser]]),
    },
    'tbpu.ignoreArea': {
      title: 'Ignore areas',
      toolTip: "A list, each item [[x1,y1],[x2,y2]] (top left, bottom right, in the image's pixels): a line wholly inside one is left out. Honoured where the engine gives each line's place (the offline engine); Qwen's text without places is kept whole.",
      default: [],
      type: 'var',
    },
    'data.format': {
      title: 'Data format',
      toolTip: 'How ["data"] holds the result: dict, a list of lines with their places; text, the text alone.',
      default: 'dict',
      type: 'enum',
      optionsList: [['dict', 'Lines with their places and scores'], ['text', 'Text only']],
    },
  };
}
