/**
 * The app's private control endpoint, for `readout capture` (and any program of the same user): while the app runs,
 * whatever the Local API setting, it listens on serve/control-endpoint.ts's path in the data folder (a Unix socket,
 * mode 0600, or a named pipe on Windows) with only POST /v1/capture and GET /v1/health (serve/server.ts with a
 * socketPath). A socket file left by a crash is removed first (serve's prepareSocketPath); when another Readout answers
 * on it, that one keeps it and this app goes on without (said in the log, never a crash).
 */
import { errorMessage } from '../errors.ts';
import { controlEndpoint } from '../serve/control-endpoint.ts';
import { startApiServer, type ApiServer } from '../serve/server.ts';

export interface ControlPorts {
  dataDir: string;
  platform?: NodeJS.Platform;
  startCapture(): void;
  version: string;
  log?: (line: string) => void;
}

export class AppControl {
  readonly #ports: ControlPorts;
  #server: ApiServer | null = null;
  #starting: Promise<void> | null = null;

  constructor(ports: ControlPorts) {
    this.#ports = ports;
  }

  /** Where it listens (or would). */
  get endpoint(): string {
    return controlEndpoint(this.#ports.dataDir, this.#ports.platform);
  }

  /** Starts listening; resolves either way (a failure is logged: the app runs on without `readout capture`). */
  start(): Promise<void> {
    this.#starting ??= startApiServer({
      socketPath: this.endpoint,
      token: null,
      reader: null,
      history: null,
      capture: () => this.#ports.startCapture(),
      version: this.#ports.version,
      log: this.#log,
    }).then(
      (server) => void (this.#server = server),
      (error: unknown) => this.#log(`readout capture will not reach this app: ${errorMessage(error)}`),
    );
    return this.#starting;
  }

  readonly #log = (line: string): void => (this.#ports.log ?? ((text: string) => console.warn(text)))(line);

  get listening(): boolean {
    return this.#server !== null;
  }

  /** Stops listening (quit); Node removes the socket file when the server closes (net.md, server.close on IPC paths). */
  async close(): Promise<void> {
    await this.#starting;
    const server = this.#server;
    this.#server = null;
    await server?.close();
  }
}
