export const BATCH_USAGE = `Usage: readout batch <command> [options]

DashScope's Batch API reads many images at half the price, within 24 hours (Beijing region, qwen-vl-ocr or
qwen-vl-ocr-latest; or any server of your own with an OpenAI-compatible Batch API, through --base-url).

  submit PATH... [--recursive] [--yes] [--dry-run] [--out DIR] [--json]
                                    prepares each image and PDF page as a live read would (same pixel bounds,
                                    request, task and prompt), keeps each as a pending history entry, writes the
                                    JSONL request files (split at 50,000 lines and 500 MB), says the estimate at
                                    the batch price (and the live one), asks "Submit? [y/N]", then uploads them and
                                    creates the jobs. A folder gives its images and PDFs (--recursive: its
                                    subfolders' too). --yes: no question (needed when stdin is not a terminal);
                                    --dry-run: write the request files only (into --out, or a new temporary
                                    folder it names) and send nothing
      [--region cn] [--base-url URL] [--model NAME] [--task T] [--prompt TEXT]
      [--min-pixels N] [--max-pixels N] [--pages 1-3,7] [--password PW]
  status [ID] [--json]              how the job stands (every job the history knows, without ID)
  fetch [ID] [--wait] [--json]      asks the service and, for a job that has ended, fills its entries (text, usage,
                                    cost at the batch price); failed requests become failed entries with their
                                    reason. --wait: polls until the job ends (a progress bar on a terminal). Running
                                    it again changes nothing; a fetch cut off half way is finished by the next
  cancel ID                         asks the service to stop the job; what it had not done becomes failed entries
                                    (retry them with readout history retry) when the job is fetched
  list [--json]                     the jobs the history knows, newest first

Every command takes --data-dir DIR. The key comes from DASHSCOPE_API_KEY and is sent only in the Authorization
header, never written into a request file. Exit status: 0 on success, 1 when a file, a request or a job failed,
2 for a usage error (or submit without --yes when stdin is not a terminal).
`;
