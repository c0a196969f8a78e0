/** A PDF's pages in the history, as a document job leaves them: one entry per page, each with a real image. */
import { readFile } from 'node:fs/promises';
import { prepareImage } from '../../main/image/prepare.ts';
import type { TestApp } from './app-services.ts';
import { result } from './entries.ts';
import { fixture } from './paths.ts';
import { storedImage } from './seed.ts';

export async function seedDocument(target: TestApp, fileName: string, pages: string[]): Promise<number[]> {
  const image = await prepareImage(await readFile(fixture('text/en-zh.png')), { file: 'en-zh.png' });
  const document = target.history.createDocument(fileName, pages.length);
  return pages.map((text, i) => {
    const id = target.history.createPending({
      source: { kind: 'file', path: `/home/me/${fileName}`, name: fileName },
      engine: 'local',
      model: 'PP-OCRv4',
      mode: 'text',
      prompt: null,
      ...storedImage(image),
      document: { id: document, page: i + 1 },
    });
    target.history.complete(id, result(text, { engine: 'local', model: 'PP-OCRv4' }));
    return id;
  });
}
