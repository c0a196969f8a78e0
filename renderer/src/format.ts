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

export function formatTime(ms: number, language: string, now = Date.now()): string {
  const date = new Date(ms);
  const sameDay = new Date(now).toDateString() === date.toDateString();
  return new Intl.DateTimeFormat(language, sameDay ? { hour: '2-digit', minute: '2-digit' } : { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }).format(date);
}

export const formatCost = (cost: number, language: string): string =>
  new Intl.NumberFormat(language, { style: 'currency', currency: 'CNY', maximumFractionDigits: 4 }).format(cost);
