/**
 * What DashScope's OpenAI-compatible Batch API allows, from its documentation:
 * - Alibaba Cloud Model Studio, "OpenAI compatible - Batch (file input)":
 *   https://help.aliyun.com/zh/model-studio/batch-interfaces-compatible-with-openai
 *   https://www.alibabacloud.com/help/en/model-studio/batch-interfaces-compatible-with-openai
 *   (endpoints under {region}/compatible-mode/v1: POST /files with purpose "batch", POST /batches {input_file_id,
 *   endpoint, completion_window, metadata}, GET /batches/{id}, GET /batches?after&limit, POST /batches/{id}/cancel,
 *   GET /files/{id}/content, DELETE /files/{id}; the request line {custom_id, method "POST", url, body}; one model
 *   per file; custom_id unique within a file; statuses validating, failed, in_progress, finalizing, completed,
 *   expired, cancelling, cancelled; output_file_id and error_file_id; request_counts {total, completed, failed}).
 * - "Upload file" (https://www.alibabacloud.com/help/zh/model-studio/upload-file-api): a batch file is at most 500 MB.
 * - "Batch inference" (https://www.alibabacloud.com/help/en/model-studio/batch-inference): 50% of the real-time price;
 *   the models each region can batch.
 */

/** At most this many requests (lines) in one input file. */
export const MAX_LINES_PER_FILE = 50_000;
/** At most this many bytes in one input file (500 MB). */
export const MAX_BYTES_PER_FILE = 500 * 1024 * 1024;
/** At most this many bytes in one line (one request, its image inline as a data URL): 6 MB. */
export const MAX_BYTES_PER_LINE = 6 * 1024 * 1024;

/** The endpoint every line and the batch name: chat completions, the same request a live read sends. */
export const BATCH_ENDPOINT = '/v1/chat/completions';

/** The time the service has to finish a job; past it the job expires and what is unfinished is not done. */
export const COMPLETION_WINDOW = '24h';

export const BATCH_STATES = ['validating', 'failed', 'in_progress', 'finalizing', 'completed', 'expired', 'cancelling', 'cancelled'] as const;
export type BatchState = (typeof BATCH_STATES)[number];

/** States after which the job changes no more. */
export const FINAL_STATES: ReadonlySet<BatchState> = new Set(['failed', 'completed', 'expired', 'cancelled']);

/**
 * The OCR models Beijing batches (the docs' list: "文字提取: qwen-vl-ocr, qwen-vl-ocr-latest"). Singapore batches
 * qwen-max, qwen-plus, qwen-flash and qwen-turbo only, and Virginia is not listed: neither batches an OCR model.
 */
export const BATCH_MODELS: Readonly<Record<'cn', readonly string[]>> = { cn: ['qwen-vl-ocr', 'qwen-vl-ocr-latest'] };

/** The batch price: half the region's real-time price (the docs' "50% of the cost of real-time calls"). */
export const BATCH_PRICE_FACTOR = 0.5;
