import { describe, expect, it } from 'vitest';
import { scriptWarnings, type ReadText } from '../../../main/languages/script-warnings.ts';

/** A line of text in a box `length` line heights long (height 20). */
const line = (text: string, length: number) => ({ text, box: [[0, 0], [20 * length, 0], [20 * length, 20], [0, 20]], confidence: 0.9 });
const read = (words: ReturnType<typeof line>[], over: Partial<ReadText> = {}): ReadText => ({ engine: 'local', model: 'PP-OCRv4', text: words.map((w) => w.text).join('\n'), confidence: 0.95, words, ...over });
const scripts = (r: ReadText, installed: Array<'ja' | 'ko' | 'zh-Hant'> = []) => scriptWarnings(r, installed).map((w) => [w.script, w.pack, w.installed]);

describe('scriptWarnings', () => {
  it('says nothing of Simplified Chinese, English, or mixed lines read in full', () => {
    expect(scripts(read([line('设置已保存，下次启动时生效。', 13), line('Order: INV-2026-00417', 11)]))).toEqual([]);
    expect(scripts(read([line('会议时间 Meeting at 10:30 AM', 14)]))).toEqual([]);
  });

  it('takes kana, or Han lines with half their characters gone, for Japanese', () => {
    expect(scripts(read([line('の保存先', 20)]))).toEqual([['kana', 'ja', false]]);
    // "保存しない場合、変更は失われます。" as the built-in models read it: the kana dropped.
    expect(scripts(read([line('变更在保存寸？', 10), line('保存场合、变更失。', 17), line('保存保存', 13)]))).toEqual([['kana', 'ja', false]]);
    expect(scripts(read([line('の保存先', 20)]), ['ja'])).toEqual([['kana', 'ja', true]]);
  });

  it('takes hangul for Korean, and a reading with nothing in it for a script no model in use knows', () => {
    expect(scripts(read([line('ㄱ', 10)]))).toEqual([['hangul', 'ko', false]]);
    const empty = read([], { text: '', confidence: 0.02 });
    expect(scripts(empty)).toEqual([['unknown', null, false]]);
    expect(scriptWarnings(empty, ['ja'])[0]!.message).toBe(
      'Little of the text could be read: it may be in a script the offline engine does not know. Add a language pack (Korean: readout languages add ko; Traditional Chinese: readout languages add zh-Hant) or read it with Qwen-VL-OCR.',
    );
  });

  it('suggests the Traditional Chinese pack where the text is written in traditional characters', () => {
    const warning = scriptWarnings(read([line('選擇下載檔案的儲存位置', 11), line('自動檢查軟體更新', 8)]), []);
    expect(warning.map((w) => [w.script, w.pack])).toEqual([['traditional', 'zh-Hant']]);
    expect(warning[0]!.message).toBe('This looks like Traditional Chinese, which the Traditional Chinese pack reads better than the built-in models. Add the Traditional Chinese pack (readout languages add zh-Hant) and read it with --lang zh-Hant, or read it with Qwen-VL-OCR.');
  });

  it('warns a reading with a pack only when little was read, and Qwen never', () => {
    expect(scripts(read([line('の保存先', 4)], { model: 'Tesseract (ja)' }))).toEqual([]);
    expect(scripts(read([], { model: 'Tesseract (ko)', text: '', confidence: 0.1 }), ['ko'])).toEqual([['unknown', null, false]]);
    expect(scripts(read([line('の保存先', 20)], { engine: 'qwen', model: 'qwen-vl-ocr', confidence: null }))).toEqual([]);
  });
});
