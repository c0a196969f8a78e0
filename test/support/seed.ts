/** A history with finished entries, each with a real prepared image, as the window tests start from. */
import { readFile } from 'node:fs/promises';
import { prepareImage, type PreparedImage } from '../../main/image/prepare.ts';
import type { TestApp } from './app-services.ts';
import { result } from './entries.ts';
import { fixture } from './paths.ts';

/** A prepared image as the history stores it with a pending entry (HistoryStore.createPending's image fields). */
export function storedImage(image: PreparedImage) {
  return {
    image: { data: image.data, mime: image.mime, thumbnail: image.thumbnail },
    width: image.width,
    height: image.height,
    sentWidth: image.sentWidth,
    sentHeight: image.sentHeight,
    imageTokens: image.imageTokens,
  };
}

export async function seed(target: TestApp, texts: string[]): Promise<number[]> {
  const image = await prepareImage(await readFile(fixture('text/en-zh.png')), { file: 'en-zh.png' });
  return texts.map((text, i) => {
    const id = target.history.createPending({
      source: { kind: 'file', path: `/home/me/shot-${i}.png`, name: `shot-${i}.png` },
      engine: 'qwen',
      model: 'qwen-vl-ocr',
      mode: 'text',
      prompt: 'Read all the text in the image.',
      ...storedImage(image),
    });
    target.history.complete(id, result(text));
    return id;
  });
}
