/**
 * Japanese (horizontal and vertical), Korean and Traditional Chinese UI text, for the language packs (issue 21):
 * dialogs, settings rows and messages at the sizes apps draw them (13 to 16 px), rendered in headless Chromium at 100%,
 * so each image's truth is the page's own text. The font is WenQuanYi Micro Hei, which the browser tests already need
 * (.ci/run) and which holds kana, hangul and traditional characters: a second CJK family installed system-wide would
 * become every page's fallback for Chinese and change what the other suites' images look like.
 */
import type { Browser } from 'playwright-core';
import { escapeHtml, shootEach } from './page-shots.ts';

export type CjkLanguage = 'ja' | 'ko' | 'zh-Hant';

export interface CjkUiImage {
  name: string;
  language: CjkLanguage;
  vertical: boolean;
  png: Buffer;
  /** The lines as written, in reading order (for vertical text, the columns from right to left). */
  truth: string[];
}

interface Page {
  name: string;
  language: CjkLanguage;
  /** Text set in columns, top to bottom, right to left (writing-mode: vertical-rl). */
  vertical?: boolean;
  /** Font size in CSS pixels. */
  size: number;
  color: string;
  background: string;
  lines: string[];
}

const FONT = "'WenQuanYi Micro Hei'";

export const CJK_UI_PAGES: readonly Page[] = [
  { name: 'ja-dialog-14', language: 'ja', size: 14, color: '#000', background: '#fff', lines: ['変更を保存しますか？', '保存しない場合、変更は失われます。', 'キャンセル　保存しない　保存'] },
  { name: 'ja-settings-13', language: 'ja', size: 13, color: '#333', background: '#f5f5f5', lines: ['ダウンロードの保存先を選択してください', '自動的にアップデートを確認する', 'ログイン時にアプリを起動する'] },
  { name: 'ja-dark-14', language: 'ja', size: 14, color: '#ddd', background: '#1e1e1e', lines: ['ファイルが見つかりません', 'もう一度お試しください'] },
  { name: 'ja-status-12', language: 'ja', size: 12, color: '#555', background: '#fff', lines: ['最終同期：2026年11月4日 9:41', 'Wi-Fiに接続されていません'] },
  { name: 'ja-vertical-16', language: 'ja', vertical: true, size: 16, color: '#000', background: '#fff', lines: ['吾輩は猫である', '名前はまだ無い', 'どこで生れたか'] },
  { name: 'ko-dialog-14', language: 'ko', size: 14, color: '#000', background: '#fff', lines: ['변경 사항을 저장하시겠습니까?', '저장하지 않으면 변경 내용이 사라집니다.', '취소 저장 안 함 저장'] },
  { name: 'ko-settings-13', language: 'ko', size: 13, color: '#333', background: '#f5f5f5', lines: ['다운로드 위치를 선택하세요', '자동으로 업데이트 확인', '로그인할 때 앱 시작'] },
  { name: 'ko-dark-14', language: 'ko', size: 14, color: '#ddd', background: '#1e1e1e', lines: ['파일을 찾을 수 없습니다', '다시 시도해 주세요'] },
  { name: 'ko-status-12', language: 'ko', size: 12, color: '#555', background: '#fff', lines: ['마지막 동기화: 2026년 11월 4일 오전 9:41', 'Wi-Fi에 연결되어 있지 않습니다'] },
  { name: 'zh-Hant-dialog-14', language: 'zh-Hant', size: 14, color: '#000', background: '#fff', lines: ['要儲存變更嗎？', '如果不儲存，您的變更將會遺失。', '取消　不要儲存　儲存'] },
  { name: 'zh-Hant-settings-13', language: 'zh-Hant', size: 13, color: '#333', background: '#f5f5f5', lines: ['選擇下載檔案的儲存位置', '自動檢查軟體更新', '登入時啟動應用程式'] },
  { name: 'zh-Hant-dark-14', language: 'zh-Hant', size: 14, color: '#ddd', background: '#1e1e1e', lines: ['找不到檔案', '請稍後再試一次'] },
  { name: 'zh-Hant-status-12', language: 'zh-Hant', size: 12, color: '#555', background: '#fff', lines: ['上次同步：2026年11月4日 上午9:41', '尚未連線到Wi-Fi網路'] },
];

/** Each page as a screenshot at 100%, padded as a real window's. */
export function renderCjkUi(browser: Browser, pages: readonly Page[] = CJK_UI_PAGES): Promise<CjkUiImage[]> {
  return shootEach(browser, { width: 900, height: 500 }, pages, async (tab, page) => {
    const gap = page.vertical ? 'margin:0 6px' : 'margin:4px 0';
    const body = page.lines.map((line) => `<div style="white-space:nowrap;${gap}">${escapeHtml(line)}</div>`).join('');
    const flow = page.vertical ? 'writing-mode:vertical-rl;' : '';
    await tab.setContent(
      `<!doctype html><meta charset="utf-8"><body style="margin:0;background:${page.background}"><div id="shot" lang="${page.language}" style="display:inline-block;${flow}padding:12px 16px;font:${page.size}px ${FONT};color:${page.color}">${body}</div></body>`,
    );
    await tab.evaluate(() => document.fonts.ready);
    const png = await tab.locator('#shot').screenshot();
    return { name: page.name, language: page.language, vertical: page.vertical ?? false, png, truth: page.lines };
  });
}
