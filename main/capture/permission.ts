/**
 * macOS screen-recording permission, as it really behaves (review B2), free of electron:
 * - getMediaAccessStatus('screen') is never 'not-determined' on macOS: Electron reads a yes/no
 *   (CheckSystemScreenCapturePermission, shell/browser/api/electron_api_system_preferences_mac.mm), so an app that
 *   has never asked reads 'denied'. The status must not stop us from asking.
 * - The system prompt is raised by desktopCapturer.getSources itself (ui::TryPromptUserForScreenCapture in
 *   electron_api_desktop_capturer.cc), which without permission rejects ("Failed to get sources") or hands back
 *   frames with nothing on them.
 * - The answer is read once per process (electron/electron#36722): a grant made while Readout runs only takes
 *   effect after a relaunch, so every refusal offers one.
 */
import { ReadoutError } from '../errors.ts';
import { isBlank } from './crop.ts';
import type { Frame } from './session.ts';

export type MediaAccess = 'not-determined' | 'granted' | 'denied' | 'restricted' | 'unknown';

/** What the user is told: `prompted` right after macOS asked, `denied` when refused, `relaunch` once told already. */
export type PermissionAdvice = { kind: 'prompted' | 'denied' | 'relaunch' | 'restricted'; actions: Array<'open-settings' | 'relaunch'> };

export class ScreenPermissionError extends ReadoutError {
  readonly advice: PermissionAdvice;

  constructor(advice: PermissionAdvice) {
    super('capture-permission', 'Readout is not allowed to record the screen.');
    this.advice = advice;
  }
}

export interface ScreenPermissionPorts {
  /** systemPreferences.getMediaAccessStatus('screen'). */
  status(): MediaAccess;
  /** Whether Readout has ever made the call that raises the prompt (kept across launches). */
  asked(): boolean;
  markAsked(): void;
}

export class ScreenPermission {
  readonly #ports: ScreenPermissionPorts;
  /** The user was sent to System Settings in this process: a grant made there needs a relaunch. */
  #advised = false;

  constructor(ports: ScreenPermissionPorts) {
    this.#ports = ports;
  }

  /** Runs the capture (which is what makes macOS ask), and turns a refusal into advice the user can act on. */
  async capture(grab: () => Promise<Frame[]>): Promise<Frame[]> {
    const status = this.#ports.status();
    if (status === 'restricted') throw new ScreenPermissionError({ kind: 'restricted', actions: [] });
    const firstAsk = !this.#ports.asked();
    let frames: Frame[] | null = null;
    let failure: unknown = null;
    try {
      frames = await grab();
    } catch (error) {
      failure = error;
    } finally {
      this.#ports.markAsked();
    }
    const refused = frames === null || frames.length === 0 || frames.every((frame) => isBlank(frame.bitmap));
    if (!refused) return frames!;
    // Granted, yet the capture failed: not a permission problem, so say what really happened.
    if (status === 'granted' && failure !== null) throw failure;
    if (firstAsk) {
      this.#advised = true;
      throw new ScreenPermissionError({ kind: 'prompted', actions: ['open-settings', 'relaunch'] });
    }
    if (this.#advised) throw new ScreenPermissionError({ kind: 'relaunch', actions: ['relaunch', 'open-settings'] });
    this.#advised = true;
    throw new ScreenPermissionError({ kind: 'denied', actions: ['open-settings', 'relaunch'] });
  }
}
