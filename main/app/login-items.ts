/**
 * "Start at login", written only when the choice changes (review m7): each OS's login item is a file or registry
 * entry, and rewriting it on every settings change and at every start is needless I/O (and, on macOS, can put a
 * prompt in front of the user). A login start passes LOGIN_ARG, so it starts in the tray instead of opening the window.
 */
import { LOGIN_ARG } from './identity.ts';

export interface LoginItemPort {
  /** What the OS has now (macOS/Windows: app.getLoginItemSettings; Linux: whether the autostart entry exists). */
  enabled(): boolean;
  set(enabled: boolean, args: string[]): void;
}

export class LoginItems {
  readonly #port: LoginItemPort;
  #applied: boolean | undefined;

  constructor(port: LoginItemPort) {
    this.#port = port;
  }

  /** Brings the OS in line with the setting; does nothing when it already is. */
  apply(wanted: boolean): void {
    this.#applied ??= this.#port.enabled();
    if (this.#applied === wanted) return;
    this.#port.set(wanted, wanted ? [LOGIN_ARG] : []);
    this.#applied = wanted;
  }
}

/** Whether this start came from the login item: the argument we registered, or macOS's own flag. */
export function startedAtLogin(argv: readonly string[], macOpenedAtLogin = false): boolean {
  return macOpenedAtLogin || argv.includes(LOGIN_ARG);
}
