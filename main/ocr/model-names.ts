/** The Qwen-VL-OCR model names, as plain data: the settings page offers them too. */
export const DEFAULT_MODEL = 'qwen-vl-ocr';

export const KNOWN_MODELS = [
  'qwen-vl-ocr',
  'qwen-vl-ocr-latest',
  'qwen-vl-ocr-2025-11-20',
  'qwen-vl-ocr-2025-08-28',
  'qwen-vl-ocr-2025-04-13',
  'qwen-vl-ocr-2024-10-28',
] as const;
