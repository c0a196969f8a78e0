/** `readout --help`. The flags and the --json fields documented here are a contract for scripts. */
export const USAGE = `Usage: readout [options] <file|-> ...
       readout history <command> ...        (see: readout history --help)
       readout languages [add|remove] ...   the offline engine's language packs (see: readout languages --help)
       readout batch submit|status|fetch|cancel|list ...   DashScope's Batch API, at half the price
                                            (see: readout batch --help)
       readout watch FOLDER [--recursive]   read each image and PDF that lands in FOLDER, once (see: readout watch --help)
       readout serve [--port N] [--host H]  a local HTTP API, Umi-OCR's and Readout's own (see: readout serve --help)
       readout capture                      ask the running app to start a capture (see: readout capture --help)

Reads the text in images: through Qwen-VL-OCR when DASHSCOPE_API_KEY is set, else with the offline engine.
Text goes to stdout as it streams, files in order, a blank line between files. "-" reads an image from stdin.

Options:
  --engine qwen|local     default: qwen when DASHSCOPE_API_KEY is set, else local (offline)
  --region cn|intl|us     DashScope region: Beijing, Singapore or Virginia (default cn)
  --base-url URL          any OpenAI-compatible endpoint; overrides --region
  --api compatible|native the protocol: DashScope's native one (default for its regions: built-in tasks, positions)
                          or the OpenAI-compatible one (default with --base-url)
  --model NAME            default qwen-vl-ocr
  --task TASK             text (default), key-info, document, table, formula, multi-lang or advanced (text with
                          its positions: native only); over the compatible API a task is asked for by its prompt
  --schema FILE           key-info's fields: a JSON object of field names and what each holds (implies key-info)
  --rotate                let the service turn a skewed or rotated image upright first (native only)
  --mode MODE             text, markdown, table, formula or json: the older name for a task (document for
                          markdown, key-info for json)
  --prompt TEXT           a prompt of your own; overrides --task and --mode
  --min-pixels N          smallest image area sent (default 3136)
  --max-pixels N          largest image area sent (default 1003520)
  --concurrency N         files recognised at once (default 2)
  --no-stream             wait for each whole answer instead of streaming
  --json                  one JSON object per file per line (fields below)
  --lang CODE             the offline engine reads with this language pack: ja (Japanese, also vertical), ko
                          (Korean) or zh-Hant (Traditional Chinese), once added (readout languages add CODE);
                          en and zh-Hans are built in. Implies --engine local
  --data-dir DIR          where the history and the language packs live (default: the app's data folder)
  --no-history            do not record into the history
  --pages 1-3,7           PDFs: the pages to read (default all)
  --max-pages N           PDFs: read a document of up to N pages whole (default 500; a longer one needs --pages
                          or a larger --max-pages)
  --pdf-text MODE         PDFs: auto (default: a page's own text layer where it has one, else it is read),
                          always (text layers only) or never (read every page)
  --password PW           PDFs: the password of an encrypted one (never stored)
  --codes-only            only scan for QR codes and barcodes (no recognition, no history): each code's content
                          on a line, or --json
  --translate LANG        translate each text once read, whichever engine read it: a code (en, zh, zh-Hant, ja,
                          ko, fr, de, es, pt, it, ru, ar, vi, th, id, ms, nl, tr, pl, uk, hi) or a name (Japanese);
                          printed after the text, a blank line between, and kept with its history entry. Goes to
                          the region's OpenAI-compatible endpoint (or --base-url) and needs DASHSCOPE_API_KEY there
  --translate-model NAME  default qwen-mt-flash (also qwen-mt-turbo, qwen-mt-plus); a model not named qwen-mt-*
                          is asked by an ordinary chat prompt (a self-hosted server with --base-url)
  -h, --help              this text
  -v, --version           the version

--json fields: file, ok, text, engine, model, sourceFormat, width, height, sentWidth, sentHeight, sentBytes,
  imageTokens (area / factor^2 + 2, the estimate), usage (as the server reported it, or null), cost, requestId,
  durationMs, entryId (the history entry, or null), confidence (0 to 1, the offline engine's; else null), words
  ([{text, box: four [x, y] corners in the original image's pixels, confidence}] in reading order: the offline
  engine's lines, each with how likely it was read right, calibrated, under 0.6 doubtful; --task advanced's words;
  else null), codes ([{format, text, box, bytes, binary}]: QR codes and
  barcodes found, [] for none, binary content as hexadecimal), warnings ([{code, script, pack, installed,
  message}]: text in a script the offline engine could not read, kana, hangul, traditional or unknown, and the
  language pack that reads it, or code text-not-all-read with unread, the lines a dense image held past what one
  reading covers; [] for none; also said on stderr without --json), page and pages (a PDF's page, one
  object per page; null for an image), translation (with --translate: {text, model, sourceLang, targetLang,
  status: done or failed, lines: one per line of words or null, usage: {inputTokens, outputTokens}, cost, error:
  {code, message} or null}; else null), and on failure error: {code, message}. usage has the same
  fields over both protocols (prompt_tokens, completion_tokens, total_tokens, prompt_tokens_details).

Exit status: 0 when every file succeeded, 1 when any failed (the others are still read; a failed translation
keeps the text read and counts as a failure), 2 for a usage error.
Errors go to stderr and name the file. The API key is read from DASHSCOPE_API_KEY only and is never printed.
`;
