/**
 * A user action whose every reading failed is said where the user is looking (review H3: a capture with a rejected
 * key, or with no network, ended in silence: no text, no notification, no window). The window in front: it opens the
 * failed entry, whose error box has the way out. Otherwise a notification with the reason in the user's language and
 * the next step; a click on it (or, where notifications cannot be shown or are turned off, at once) brings the
 * window forward on that entry.
 */
import type { ErrorView } from '../../preload/api.ts';
import en from '../../renderer/src/i18n/en.json' with { type: 'json' };
import zhCN from '../../renderer/src/i18n/zh-CN.json' with { type: 'json' };
import { fill } from './strings.ts';

/** What AppServices says when the last job of a user action ends and none of them read anything. */
export interface FailedAction {
  /** How many jobs the action had, and how many failed (a cancelled one is not a failure, and is not said). */
  count: number;
  failed: number;
  /** The first failure's entry, to open; null where the history could not keep one. */
  entryId: number | null;
  /** The first failure's file or page name. */
  name: string;
  /** A screen capture (the hotkey's): said as such. */
  capture: boolean;
  error: ErrorView;
  /** The entry was Qwen's and keeps its image: the offline engine can read it (a notification's Read offline). */
  offline: boolean;
}

/** A button on a notification, where the platform's notifications have them (macOS). */
export interface NoticeAction {
  label: string;
  run: () => void;
}

export interface FailureNoticePorts {
  /** The main window is shown and has the focus. */
  windowFocused(): boolean;
  /** Notifications are on in Settings. */
  notificationsOn(): boolean;
  /** The window brought forward and opened on the entry (app:showEntry), or just brought forward. */
  showEntry(entryId: number | null): void;
  /** A notification; `open` runs on a click, or at once where it cannot be shown (notifier.ts); its buttons, if any. */
  notify(message: { title: string; body: string }, open: () => void, actions: NoticeAction[]): void;
  /** Whether notifications here can carry buttons (Electron: macOS only). */
  actionsSupported(): boolean;
  /** Reads the failed entry again with the offline engine (a new entry, as the window's Read it offline does). */
  readOffline(entryId: number): void;
  /** The user's language: 'system', 'en' or 'zh-CN' (settings), and the OS locale. */
  language(): { setting: string; locale: string };
}

type Catalogue = typeof en;

const catalogue = (setting: string, locale: string): Catalogue => {
  const chosen = setting === 'system' ? locale : setting;
  return (chosen.toLowerCase().startsWith('zh') ? zhCN : en) as Catalogue;
};

/** The notification's words: what failed, why (the window's own sentence for the code), and what to do. */
export function failureMessage(failure: FailedAction, language: { setting: string; locale: string }): { title: string; body: string } {
  const words = catalogue(language.setting, language.locale);
  const notice = words.failures.notice;
  const title =
    failure.count > 1 ? fill(notice.batchTitle, { count: String(failure.count) }) : failure.capture ? notice.captureTitle : fill(notice.fileTitle, { name: failure.name });
  const reasons = words.errorCode as Record<string, string>;
  const reason = reasons[failure.error.code] ?? failure.error.message;
  return { title, body: `${reason} ${notice.next}` };
}

/** Says a failed action: the window in front opens the entry; otherwise a notification that opens it. */
export function sayFailure(failure: FailedAction, ports: FailureNoticePorts): void {
  const open = (): void => ports.showEntry(failure.entryId);
  if (ports.windowFocused() || !ports.notificationsOn()) {
    open();
    return;
  }
  const { setting, locale } = ports.language();
  const notice = catalogue(setting, locale).failures.notice;
  const entryId = failure.entryId;
  // "Read offline" where it can help, and the window; elsewhere the click is the one way on, and opens the entry.
  const actions: NoticeAction[] =
    ports.actionsSupported() && entryId !== null
      ? [...(failure.offline ? [{ label: notice.readOffline, run: () => ports.readOffline(entryId) }] : []), { label: notice.open, run: open }]
      : [];
  ports.notify(failureMessage(failure, { setting, locale }), open, actions);
}
