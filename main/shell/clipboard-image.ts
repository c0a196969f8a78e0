/**
 * Adapter: the clipboard's image for clipboard watching (app/clipboard-watch.ts), as PNG bytes. Electron 45's clipboard
 * is the W3C-shaped one (electron/electron docs/api/clipboard.md): has(mimetype) says whether it holds a type, and
 * read() resolves with ClipboardItems whose getType('image/png') is the image; image/png is one of the standard MIME
 * types it maps. It has no change event (the doc's Methods list none), so the watcher polls this.
 */
import { clipboard } from 'electron';
import type { ClipboardImagePort } from '../app/clipboard-watch.ts';

export const clipboardImage: ClipboardImagePort = {
  async readImage(): Promise<Uint8Array | null> {
    // The cheap question first: most polls find text, or nothing new.
    if (!(await clipboard.has('image/png'))) return null;
    for (const item of await clipboard.read()) {
      if (!item.types.includes('image/png')) continue;
      const blob = await item.getType('image/png');
      return new Uint8Array(await blob.arrayBuffer());
    }
    return null;
  },
};
