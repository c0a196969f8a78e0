/** Numbers, sizes and times in the reader's language. */
export const formatNumber = (value: number, language: string): string => new Intl.NumberFormat(language).format(value);

export const formatBytes = (bytes: number, language: string): string => {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${new Intl.NumberFormat(language, { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value)} ${units[unit]}`;
};

/** Intl formatters are costly to make and every list row needs one: one per language and shape, kept. */
const timeFormats = new Map<string, Intl.DateTimeFormat>();
const timeFormat = (language: string, sameDay: boolean): Intl.DateTimeFormat => {
  const key = `${language}|${sameDay}`;
  let format = timeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(language, sameDay ? { hour: '2-digit', minute: '2-digit' } : { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
    timeFormats.set(key, format);
  }
  return format;
};

export function formatTime(ms: number, language: string, now = Date.now()): string {
  const date = new Date(ms);
  const today = new Date(now);
  const sameDay = today.getFullYear() === date.getFullYear() && today.getMonth() === date.getMonth() && today.getDate() === date.getDate();
  return timeFormat(language, sameDay).format(date);
}

export const formatCost = (cost: number, language: string, currency = 'CNY'): string =>
  new Intl.NumberFormat(language, { style: 'currency', currency, maximumFractionDigits: 4 }).format(cost);
