/** Timing helpers: medians of repeated runs, since this machine is shared and noisy. */
export async function measure(runs: number, task: () => Promise<unknown>): Promise<{ median: number; p95: number; samples: number[] }> {
  await task(); // warm-up: first-call costs (library loading, JIT) are not what we compare
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await task();
    samples.push(performance.now() - started);
  }
  return summarize(samples);
}

export function summarize(samples: number[]): { median: number; p95: number; samples: number[] } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { median: at(0.5), p95: at(0.95), samples };
}

export const ms = (value: number): string => `${value.toFixed(1)} ms`;
export const ratio = (value: number, baseline: number): string => {
  const r = value / baseline;
  return `${r.toFixed(r < 0.1 ? 3 : 2)}x`;
};

export function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ')).join('\n');
}
