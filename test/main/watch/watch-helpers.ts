/** What the `readout watch` end-to-end tests share: rendered text, slow writes, and the history read back. */
import { existsSync } from 'node:fs';
import { appendFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import sharp from 'sharp';
import type { CliChild } from '../../support/cli-child.ts';

/** A PNG of one line of text the offline engine reads. */
export const render = (text: string): Promise<Buffer> =>
  sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="480" height="80"><rect width="100%" height="100%" fill="white"/><text x="16" y="52" font-family="DejaVu Sans, sans-serif" font-size="36" fill="black">${text}</text></svg>`))
    .png()
    .toBuffer();

/** Writes `bytes` in `chunks` pieces, `pauseMs` apart: a download or a copy in progress. */
export async function writeSlowly(path: string, bytes: Buffer, chunks: number, pauseMs: number): Promise<void> {
  const size = Math.ceil(bytes.length / chunks);
  await writeFile(path, bytes.subarray(0, size));
  for (let at = size; at < bytes.length; at += size) {
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
    await appendFile(path, bytes.subarray(at, at + size));
  }
}

export interface Row {
  file_name: string;
  status: string;
  error_code: string | null;
  text: string;
}

/** Every entry in the history, read through a connection of the test's own (WAL: beside the watcher's). */
export function entries(data: string): Row[] {
  const path = join(data, 'history.sqlite');
  if (!existsSync(path)) return [];
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    return db.prepare('SELECT file_name, status, error_code, text FROM entries ORDER BY id').all() as unknown as Row[];
  } finally {
    db.close();
  }
}

export function watchedState(data: string, name: string): string | null {
  const path = join(data, 'history.sqlite');
  if (!existsSync(path)) return null;
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    const row = db.prepare("SELECT state FROM watched_files WHERE path LIKE '%/' || ?").get(name) as { state: string } | undefined;
    return row?.state ?? null;
  } catch {
    return null;
  } finally {
    db.close();
  }
}

export const done = (data: string, name: string): Row[] => entries(data).filter((e) => e.file_name === name && e.status === 'done');
export const reportsOf = (child: Pick<CliChild, 'stdout'>): Array<{ file: string; ok: boolean; text: string | null; entryId: number | null }> =>
  child.stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line));

