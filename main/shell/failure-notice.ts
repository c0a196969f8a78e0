/**
 * A reading that came to nothing, said where the user is looking (review H3): app/failure-notice.ts decides where;
 * this gives it Electron's window, notifications, settings and the OS locale.
 */
import { app } from 'electron';
import { sayFailure, type FailedAction } from '../app/failure-notice.ts';
import type { Notifier } from '../app/notifier.ts';
import type { SettingsService } from '../settings/settings-service.ts';
import { emit, type MainWindow } from './main-window.ts';

export function failureNotice(deps: { window: MainWindow; notifier: Notifier; settings: SettingsService; readOffline: (entryId: number) => void }): (failure: FailedAction) => void {
  const { window, notifier, settings } = deps;
  return (failure) =>
    sayFailure(failure, {
      windowFocused: () => window.parent()?.isFocused() === true,
      notificationsOn: () => settings.get().showNotification,
      showEntry: (entryId) => {
        window.show();
        if (entryId !== null) emit('app:showEntry', { entryId });
      },
      notify: ({ title, body }, open, actions) => notifier.failure(title, body, open, actions),
      // Buttons on macOS only, as before: docs/api/structures/notification-action.md lists Windows too in newer
      // Electron, with its own toast activation, which is not tried here.
      actionsSupported: () => process.platform === 'darwin',
      readOffline: (entryId) => {
        window.show();
        deps.readOffline(entryId);
      },
      language: () => ({ setting: settings.get().language, locale: app.getLocale() }),
    });
}
