/**
 * How many pages of a PDF are read without asking (bad-input review 2, M5): a 600 KB file whose page tree names one
 * page 100,000 times would be read for half a day into gigabytes of history. Past this, the window asks first
 * (app/document-job.ts) and the command needs --pages or --max-pages (cli/run.ts).
 */
export const PAGE_LIMIT = 500;

/** The sentence for a document past `limit` pages read by the command with neither flag. */
export function pageLimitMessage(pages: number, limit: number): string {
  return `the document has ${pages} pages, more than the ${limit} read without asking; choose pages with --pages (like 1-20) or allow them all with --max-pages ${pages}`;
}
