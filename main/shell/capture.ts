/**
 * Adapter: region capture wired to the OS. Overlays on X11, macOS and Windows (capture/service.ts and
 * capture/overlay-set.ts hold the logic), the compositor's own picker under Wayland (linux/screenshot-portal.ts),
 * and what the user is told when a capture cannot happen.
 */
import { dialog, shell, systemPreferences } from 'electron';
import { fill, mainStrings, sayError } from '../app/strings.ts';
import type { Source } from '../history/types.ts';
import { APP_ORIGIN } from '../app-protocol.ts';
import { captureDisplays } from '../capture/electron-capture.ts';
import { OverlayWindows } from '../capture/electron-overlays.ts';
import { ScreenPermission, ScreenPermissionError, type MediaAccess } from '../capture/permission.ts';
import { CaptureService } from '../capture/service.ts';
import { errorMessage, ReadoutError } from '../errors.ts';
import type { CaptureBridge } from '../ipc.ts';
import { PortalError, portalScreenshot } from '../linux/screenshot-portal.ts';
import type { Notifier } from '../app/notifier.ts';
import type { AppOrigin } from '../security.ts';

export interface CaptureShellOptions {
  wayland: boolean;
  origin: AppOrigin;
  preload: string;
  development: boolean;
  words(): ReturnType<typeof mainStrings>;
  notifier: Notifier;
  /** Whether the user was already asked for Screen Recording (macOS), kept in the settings file. */
  asked: { get(): boolean; set(): void };
  /** A capture's crop goes down the pipeline. */
  recognize(png: Uint8Array, name: string, source: Source): void;
  relaunch(): void;
  quitting(): boolean;
}

export interface CaptureShell {
  start(): Promise<void>;
  repeat(): Promise<void>;
  /** A capture is on screen (the updater waits for it to end). */
  readonly active: boolean;
  /** The overlays' side of the bridge; none under Wayland. */
  bridge: CaptureBridge | undefined;
  dispose(): void;
}

export function setUpCapture(options: CaptureShellOptions): CaptureShell {
  const problem = (error: ReadoutError): void => captureProblem(error, options);
  if (options.wayland) {
    // Under Wayland there is no region to repeat without the picker: the repeat hotkey opens it again.
    const fromPortal = async (): Promise<void> => {
      try {
        const { bytes } = await portalScreenshot();
        options.recognize(bytes, options.words().tray.capture, { kind: 'region', displayId: 'portal', rect: { x: 0, y: 0, width: 0, height: 0 } });
      } catch (error) {
        problem(error instanceof ReadoutError ? error : new ReadoutError('capture-failed', errorMessage(error)));
      }
    };
    return { start: fromPortal, repeat: fromPortal, active: false, bridge: undefined, dispose: () => undefined };
  }

  const permission = new ScreenPermission({
    status: () => systemPreferences.getMediaAccessStatus('screen') as MediaAccess,
    asked: options.asked.get,
    markAsked: options.asked.set,
  });
  // The two refer to each other: the service shows the overlays, the overlays end the service's capture when one
  // of them goes away (review N2).
  let overlays: OverlayWindows | null = null;
  const capture = new CaptureService({
    captureDisplays: () => (process.platform === 'darwin' ? permission.capture(captureDisplays) : captureDisplays()),
    showOverlays: (id) => overlays?.show(id),
    hideOverlays: () => overlays?.hide(),
    showSelection: (dips) => overlays?.selection(dips),
    recognize: options.recognize,
    problem,
  });
  overlays = new OverlayWindows({
    preload: options.preload,
    development: options.development,
    load: (window) => window.loadURL(`${options.origin.devServer ?? APP_ORIGIN}/overlay.html`),
    capture,
    report: () => options.notifier.alert('Readout', options.words().capture.overlayFailed),
    quitting: options.quitting,
  });
  overlays.rebuild();
  const windows = overlays;
  return {
    start: () => capture.start(),
    repeat: () => capture.repeat(),
    get active() {
      return capture.active;
    },
    bridge: { service: capture, displayFor: (event) => windows.displayFor(event.sender?.id) },
    dispose: () => windows.destroy(),
  };
}

/** What the user must know when a capture cannot happen, in words, with the way out where there is one. */
function captureProblem(error: ReadoutError, options: CaptureShellOptions): void {
  const capture = options.words().capture;
  if (error instanceof ScreenPermissionError) {
    const { kind, actions } = error.advice;
    const detail = { prompted: capture.permissionPrompted, denied: capture.permissionDenied, relaunch: capture.permissionRelaunch, restricted: capture.permissionRestricted }[kind];
    const buttons = [...actions.map((action) => (action === 'relaunch' ? capture.relaunch : capture.openSettings)), capture.close];
    void dialog.showMessageBox({ type: 'warning', message: capture.permissionTitle, detail, buttons, defaultId: 0, cancelId: buttons.length - 1 }).then(({ response }) => {
      const action = actions[response];
      if (action === 'relaunch') options.relaunch();
      // The Screen Recording pane of System Settings (Privacy & Security).
      if (action === 'open-settings') void shell.openExternal('x-apple.systempreferences:com.apple.preference.security?Privacy_ScreenCapture');
    });
    return;
  }
  if (error instanceof PortalError) {
    options.notifier.alert('Readout', error.reason === 'missing' ? capture.portalMissing : capture.portalRefused);
    return;
  }
  options.notifier.alert('Readout', fill(capture.failed, { message: sayError(options.words(), error) }));
}
