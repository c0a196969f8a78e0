/** `readout serve --help`. The flags, the routes and the answers' fields are a contract for scripts. */
export const SERVE_USAGE = `Usage: readout serve [--port N] [--host H] [--max-body MB] [options]

Runs Readout as a local HTTP API, reading with the same engine, task and history as \`readout\`:
  POST /api/ocr               Umi-OCR's API, as its documentation says: JSON {base64, options}, answered
                              {code, data, time, timestamp} (100: data the lines [{text, score, box, end}], or
                              the text with options {"data.format": "text"}; 101: no text; other codes: failures)
  GET  /api/ocr/get_options   Umi-OCR's options, with Readout's defaults and what it does not honour
  POST /v1/read               the file itself as the body (image/*, application/pdf, application/octet-stream;
                              ?file=NAME names it), or JSON {base64, file}: answered with a JSON array of the
                              objects \`readout --json\` prints, one for an image, one per page of a PDF
  GET  /v1/history?q=WORDS&limit=N   the history's entries that hold WORDS: {entries: [{id, createdAt,
                              fileName, text, status}]}, newest first (limit 1 to 100, default 20)
  GET  /v1/health             {ok, version, engine, model}
  POST /v1/capture            the app's only (readout capture); here 404

  --port N                default 1224 (Umi-OCR's); 0 picks a free one
  --host H                default 127.0.0.1 (this computer only). Any other address lets other computers in
                          and needs READOUT_API_TOKEN (16 characters or more): every request then carries
                          Authorization: Bearer TOKEN
  --max-body MB           the largest request body taken (default 32); a larger one is refused with 413
  --concurrency N         requests read at once (default 2); up to 64 more wait, past that 503 and Retry-After

Every option of \`readout\` that chooses how files are read is taken too: --engine, --region, --base-url, --api,
--model, --task, --schema, --rotate, --mode, --prompt, --min-pixels, --max-pixels, --no-stream, --lang, --pages,
--max-pages, --pdf-text, --password, --translate, --translate-model, --data-dir and --no-history (see: readout
--help). Every reading goes into the history as any other does, named by ?file= or "file" (else "api").

Security: only loopback by default; a request whose Host is not this server's name (DNS rebinding), one a web page
sent (Origin, Sec-Fetch-Site), or a POST of a type a page can send (text/plain, form types, none) is refused with
403 or 415. With READOUT_API_TOKEN set, the /v1 routes need it (beyond loopback, every route does).

Stopped with Ctrl+C (or SIGTERM): the requests in hand are answered, then the history is closed. Exit status: 0
when stopped, 1 when the port cannot be had, 2 for a usage error.
`;
