/**
 * Desktop notifications that never swallow what they carry (review M6). A notification can fail to appear where
 * Notification.isSupported() still says yes: from Electron 42 an unsigned macOS build gets a 'failed' event instead
 * (breaking-changes.md, "macOS notifications now use UNNotification API"; electron.d.ts: Notification 'failed',
 * "Emitted when an error is encountered while creating and showing the native notification", macOS and Windows).
 * So every message says where it goes when the notification cannot: a result to the window, which shows it; a
 * warning to a dialog. After one failure the rest go there directly, so a broken setup costs one lost toast at most.
 */
export interface NotificationPorts {
  supported(): boolean;
  /**
   * Shows a native notification; `failed` is called if the system refuses it. A click brings the window up, or runs
   * `clicked` where one is given (a failed capture's notification opens its entry).
   */
  show(message: { title: string; body: string; silent: boolean }, failed: (reason: string) => void, clicked?: () => void, actions?: NotificationAction[]): void;
  /** The main window, brought forward: it shows the newest result. */
  showWindow(): void;
  /** A message box for a warning the user must read. */
  showDialog(message: { title: string; body: string }): void;
  log(message: string): void;
}

/** A button on a notification (macOS shows them), and what it does. */
export interface NotificationAction {
  label: string;
  run: () => void;
}

export class Notifier {
  readonly #ports: NotificationPorts;
  #broken = false;

  constructor(ports: NotificationPorts) {
    this.#ports = ports;
  }

  /** A recognition finished: a quiet notification, else the window with its text. */
  result(title: string, body: string): void {
    this.#send({ title, body, silent: true }, () => this.#ports.showWindow());
  }

  /** Something the user must know (a hotkey taken, a capture that failed): a notification, else a dialog. */
  alert(title: string, body: string): void {
    this.#send({ title, body, silent: false }, () => this.#ports.showDialog({ title, body }));
  }

  /**
   * A reading that failed (review H3): a notification whose click runs `open` (the window on the failed entry);
   * where none can be shown, `open` at once, since the window says it all.
   */
  failure(title: string, body: string, open: () => void, actions: NotificationAction[] = []): void {
    this.#send({ title, body, silent: false }, open, open, actions);
  }

  #send(message: { title: string; body: string; silent: boolean }, fallback: () => void, clicked?: () => void, actions?: NotificationAction[]): void {
    if (this.#broken || !this.#ports.supported()) {
      fallback();
      return;
    }
    this.#ports.show(
      message,
      (reason) => {
        this.#broken = true;
        this.#ports.log(`A notification could not be shown (${reason}); showing it in the window instead.`);
        fallback();
      },
      clicked,
      actions,
    );
  }
}
