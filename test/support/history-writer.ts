/**
 * Writes history entries as fast as it can until killed: the victim of the crash test. Each round creates a pending
 * entry with a large image, edits an older one, completes the new one, and now and then deletes or prunes.
 * Usage: node test/support/history-writer.ts DB_PATH
 */
import { HistoryStore } from '../../main/history/store.ts';
import { newEntry, result } from './entries.ts';

const store = new HistoryStore(process.argv[2]!);
const image = new Uint8Array(256 * 1024).map((_, i) => (i * 31) % 251);
process.stdout.write('ready\n');
for (let n = 1; ; n++) {
  const id = store.createPending(newEntry({ image: { data: image, mime: 'image/png', thumbnail: image.subarray(0, 4096) } }));
  await new Promise((resolve) => setImmediate(resolve));
  if (id > 3) store.edit(id - 3, `edited ${id - 3} ${'文字'.repeat(200)}`);
  store.complete(id, result(`entry ${id} done ${'text 文本 '.repeat(100)}`));
  if (n % 7 === 0) store.delete([id - 5]);
  if (n % 25 === 0) store.pruneImages(20 * 1024 * 1024);
}
