/**
 * When the offline engine read text in a script its models do not know, it says so, and names the pack that reads
 * it (or Qwen-VL-OCR). What gives such a script away, from the reading alone (no second model):
 * - kana: the built-in recognizer's dictionary holds five (マシサジの), so any kana at all in its text is Japanese;
 * - Japanese read as Chinese: the kanji come through and the kana between them vanish, so lines of mostly Han
 *   characters hold far fewer than a CJK line of that length holds (one character per line height). Measured on
 *   our UI screens: Chinese lines median 0.95 to 1.17 characters a height, Japanese 0.22 to 0.61;
 * - hangul: the dictionary holds two jamo (ㄱㆍ): any is Korean;
 * - Traditional Chinese: read passably by the built-in models, better by its pack: a share of characters that only
 *   traditional script writes so;
 * - nothing readable: lines found, little read (the reading's confidence, which counts the yield, very low): a script
 *   none of the models in use knows (Korean comes back empty), named as such, with the packs there are.
 * A reading with a pack warns only of the last. Qwen-VL-OCR reads all of these: it gets none.
 */
import type { Word } from '../ocr/words.ts';
import { LANGUAGE_PACKS, packFor, type PackCode } from './catalog.ts';

export type WarnedScript = 'kana' | 'hangul' | 'traditional' | 'unknown';

export interface ScriptWarning {
  code: 'script-not-read';
  script: WarnedScript;
  /** The pack that reads it; null where the script is not known. */
  pack: PackCode | null;
  /** Whether that pack is installed already (then it only has to be chosen). */
  installed: boolean;
  /** For the command line; the window words it in the user's language from the fields above. */
  message: string;
}

/** What a reading (or a history entry) says of itself that the warnings look at. */
export interface ReadText {
  engine: string;
  model: string;
  text: string;
  confidence: number | null;
  words: readonly Word[] | null;
}

const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;
const HANGUL = /\p{Script=Hangul}/u;
const HAN = /\p{Script=Han}/u;

/** Characters only traditional script writes so (their simplified forms differ), the commonest on screens. */
const TRADITIONAL = new Set(
  [...'這個們來時會說對過還後麼樣開關發現應檔體網題點書區與為無從實問將學變擇讀認證資請謝輸選錯電頁顯驗設載儲動軟義處務產單員長門間聽見視覺親記語話讓譯護貨買賣費車軍輕轉達進運邊醫鐘錢鐵陽陰際隊難雜雞雲靜響頭顏風飛飯館馬髮鬥魚鳥麥黃齊齒龍龜東嗎參師幾廣張彈當復總數斷於機權條歲歷氣漢灣爾狀獨環畫異療監盤確種稱穩筆節範簡類紀約紅級紙細終組結統經線練編縣續聯職腦興舉舊藝蘭號術衛補裝複規覽觀計訂訊討訓許評詞試詩該誤課調談論識議負責貴購賽趕跡輛輯農連週遊遠適遺鄉鄰針銀銷鏡閉閒閱陣陸隨險隻雙離靈韓項順須預領頻額飲養餘鮮鹽麗黨齡'],
);

/** Characters a CJK line holds per line height, below which Han lines are taken for Japanese with its kana lost. */
const MIN_CJK_YIELD = 0.65;
/** A reading this unsure, with lines found, read little of them. */
const UNREADABLE_BELOW = 0.3;
/** Traditional-only characters, as a share of the Han ones, from which the pack is suggested. */
const TRADITIONAL_SHARE = 0.2;

const chars = (text: string): string[] => [...text.replace(/\s/g, '')];

/** Characters per line height along the line (its long side over its short side). */
function yieldOf(word: Word): number {
  const xs = word.box.map((p) => p[0] ?? 0);
  const ys = word.box.map((p) => p[1] ?? 0);
  const width = Math.max(...xs) - Math.min(...xs);
  const height = Math.max(...ys) - Math.min(...ys);
  return chars(word.text).length / Math.max(1, Math.max(width, height) / Math.max(1, Math.min(width, height)));
}

/** Whether lines of mostly Han characters came back with about half their characters missing. */
function kanaLost(words: readonly Word[]): boolean {
  const han = words.filter((word) => {
    const all = chars(word.text);
    return all.length > 0 && all.filter((c) => HAN.test(c)).length >= 0.7 * all.length;
  });
  if (han.reduce((sum, word) => sum + chars(word.text).length, 0) < 4) return false;
  const yields = han.map(yieldOf).sort((a, b) => a - b);
  return yields[Math.floor(yields.length / 2)]! < MIN_CJK_YIELD;
}

function message(script: WarnedScript, pack: PackCode | null, installed: readonly PackCode[]): string {
  if (pack === null) {
    const missing = LANGUAGE_PACKS.filter((p) => !installed.includes(p.code));
    const how = missing.length > 0 ? `Add a language pack (${missing.map((p) => `${p.name}: readout languages add ${p.code}`).join('; ')}) or read it with Qwen-VL-OCR.` : 'Read it with Qwen-VL-OCR.';
    return `Little of the text could be read: it may be in a script the offline engine does not know. ${how}`;
  }
  const name = packFor(pack)!.name;
  const what = script === 'traditional' ? `This looks like ${name}, which the ${name} pack reads better than the built-in models.` : `This looks like ${name}, which the built-in models cannot read.`;
  const how = installed.includes(pack) ? `Read it with --lang ${pack}` : `Add the ${name} pack (readout languages add ${pack}) and read it with --lang ${pack}`;
  return `${what} ${how}, or read it with Qwen-VL-OCR.`;
}

/** The warnings for a reading; `installed`: the packs installed now. */
export function scriptWarnings(read: ReadText, installed: readonly PackCode[]): ScriptWarning[] {
  if (read.engine !== 'local') return [];
  const warn = (script: WarnedScript, pack: PackCode | null): ScriptWarning => ({ code: 'script-not-read', script, pack, installed: pack !== null && installed.includes(pack), message: message(script, pack, installed) });
  const all = chars(read.text);
  const builtIn = !read.model.startsWith('Tesseract');
  const warnings: ScriptWarning[] = [];
  if (builtIn) {
    if (all.some((c) => KANA.test(c)) || kanaLost(read.words ?? [])) warnings.push(warn('kana', 'ja'));
    if (all.some((c) => HANGUL.test(c))) warnings.push(warn('hangul', 'ko'));
    const han = all.filter((c) => HAN.test(c));
    const traditional = han.filter((c) => TRADITIONAL.has(c)).length;
    if (warnings.length === 0 && traditional >= 2 && traditional >= TRADITIONAL_SHARE * han.length) warnings.push(warn('traditional', 'zh-Hant'));
  }
  if (warnings.length === 0 && read.confidence !== null && read.confidence < UNREADABLE_BELOW) warnings.push(warn('unknown', null));
  return warnings;
}
