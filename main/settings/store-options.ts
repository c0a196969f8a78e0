/** The options electron-store (and, in tests, conf) opens the settings file with. */
import { SETTINGS_MIGRATIONS } from './schema.ts';

export function settingsStoreOptions(appVersion: string) {
  return {
    name: 'settings',
    projectVersion: appVersion,
    migrations: SETTINGS_MIGRATIONS,
    clearInvalidConfig: false,
  };
}
