/**
 * SVG is rasterised by librsvg inside sharp. Before that, every reference that could reach outside the file is
 * removed: a screenshot tool must never fetch a URL or read a local file because an image told it to.
 * Only same-document (#id) and data: references survive; DOCTYPEs (and with them entity tricks) are dropped.
 */
const isInternal = (reference: string): boolean => {
  const value = reference.trim().replace(/^["']|["']$/g, '').trim();
  return value.startsWith('#') || /^data:/i.test(value);
};

export function sanitizeSvg(source: string): string {
  return source
    .replace(/<!DOCTYPE[^[>]*(\[[\s\S]*?\])?\s*>/gi, '')
    .replace(/<\?xml-stylesheet[\s\S]*?\?>/gi, '')
    .replace(/\s(?:[\w-]+:)?(?:href|src)\s*=\s*(["'])([\s\S]*?)\1/gi, (match, _quote: string, value: string) =>
      isInternal(value) ? match : '',
    )
    .replace(/@import[^;]*;?/gi, '')
    .replace(/url\(([^)]*)\)/gi, (match, value: string) => (isInternal(value) ? match : 'none'));
}
