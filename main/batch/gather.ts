/**
 * The files a submission names: files as given (each is tried, whatever its name), folders' files whose extension is
 * one of `extensions` (the caller's list of readable kinds), sorted, their subfolders too with `recursive`.
 */
import { readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';

export interface Gathered {
  files: string[];
  /** Paths that could not be looked at, and why. */
  problems: Array<{ path: string; reason: string }>;
}

export function gatherFiles(paths: readonly string[], options: { recursive: boolean; extensions: readonly string[] }): Gathered {
  const wanted = new Set(options.extensions.map((e) => e.toLowerCase()));
  const files: string[] = [];
  const problems: Gathered['problems'] = [];
  const seen = new Set<string>();
  const add = (path: string): void => {
    if (!seen.has(path)) {
      seen.add(path);
      files.push(path);
    }
  };
  const walk = (folder: string, depth: number): void => {
    let names: string[];
    try {
      names = readdirSync(folder).sort();
    } catch (error) {
      problems.push({ path: folder, reason: (error as NodeJS.ErrnoException).code ?? 'unreadable' });
      return;
    }
    for (const name of names) {
      const path = join(folder, name);
      let isDir = false;
      try {
        isDir = statSync(path).isDirectory();
      } catch {
        continue;
      }
      if (isDir) {
        if (options.recursive && depth < 64) walk(path, depth + 1);
      } else if (wanted.has(extname(name).slice(1).toLowerCase())) add(path);
    }
  };
  for (const path of paths) {
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch (error) {
      problems.push({ path, reason: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : 'cannot be read' });
      continue;
    }
    if (isDir) walk(path, 0);
    else add(path);
  }
  return { files, problems };
}
