/**
 * The history at 100,000 entries against the plain alternative, a JSON file of the same entries loaded and scanned.
 * The database is built once and cached in .cache/ (delete it to rebuild); images are small stand-ins, since the
 * figures are about text.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HistoryStore } from '../main/history/store.ts';
import { entryText, RARE_EN, RARE_ZH, RARE_ZH_SHORT, rng } from './corpus.ts';
import { measure, ms, ratio, summarize, table } from './stats.ts';
import { newEntry, result } from '../test/support/entries.ts';

const COUNT = 100_000;
const CORPUS_VERSION = 3;
const cacheDir = join(import.meta.dirname, '..', '.cache', 'bench');
const dbPath = join(cacheDir, `history-${CORPUS_VERSION}-${COUNT}.sqlite`);
const jsonPath = join(cacheDir, `history-${CORPUS_VERSION}-${COUNT}.json`);
const image = { data: new Uint8Array(2048).fill(9), mime: 'image/png', thumbnail: new Uint8Array(512).fill(5) };

interface JsonEntry {
  id: number;
  createdAt: number;
  text: string;
  fileName: string;
}

function build(): void {
  mkdirSync(cacheDir, { recursive: true });
  const partial = `${dbPath}.partial`;
  rmSync(partial, { force: true });
  const random = rng(42);
  let clock = Date.UTC(2024, 0, 1);
  const store = new HistoryStore(partial, { now: () => (clock += 60_000) });
  const json: JsonEntry[] = [];
  const started = performance.now();
  for (let n = 1; n <= COUNT; n++) {
    const text = entryText(n, random);
    const fileName = `capture-${n}.png`;
    const id = store.createPending(newEntry({ image, source: { kind: 'file', path: `/captures/${fileName}`, name: fileName } }));
    store.complete(id, result(text));
    json.push({ id, createdAt: clock, text, fileName });
    if (n % 20_000 === 0) process.stderr.write(`  built ${n} entries in ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
  }
  store.vacuum();
  store.close();
  renameSync(partial, dbPath);
  writeFileSync(jsonPath, JSON.stringify(json));
}

/** The baseline: every entry in memory, searched by a case-insensitive scan, newest first. */
function scanJson(entries: JsonEntry[], query: string, limit = 50): JsonEntry[] {
  const needle = query.toLowerCase();
  const hits: JsonEntry[] = [];
  for (let i = entries.length - 1; i >= 0 && hits.length < limit; i--) {
    const e = entries[i]!;
    if (e.text.toLowerCase().includes(needle) || e.fileName.toLowerCase().includes(needle)) hits.push(e);
  }
  return hits;
}

/** The cached 100,000-entry history, built on first use. */
export function benchHistoryPath(): { dbPath: string; jsonPath: string } {
  if (!existsSync(dbPath) || !existsSync(jsonPath)) {
    process.stderr.write(`Building a ${COUNT}-entry history for the benchmark (cached in ${cacheDir})...\n`);
    build();
  }
  return { dbPath, jsonPath };
}

export async function benchHistory(): Promise<string> {
  benchHistoryPath();
  const openDb = await measure(9, async () => new HistoryStore(dbPath).close());
  const openJson = await measure(3, async () => JSON.parse(readFileSync(jsonPath, 'utf8')));
  const entries = JSON.parse(readFileSync(jsonPath, 'utf8')) as JsonEntry[];
  const store = new HistoryStore(dbPath);

  const rows = [['operation', 'database median', 'p95', 'JSON scan median', 'p95', 'db vs JSON', 'goal']];
  const add = (name: string, db: { median: number; p95: number }, base: { median: number; p95: number }, goal: string): void => {
    rows.push([name, ms(db.median), ms(db.p95), ms(base.median), ms(base.p95), ratio(db.median, base.median), goal]);
  };
  add('open', openDb, openJson, '< 100 ms');
  add('first page of the list (50)', await measure(30, async () => store.list({ limit: 50 })), await measure(30, async () => entries.slice(-50).reverse()), '< 10 ms');

  const queries: Array<[string, string, string]> = [
    [`search rare English "${RARE_EN}"`, RARE_EN, 'p95 < 30 ms'],
    ['search common English "invoice"', 'invoice', 'p95 < 30 ms'],
    [`search rare Chinese "${RARE_ZH}"`, RARE_ZH, 'p95 < 30 ms'],
    ['search common Chinese "会议"', '会议', 'p95 < 150 ms'],
    [`search rare 2-character "${RARE_ZH_SHORT}"`, RARE_ZH_SHORT, 'p95 < 150 ms'],
    ['search 1 character "的"', '的', 'p95 < 150 ms'],
    ['search 1 rare character "麒"', '麒', 'p95 < 150 ms'],
  ];
  for (const [name, query, goal] of queries) {
    const hits = store.search(query, { limit: 50 }).items.length;
    const base = scanJson(entries, query).length;
    if (hits !== base) throw new Error(`search "${query}": the database found ${hits}, the scan ${base}`);
    add(`${name} (${hits} on page 1)`, await measure(20, async () => store.search(query, { limit: 50 })), await measure(5, async () => scanJson(entries, query)), goal);
  }

  const appendPath = join(cacheDir, 'append-baseline.jsonl');
  rmSync(appendPath, { force: true });
  const inserts: number[] = [];
  const appends: number[] = [];
  const random = rng(7);
  for (let i = 0; i < 200; i++) {
    const text = entryText(i + 1, random);
    let started = performance.now();
    const id = store.createPending(newEntry({ image }));
    store.complete(id, result(text));
    inserts.push(performance.now() - started);
    started = performance.now();
    appendFileSync(appendPath, `${JSON.stringify({ id, createdAt: Date.now(), text, fileName: 'x.png' })}\n`);
    appends.push(performance.now() - started);
    store.delete([id]);
  }
  add('insert (pending, then completed)', summarize(inserts), summarize(appends), '< 2 ms');
  store.close();
  rmSync(appendPath, { force: true });

  const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MB`;
  return [
    `History with ${COUNT.toLocaleString('en')} entries of mixed Chinese and English text (200 to 2,000 characters)`,
    table(rows),
    `file size: database ${mb(statSync(dbPath).size)} (text, trigram index, 2.5 KB stand-in images), JSON ${mb(statSync(jsonPath).size)} (text only)`,
    'JSON baselines: open = read + parse the whole file; list = slice the loaded array; search = scan it newest first;',
    'insert = append one JSON line to a file. Searches check that both find the same first page.',
  ].join('\n');
}
