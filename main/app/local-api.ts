/**
 * The app's "Local API" (issue 25, Settings › localApi, off by default): main/serve's server, run while the app runs,
 * on 127.0.0.1:localApiPort, or on every interface (0.0.0.0) with localApiLan. The app always gives it a token (made
 * here the first time the API is turned on, kept out of the window's settings, shown in the status so the user can
 * copy it into a script): /v1 routes need it always, and on the LAN every route does (serve/server.ts).
 *
 * It follows the settings: started when turned on, restarted on a change of port, LAN or token, stopped when turned
 * off or at quit. A port that is taken is a 'failed' status with a coded error the window says in words, never a
 * crash. Transitions run one after another (a chain), so a quick on-off-on never leaves two servers.
 *
 * A port that is taken is often taken for a while only (another copy of the app quitting, Umi-OCR closed, a test
 * server): while the API is failed with 'api-port-in-use', it tries to listen again every PORT_RETRY_MS, and comes
 * up (integrations:changed) once the port is free, without the user touching the port or the switch. Any other
 * failure waits for the user: retrying it would fail the same way. Turning the API off, or another port, stops it.
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
import { realTicker, type Ticker } from './clipboard-watch.ts';
import { toErrorView } from './views.ts';

/** How often a Local API whose port was in use tries it again. */
export const PORT_RETRY_MS = 10_000;

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
  /** The timer of the retries on a port in use (tests turn it by hand). */
  ticker?: Ticker;
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
  /** Stops the retries on a port in use; null when none are running. */
  #stopRetrying: (() => void) | null = null;

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
    // Turned off, or another port, LAN or token: the retries of the old one end now, not at the next tick.
    this.#endRetries();
    this.#chain = this.#chain.then(() => this.#apply(wanted));
  }

  #endRetries(): void {
    this.#stopRetrying?.();
    this.#stopRetrying = null;
  }

  #listen(wanted: Wanted): Promise<ApiServer> {
    return startApiServer({
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
  }

  #up(server: ApiServer, wanted: Wanted): void {
    this.#server = server;
    this.#set({ state: 'on', url: wanted.lan ? `http://${lanAddress()}:${server.port}` : `http://127.0.0.1:${server.port}`, error: null });
  }

  /** One retry on a port that was in use, in the chain as every transition is: on once it listens, else left as it was. */
  async #retry(wanted: Wanted): Promise<void> {
    // Still failed for this very port, for that reason? Anything else queued a transition of its own.
    if (this.#server || !same(wanted, this.#wanted) || this.#status.error?.code !== 'api-port-in-use') return this.#endRetries();
    let server: ApiServer;
    try {
      server = await this.#listen(wanted);
    } catch (error) {
      // Still in use: the status says so already, and the window is not told the same thing every 10 s.
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') return;
      this.#endRetries();
      this.#set({ state: 'failed', url: null, error: toErrorView(this.#failure(error, wanted.port)) });
      return;
    }
    if (!same(wanted, this.#wanted)) return server.close().catch((error: unknown) => this.#ports.log?.(`Local API: closing: ${errorMessage(error)}`));
    this.#endRetries();
    this.#up(server, wanted);
  }

  #failure(error: unknown, port: number): ReadoutError {
    return (error as NodeJS.ErrnoException).code === 'EADDRINUSE'
      ? new ReadoutError('api-port-in-use', `Port ${port} is in use by another program: Readout tries it again every ${PORT_RETRY_MS / 1000} seconds, or choose another port for the Local API in Settings.`)
      : new ReadoutError('api-unavailable', `The Local API could not listen on port ${port} (${errorMessage(error)}): choose another port in Settings.`);
  }

  async #apply(wanted: Wanted | null): Promise<void> {
    this.#endRetries();
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
      const server = await this.#listen(wanted);
      if (!same(wanted, this.#wanted)) {
        await server.close();
        return;
      }
      this.#up(server, wanted);
    } catch (error) {
      const failure = this.#failure(error, wanted.port);
      this.#set({ state: 'failed', url: null, error: toErrorView(failure) });
      if (failure.code === 'api-port-in-use' && same(wanted, this.#wanted)) {
        this.#stopRetrying = (this.#ports.ticker ?? realTicker).every(PORT_RETRY_MS, () => {
          this.#chain = this.#chain.then(() => this.#retry(wanted));
        });
      }
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
    this.#endRetries();
    this.#chain = this.#chain.then(() => this.#apply(null));
    await this.#chain;
  }
}
