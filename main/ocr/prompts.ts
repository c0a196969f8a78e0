/** Prompt presets. These are instructions to the model, not text shown to users, so they are not translated. */
export const MODES = ['text', 'markdown', 'table', 'formula', 'json'] as const;
export type Mode = (typeof MODES)[number];

export const PROMPTS: Readonly<Record<Mode, string>> = {
  text: 'Read all the text in the image.',
  markdown:
    'Read all the text in the image and output it as Markdown, keeping the layout: headings, paragraphs, lists and tables.',
  table: 'Extract every table in the image as a Markdown table, keeping each row and column exactly as shown.',
  formula:
    'Read all the formulas in the image and output them as LaTeX: inline formulas in $...$, display formulas in $$...$$. Keep the surrounding text.',
  json: 'Extract the key information in the image as one JSON object, using the labels in the image as keys. Output only the JSON.',
};

export const DEFAULT_MODE: Mode = 'text';

export function promptFor(mode: Mode, custom?: string): string {
  return custom?.trim() ? custom : PROMPTS[mode];
}
