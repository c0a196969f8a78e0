/**
 * Adapter: the Notifier (app/notifier.ts) on Electron's Notification, each one held until its last event (review
 * N7), a click bringing the window up.
 */
import { dialog, Notification } from 'electron';
import { KeepAlive } from '../app/keep-alive.ts';
import { Notifier } from '../app/notifier.ts';

export function createNotifier(options: { showWindow(): void }): Notifier {
  const shown = new KeepAlive<Notification>();
  return new Notifier({
    supported: () => Notification.isSupported(),
    show: (message, failed, clicked, actions = []) => {
      // Buttons show on macOS only (notification.md, "actions"); elsewhere a click is the way on.
      const notification = new Notification({ ...message, actions: actions.map(({ label }) => ({ type: 'button' as const, text: label })) });
      notification.on('action', (_event, index: number) => {
        release();
        actions[index]?.run();
      });
      const release = shown.hold(notification);
      // Electron 42+: an unsigned macOS build gets 'failed' instead of a notification (breaking-changes.md).
      notification.on('failed', (_event, error) => {
        release();
        failed(error);
      });
      notification.on('click', () => {
        release();
        (clicked ?? options.showWindow)();
      });
      notification.on('close', release);
      notification.show();
    },
    showWindow: options.showWindow,
    showDialog: ({ title, body }) => void dialog.showMessageBox({ type: 'warning', title, message: body }),
    log: (message) => console.warn(message),
  });
}
