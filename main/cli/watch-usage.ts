/** `readout watch --help`. The flags and the --json lines are a contract for scripts, as `readout`'s are. */
export const WATCH_USAGE = `Usage: readout watch FOLDER [--recursive] [--text-beside] [--settle MS] [--once] [options]

Reads every image and PDF in FOLDER, then each new one as it lands, each exactly once, after it has stopped
growing. Other files are skipped with one line each on stderr; hidden files, partial downloads (.crdownload,
.part, .tmp) and Office's ~$ files are passed over in silence. Stopped with Ctrl+C (or SIGTERM), it finishes
the file in hand, records it, and exits 0; started again, it neither reads a file twice nor skips one.

  --recursive             watch the subfolders too (links to folders are not followed; a link to a file is read
                          only when the file lies inside FOLDER)
  --text-beside           write each input's text beside it as NAME.txt, keeping the whole name (scan.png ->
                          scan.png.txt; a PDF's pages separated by form feeds); a NAME.txt that Readout did not
                          write is never overwritten: the text goes to NAME.readout.txt. These files are never read.
  --settle MS             how long a file must stay unchanged before it is read (default 500: two looks, MS apart)
  --once                  read what is in FOLDER now, then exit (1 if any file failed) instead of watching

Every option of \`readout\` that chooses how files are read is taken too: --engine, --region, --base-url, --api,
--model, --task, --schema, --rotate, --mode, --prompt, --min-pixels, --max-pixels, --concurrency (files read
at once, default 2), --no-stream, --lang, --pages, --max-pages, --pdf-text, --password, --translate,
--translate-model, --json, --data-dir and --no-history (see: readout --help).

Output: each file's text on stdout as it is read, after a line "==> NAME <==" ("==> NAME (page N of M) <==" for a
PDF's page); with --json, one \`readout --json\` object per image or page per line (JSON Lines, the same fields).
Failures, skipped files and "watching FOLDER ..." (once the files already there are listed) go to stderr.

What was read is remembered in the history (--data-dir's history.sqlite): per file, its path, size, time and
SHA-256, and the entries it made. A file that changes is read again, once, as a new version. With --no-history it
is remembered in a small state file in the data folder instead, watch-<hash of FOLDER>.json. A file whose reading
failed counts as read (a failed entry in the history is read again with: readout history retry ID); one written
anew is read again. One watcher per folder.

Exit status: 0 when stopped, 1 when FOLDER goes away while watched (or, with --once, when any file failed), 2 for
a usage error or a FOLDER that does not exist, is not a folder or cannot be read.
`;
