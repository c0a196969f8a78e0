/**
 * SVG is rasterised by librsvg inside sharp. Before that, the file is parsed as XML (fast-xml-parser) and rebuilt from
 * an allow-list of elements and attributes (bad-input review M3, L5), so that:
 * - nothing can reach outside the file: only same-document (#id) and data: references survive, in attributes and in
 *   CSS; DOCTYPEs (and with them entities), processing instructions and foreign namespaces are gone. A parse, not
 *   text substitution, so a prefix like `x.y:href`, a nested `<!DOC<!DOCTYPE>TYPE` or a CSS escape cannot slip by;
 * - rasterising is bounded: filters (a 270-byte blur once took 142 s and 2.7 GB), animation, scripts and foreign
 *   objects are dropped; what is left is shapes, text, gradients, clips, masks and embedded data: images.
 */
import { XMLBuilder, XMLParser } from 'fast-xml-parser';

const ELEMENTS = new Set([
  'svg', 'g', 'defs', 'symbol', 'use', 'title', 'desc', 'switch', 'a', 'view',
  'path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon', 'image',
  'text', 'tspan', 'textPath', 'style',
  'linearGradient', 'radialGradient', 'stop', 'clipPath', 'mask', 'pattern', 'marker',
]);

const ATTRIBUTES = new Set([
  // Identity, layout and geometry
  'id', 'class', 'lang', 'x', 'y', 'x1', 'y1', 'x2', 'y2', 'cx', 'cy', 'r', 'rx', 'ry', 'fx', 'fy', 'fr', 'width', 'height',
  'd', 'points', 'pathLength', 'viewBox', 'preserveAspectRatio', 'transform', 'version', 'baseProfile',
  // Paint and presentation
  'fill', 'fill-opacity', 'fill-rule', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-linecap', 'stroke-linejoin',
  'stroke-miterlimit', 'stroke-dasharray', 'stroke-dashoffset', 'opacity', 'color', 'display', 'visibility', 'overflow',
  'clip-path', 'clip-rule', 'mask', 'marker-start', 'marker-mid', 'marker-end', 'paint-order', 'vector-effect',
  'shape-rendering', 'text-rendering', 'image-rendering', 'color-interpolation', 'mix-blend-mode', 'isolation',
  'stop-color', 'stop-opacity', 'offset', 'gradientUnits', 'gradientTransform', 'spreadMethod',
  'patternUnits', 'patternContentUnits', 'patternTransform', 'clipPathUnits', 'maskUnits', 'maskContentUnits',
  'markerWidth', 'markerHeight', 'markerUnits', 'refX', 'refY', 'orient',
  // Text
  'font-family', 'font-size', 'font-weight', 'font-style', 'font-variant', 'font-stretch', 'text-anchor',
  'dominant-baseline', 'alignment-baseline', 'baseline-shift', 'letter-spacing', 'word-spacing', 'text-decoration',
  'writing-mode', 'direction', 'unicode-bidi', 'dx', 'dy', 'rotate', 'textLength', 'lengthAdjust', 'startOffset',
  'method', 'spacing', 'side', 'white-space',
  // Checked below
  'href', 'xlink:href', 'style', 'xml:space', 'xml:lang', 'xmlns', 'xmlns:xlink', 'media', 'type',
]);

const NAMESPACES: Record<string, string> = { xmlns: 'http://www.w3.org/2000/svg', 'xmlns:xlink': 'http://www.w3.org/1999/xlink' };
const PREDEFINED_ENTITIES = /&(?!(?:lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);)[^;\s<&]*;/g;

const OPTIONS = {
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  processEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  suppressEmptyNode: true,
} as const;

type Node = Record<string, unknown> & { ':@'?: Record<string, string> };

const isInternal = (reference: string): boolean => {
  const value = reference.trim().replace(/^["']|["']$/g, '').trim();
  return value.startsWith('#') || /^data:/i.test(value);
};

/** CSS with every way out removed: escapes undone first (so `@imp\6frt` is read as @import), then imports and urls. */
export function sanitizeCss(css: string): string {
  const unescaped = css
    .replace(/\\([0-9a-fA-F]{1,6})\s?/g, (_, hex: string) => String.fromCodePoint(Math.min(parseInt(hex, 16), 0x10ffff) || 0xfffd))
    .replace(/\\(.)/g, '$1')
    .replace(/\/\*[\s\S]*?\*\//g, '');
  return unescaped
    .replace(/@import[^;]*;?/gi, '')
    .replace(/url\(([^)]*)\)/gi, (match, value: string) => (isInternal(value) ? match : 'none'))
    // A filter in CSS is as costly as one in an attribute.
    .replace(/(^|[;{\s])filter\s*:[^;}]*/gi, '$1');
}

function cleanAttributes(attributes: Record<string, string> | undefined): Record<string, string> | undefined {
  if (!attributes) return undefined;
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(attributes)) {
    if (!ATTRIBUTES.has(name)) continue;
    if ((name === 'href' || name === 'xlink:href') && !isInternal(value)) continue;
    if (name in NAMESPACES && value !== NAMESPACES[name]) continue;
    kept[name] = name === 'style' ? sanitizeCss(value) : value.replace(/url\(([^)]*)\)/gi, (match, inner: string) => (isInternal(inner) ? match : 'none'));
  }
  return kept;
}

/** Elements whose character data means something; elsewhere it is dropped (stray text is at best whitespace). */
const TEXT_PARENTS = new Set(['text', 'tspan', 'textPath', 'title', 'desc', 'a']);

function clean(nodes: Node[], parent = ''): Node[] {
  const kept: Node[] = [];
  for (const node of nodes) {
    const name = Object.keys(node).find((key) => key !== ':@')!;
    if (name === '#text') {
      if (TEXT_PARENTS.has(parent)) kept.push({ '#text': String(node['#text']).replace(PREDEFINED_ENTITIES, '') });
      continue;
    }
    if (!ELEMENTS.has(name)) continue;
    const children = node[name] as Node[];
    const body: Node[] = name === 'style' ? children.filter((child) => '#text' in child).map((child) => ({ '#text': sanitizeCss(String(child['#text'])) })) : clean(children, name);
    const attributes = cleanAttributes(node[':@']);
    kept.push(attributes && Object.keys(attributes).length > 0 ? { [name]: body, ':@': attributes } : { [name]: body });
  }
  return kept;
}

/** The SVG rebuilt from what is allowed; throws for text that is not well-formed XML. */
export function sanitizeSvg(source: string): string {
  const parsed = new XMLParser(OPTIONS).parse(source, true) as Node[];
  const root = clean(parsed);
  if (!root.some((node) => 'svg' in node)) throw new Error('no <svg> element at the top of the file');
  return new XMLBuilder(OPTIONS).build(root) as string;
}
