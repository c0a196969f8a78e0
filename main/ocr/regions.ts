/** DashScope's regions: their endpoints, list prices and the new-user free quota. Pure data, for main and the window. */
export const REGIONS = {
  cn: 'https://dashscope.aliyuncs.com/compatible-mode/v1',
  intl: 'https://dashscope-intl.aliyuncs.com/compatible-mode/v1',
  us: 'https://dashscope-us.aliyuncs.com/compatible-mode/v1',
} as const;

export type Region = keyof typeof REGIONS;

/** The DashScope region a base URL belongs to (either protocol's path on its host), or null for any other server. */
export function regionOf(baseURL: string): Region | null {
  let host: string;
  try {
    host = new URL(baseURL).host;
  } catch {
    return null;
  }
  return (Object.entries(REGIONS) as Array<[Region, string]>).find(([, url]) => new URL(url).host === host)?.[0] ?? null;
}

export interface Price {
  /** Per 1,000 input tokens. */
  input: number;
  /** Per 1,000 output tokens. */
  output: number;
  currency: string;
}

/** What `input` and `output` tokens cost at `price`, in its currency: reading, translating and batches alike. */
export const tokensCost = (input: number, output: number, price: Price): number => (input * price.input + output * price.output) / 1000;

/**
 * List prices per region (Alibaba Cloud Model Studio, "Text extraction (Qwen-OCR)", models and pricing, read
 * 2026-02): Beijing 0.005 CNY per 1,000 tokens in and out; Singapore $0.07 per million input tokens and $0.16 per
 * million output tokens (Virginia is billed like Singapore, in dollars).
 */
export const REGION_PRICES: Readonly<Record<Region, Price>> = {
  cn: { input: 0.005, output: 0.005, currency: 'CNY' },
  intl: { input: 0.00007, output: 0.00016, currency: 'USD' },
  us: { input: 0.00007, output: 0.00016, currency: 'USD' },
};

/**
 * The new-user free quota the same page states: 1,000,000 tokens per model, valid for 90 days after Model Studio is
 * activated. Readout cannot know the activation day; it counts what it sent.
 */
export const FREE_QUOTA = { tokens: 1_000_000, days: 90 } as const;


/**
 * The protocol a request goes out with: DashScope's own for its regions (its tasks and positions need it), the
 * OpenAI-compatible one for a server of the user's (vLLM, Ollama, LM Studio), unless chosen outright.
 */
export function protocolFor(choice: 'auto' | 'native' | 'compatible' | undefined, customEndpoint: boolean): 'native' | 'compatible' {
  return choice === undefined || choice === 'auto' ? (customEndpoint ? 'compatible' : 'native') : choice;
}
