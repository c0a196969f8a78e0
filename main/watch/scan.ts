/**
 * The files in a watched folder, and its subfolders with `recursive`. Links are not followed out of the tree: a link
 * to a folder is never entered (it could loop, or lead anywhere on the disk), and a link to a file is read only when
 * the file it names lies inside the watched folder (it is then that file, read under its own name as well).
 */
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { join, relative, isAbsolute, sep } from 'node:path';

export interface Found {
  path: string;
  size: number;
  mtimeMs: number;
}

export type Entry = { kind: 'file'; file: Found } | { kind: 'outside'; path: string } | { kind: 'other' };

/** Whether `path` is `root` or lies under it. */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/** What one path is, as the watcher needs it: a regular file (through a link inside the tree), a link out, or neither. */
export async function examine(root: string, path: string): Promise<Entry | null> {
  try {
    const link = await lstat(path);
    if (link.isSymbolicLink()) {
      // A link to a folder is not entered, whatever it points at: passed over in silence, as a folder is.
      const info = await stat(path);
      if (!info.isFile()) return { kind: 'other' };
      if (!isInside(root, await realpath(path))) return { kind: 'outside', path };
      return { kind: 'file', file: { path, size: info.size, mtimeMs: info.mtimeMs } };
    }
    return link.isFile() ? { kind: 'file', file: { path, size: link.size, mtimeMs: link.mtimeMs } } : { kind: 'other' };
  } catch {
    // Gone since it was listed, or a link to nothing: there is nothing to read.
    return null;
  }
}

/**
 * Every path under `root` (its files, and with `recursive` its subfolders' files), in the order the folder lists
 * them; folders whose name says they are hidden are not entered. `root` is the folder's real path.
 */
export async function* walk(root: string, recursive: boolean, skipFolder: (path: string) => boolean = () => false): AsyncGenerator<string> {
  const folders = [root];
  while (folders.length > 0) {
    const folder = folders.shift()!;
    let names: import('node:fs').Dirent[];
    try {
      names = await readdir(folder, { withFileTypes: true });
    } catch {
      // A subfolder that cannot be listed (no permission, removed meanwhile) is passed over; the root was checked.
      continue;
    }
    names.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of names) {
      const path = join(folder, entry.name);
      // isDirectory() of a Dirent is false for a link to a folder: links are never entered.
      if (entry.isDirectory()) {
        if (recursive && !entry.name.startsWith('.') && !skipFolder(path)) folders.push(path);
        continue;
      }
      yield path;
    }
  }
}
