/**
 * The app's "Local API" (issue 25, Settings › localApi, off by default): main/serve's server, run while the app runs,
 * on 127.0.0.1:localApiPort, or on every interface (0.0.0.0) with localApiLan. The app always gives it a token (made
 * here the first time the API is turned on, kept out of the window's settings, shown in the status so the user can
 * copy it into a script): /v1 routes need it always, and on the LAN every route does (serve/server.ts).
 *
 * It follows the settings: started when turned on, restarted on a change of port, LAN or token, stopped when turned
 * off or at quit. A port that is taken is a 'failed' status with a coded error the window says in words, never a
 * crash. Transitions run one after another (a chain), so a quick on-off-on never leaves two servers.
 */
import { networkInterfaces } from 'node:os';
import type { LocalApiStatus } from '../../preload/api.ts';
import { errorMessage, ReadoutError } from '../errors.ts';
import type { HistoryStore } from '../history/store.ts';
import { generateToken } from '../serve/guard.ts';
import type { ReadPort } from '../serve/ports.ts';
import { startApiServer, type ApiServer } from '../serve/server.ts';
import type { Settings } from '../settings/schema.ts';
import type { SettingsService } from '../settings/settings-service.ts';
import { toErrorView } from './views.ts';

export interface LocalApiPorts {
  settings: Pick<SettingsService, 'get' | 'onChange' | 'localApiToken' | 'setLocalApiToken'>;
  history: HistoryStore;
  reader: ReadPort;
  /** Starts a capture as the hotkey does (POST /v1/capture). */
  startCapture(): void;
  version: string;
  /** The status changed: integrations.ts pushes it to the window. */
  changed(): void;
  /** How many files are read at once (the jobs queue's two, by default). */
  concurrency?: number;
  log?: (line: string) => void;
}

/** What a running server was started with: a change in any of them restarts it. */
interface Wanted {
  port: number;
  lan: boolean;
  token: string;
}

const same = (a: Wanted | null, b: Wanted | null): boolean => a === b || (a !== null && b !== null && a.port === b.port && a.lan === b.lan && a.token === b.token);

/** The address a LAN client would use: the first external IPv4 address, or 0.0.0.0 where there is none. */
function lanAddress(): string {
  for (const addresses of Object.values(networkInterfaces())) {
    const found = addresses?.find((address) => address.family === 'IPv4' && !address.internal);
    if (found) return found.address;
  }
  return '0.0.0.0';
}

export class AppLocalApi {
  readonly #ports: LocalApiPorts;
  #status: LocalApiStatus = { state: 'off', url: null, token: null, error: null };
  #server: ApiServer | null = null;
  /** What the server is (or is being) started with; null when it is off. */
  #wanted: Wanted | null = null;
  #chain: Promise<void> = Promise.resolve();
  #unsubscribe: (() => void) | null = null;

  constructor(ports: LocalApiPorts) {
    this.#ports = ports;
    this.#status.token = ports.settings.localApiToken();
  }

  /** Follows the settings from now on (the app's start). */
  start(): void {
    this.#unsubscribe ??= this.#ports.settings.onChange((settings) => this.#follow(settings));
    this.#follow(this.#ports.settings.get());
  }

  status(): LocalApiStatus {
    return { ...this.#status, error: this.#status.error ? { ...this.#status.error } : null };
  }

  /** Resolves once the server is in the state the settings ask for (tests, and quitting). */
  settled(): Promise<void> {
    return this.#chain;
  }

  /** A new token; a running server is restarted with it, so the old one is refused from the next request on. */
  async regenerateToken(): Promise<LocalApiStatus> {
    this.#ports.settings.setLocalApiToken(generateToken());
    this.#status.token = this.#ports.settings.localApiToken();
    this.#ports.changed();
    this.#follow(this.#ports.settings.get());
    await this.#chain;
    return this.status();
  }

  #token(): string {
    let token = this.#ports.settings.localApiToken();
    if (!token) {
      // Made the first time the API is turned on, never by the window (the contract keeps it out of SettingsView).
      token = generateToken();
      this.#ports.settings.setLocalApiToken(token);
    }
    return token;
  }

  #follow(settings: Settings): void {
    const wanted: Wanted | null = settings.localApi ? { port: settings.localApiPort, lan: settings.localApiLan, token: this.#token() } : null;
    if (same(wanted, this.#wanted)) return;
    this.#wanted = wanted;
    this.#chain = this.#chain.then(() => this.#apply(wanted));
  }

  async #apply(wanted: Wanted | null): Promise<void> {
    if (this.#server) {
      const server = this.#server;
      this.#server = null;
      await server.close().catch((error: unknown) => this.#ports.log?.(`Local API: closing: ${errorMessage(error)}`));
    }
    // A later change already queued its own transition: this one's start would be undone at once.
    if (!same(wanted, this.#wanted)) return;
    if (!wanted) {
      this.#set({ state: 'off', url: null, error: null });
      return;
    }
    this.#set({ state: 'starting', url: null, error: null });
    try {
      const server = await startApiServer({
        host: wanted.lan ? '0.0.0.0' : '127.0.0.1',
        port: wanted.port,
        token: wanted.token,
        concurrency: this.#ports.concurrency ?? 2,
        reader: this.#ports.reader,
        history: this.#ports.history,
        capture: () => this.#ports.startCapture(),
        version: this.#ports.version,
        log: this.#ports.log ?? ((line) => console.warn(line)),
      });
      if (!same(wanted, this.#wanted)) {
        await server.close();
        return;
      }
      this.#server = server;
      this.#set({ state: 'on', url: wanted.lan ? `http://${lanAddress()}:${server.port}` : `http://127.0.0.1:${server.port}`, error: null });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const failure =
        code === 'EADDRINUSE'
          ? new ReadoutError('api-port-in-use', `Port ${wanted.port} is in use by another program: choose another port for the Local API in Settings.`)
          : new ReadoutError('api-unavailable', `The Local API could not listen on port ${wanted.port} (${errorMessage(error)}): choose another port in Settings.`);
      this.#set({ state: 'failed', url: null, error: toErrorView(failure) });
    }
  }

  #set(next: Pick<LocalApiStatus, 'state' | 'url' | 'error'>): void {
    this.#status = { ...next, token: this.#ports.settings.localApiToken() };
    this.#ports.changed();
  }

  /** Stops the server (quit): requests in hand are answered first. */
  async close(): Promise<void> {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    this.#wanted = null;
    this.#chain = this.#chain.then(() => this.#apply(null));
    await this.#chain;
  }
}
