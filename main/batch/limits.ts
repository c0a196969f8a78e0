/**
 * What DashScope's OpenAI-compatible Batch API allows, from its documentation:
 * - Alibaba Cloud Model Studio, "OpenAI compatible - Batch (file input)" / "OpenAI兼容-Batch（文件输入）":
 *   https://help.aliyun.com/zh/model-studio/batch-interfaces-compatible-with-openai
 *   https://www.alibabacloud.com/help/en/model-studio/batch-interfaces-compatible-with-openai
 *   (endpoints under {region}/compatible-mode/v1: POST /files with purpose "batch", POST /batches {input_file_id,
 *   endpoint, completion_window, metadata}, GET /batches/{id}, GET /batches?after&limit, POST /batches/{id}/cancel,
 *   GET /files/{id}/content, DELETE /files/{id}; the request line {custom_id, method "POST", url, body}; output and
 *   error lines {id, custom_id, response: {status_code, request_id, body}, error: {code, message} | null}).
 *   Checked line by line in the review of issue 26 against the Chinese page as stored (its text, quoted here):
 *   - input file ("输入文件要求"): "格式：UTF-8 编码的 JSONL（每行一个独立JSON对象）"; "规模限制：单文件最多 50,000 个请求，
 *     且不超过 500 MB"; "单行限制：每个JSON对象不超过 6 MB，且不超过模型上下文长度"; "一致性要求：同一文件内所有请求须使用
 *     相同的模型"; "唯一标识：每个请求必须包含文件内唯一的 custom_id 字段".
 *   - "上传文件， purpose 必须是 batch"; endpoint "访问路径，须与输入文件中的URL字段一致 ... 其他模型填写/v1/chat/completions".
 *   - completion_window (required, no default): "等待时间，最短 24h，最长 336h，仅支持整数。支持"h"和"d"两个单位，如"24h"或"14d"".
 *   - status: "validating、failed、in_progress、finalizing、completed、expired、cancelling、cancelled".
 *   - expiry: "若任务在设定的 completion_window 内未完成，状态变为 expired，未处理的请求不再执行，也不产生费用".
 *   - cancel: "取消一个正在进行或排队中的任务 ... 状态会先变为 cancelling ... 最终会变为 cancelled。已完成的请求结果仍会保存在
 *     输出文件中" (what it does to a job that has ended is not said: cancelJob refuses that itself).
 *   - list: "after: 用于分页的游标，值为上一页最后一个任务的ID"; "limit: 每页返回的任务数量，范围[1, 100]，默认20".
 *   - retrieve: "当前仅支持查询 30 天内创建的 Batch 任务"; download: "仅支持下载以file-batch_output开头的file_id对应的文件".
 *   - files: "定期调用 ... 删除文件接口删除不需要的文件，避免达到文件存储上限（10000个文件或100GB）" (fetch.ts deletes them).
 *   - polling: "轮询间隔 > 1分钟，使用指数退避策略" (cli/batch.ts).
 *   - price: "所有成功请求的输入和输出Token，单价均为对应模型实时推理价格的50%"; "仅对成功执行的请求计费".
 *   - regions: Beijing (https://dashscope.aliyuncs.com/compatible-mode/v1) "文字提取：qwen-vl-ocr、qwen-vl-ocr-latest";
 *     Singapore "支持的模型：qwen-max、qwen-plus、qwen-turbo"; Virginia is not listed.
 * - "Upload file" (https://www.alibabacloud.com/help/zh/model-studio/upload-file-api): "batch 最大 500MB".
 * - "Batch inference" (https://www.alibabacloud.com/help/en/model-studio/batch-inference): "costs only 50% of the price
 *   of real-time responses".
 * The pages say "MB" without saying 10^6 or 2^20 bytes: the limits below take the smaller reading, 10^6.
 */

/** At most this many requests (lines) in one input file. */
export const MAX_LINES_PER_FILE = 50_000;
/** At most this many bytes in one input file ("不超过 500 MB", read as 500 x 10^6: the smaller reading). */
export const MAX_BYTES_PER_FILE = 500 * 1000 * 1000;
/** At most this many bytes in one line (one request, its image inline as a data URL): "不超过 6 MB", read as 6 x 10^6. */
export const MAX_BYTES_PER_LINE = 6 * 1000 * 1000;

/** The endpoint every line and the batch name: chat completions, the same request a live read sends. */
export const BATCH_ENDPOINT = '/v1/chat/completions';

/**
 * The time the service has to finish a job; past it the job expires and what is unfinished is not done (nor billed).
 * The docs allow 24h to 336h; the shortest keeps a sleeping laptop's wait for its text to a day.
 */
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
