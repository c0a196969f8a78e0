/**
 * Whether a code's content may be opened as a web address: http and https only, never file:, javascript:, data: or
 * an app's own scheme, and never with credentials in it. The window shows the whole address and asks first.
 */
export function safeWebUrl(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed.length > 4096 || /\s/.test(trimmed)) return null;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password || !url.hostname) return null;
  return url.href;
}
