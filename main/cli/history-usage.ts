export const HISTORY_USAGE = `Usage: readout history <command> [options]

  list [--limit N] [--status S] [--engine E] [--json]     newest first
  search QUERY [--limit N] [--status S] [--engine E] [--json]
                                    substring search in any language, over text, edits, file names and codes
  show ID [--json]
  export --format md|json|csv|txt|pdf [--query Q] [--out FILE] [--images]
                                    one entry (--id ID), a PDF's pages in order (--document ID: the
                                    document's id, as show --json gives it), a search (--query) or
                                    everything; --images writes each image beside FILE and links it;
                                    pdf (needs --out): a searchable PDF, each entry's image a page with
                                    its text laid invisibly over it
  delete ID... | --older-than DAYS [--include-pinned]
                                    --older-than keeps pinned entries unless --include-pinned
  retry ID [--engine qwen|local] [--region R] [--base-url URL] [--api compatible|native] [--model NAME]
                                    reads an entry again from its stored image: a failed or
                                    cancelled one, or any other to re-run it
  prune --max-mb N                  drops the oldest unpinned images until they fit (text stays)
  storage [--json]                  how much space the history uses

Every command takes --data-dir DIR (default: the app's data folder). --json prints one object per line.
Exit status: 0 on success, 1 when an entry is missing or a retry fails, 2 for a usage error.
`;
