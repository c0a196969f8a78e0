/**
 * Adapter: the two capture hotkeys held through globalShortcut (capture/hotkeys.ts decides what to hold), and, under
 * Wayland, the desktop entry the GlobalShortcuts portal knows the app by.
 */
import { app, globalShortcut } from 'electron';
import { DESKTOP_NAME } from '../app/identity.ts';
import { swapHotkeys, type HotkeyProblem } from '../capture/hotkeys.ts';
import { errorMessage } from '../errors.ts';
import { applicationDirs, installedDesktopEntry, installUserDesktopEntry } from '../linux/desktop-entry.ts';

export interface HotkeyPair {
  hotkey: string;
  repeatHotkey: string;
}

export interface HotkeyOptions {
  capture(): void;
  repeat(): void;
  /** The pair held now, taken back when the OS refuses a new one. */
  current(): HotkeyPair;
  wayland: boolean;
  /** Wayland: the desktop could not confirm the hotkey (no desktop entry to know the app by). */
  unconfirmed(hotkey: string): void;
}

export class Hotkeys {
  #held: string[] = [];
  readonly #options: HotkeyOptions;

  constructor(options: HotkeyOptions) {
    this.#options = options;
  }

  #bindings(pair: HotkeyPair) {
    return [
      { hotkey: pair.hotkey, run: () => this.#options.capture() },
      { hotkey: pair.repeatHotkey, run: () => this.#options.repeat() },
    ];
  }

  /** New hotkeys, or the old ones kept when the OS refuses the new (the settings service then refuses the change). */
  take(pair: HotkeyPair): HotkeyProblem[] {
    const result = swapHotkeys(globalShortcut, this.#held, this.#bindings(pair), this.#bindings(this.#options.current()));
    this.#held = result.held;
    if (this.#options.wayland) this.#checkPortalIdentity(pair.hotkey);
    return result.problems;
  }

  releaseAll(): void {
    globalShortcut.unregisterAll();
    this.#held = [];
  }

  /**
   * Under Wayland, register() goes through the GlobalShortcuts portal and returns true whatever the portal decides
   * (electron_api_global_shortcut.cc), and the portal refuses an app id with no installed desktop entry. So the
   * identity is made resolvable (an AppImage writes its own entry) and a missing one is said, not assumed away.
   */
  #checkPortalIdentity(hotkey: string): void {
    const dirs = applicationDirs(process.env, app.getPath('home'));
    if (!installedDesktopEntry(DESKTOP_NAME, dirs) && process.env.APPIMAGE) {
      try {
        installUserDesktopEntry(DESKTOP_NAME, dirs[0]!, [process.env.APPIMAGE]);
      } catch (error) {
        console.warn('The desktop entry could not be written', errorMessage(error));
      }
    }
    if (!installedDesktopEntry(DESKTOP_NAME, dirs)) this.#options.unconfirmed(hotkey);
  }
}
