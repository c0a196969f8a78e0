/**
 * Screen capture under Wayland: the xdg-desktop-portal Screenshot portal, interactive, so the compositor's own
 * picker (GNOME's, KDE's Spectacle, wlroots' via its portal backend) lets the user choose the region. Wayland lets no
 * app place windows over the screen or read the pointer (Electron: browser-window.md "Platform notices",
 * base-window.md setAlwaysOnTop "Not supported on Wayland", screen.md getCursorScreenPoint "Not supported on
 * Wayland"), so Readout's own overlays cannot work there (review M4); the portal is what does.
 *
 * Protocol (flatpak.github.io/xdg-desktop-portal, org.freedesktop.portal.Screenshot and .Request):
 * Screenshot(s parent_window, a{sv} options) -> o handle; the answer comes later as the Response signal on the
 * handle, (u response, a{sv} results): 0 success with results.uri, 1 cancelled by the user, 2 ended otherwise. The
 * handle is predictable from our unique name and handle_token, and we listen there before calling, as the spec asks.
 */
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { ReadoutError } from '../errors.ts';
import { readInputFile } from '../read-input.ts';
import { connectSessionBus, DBusError, Message, Variant, type MessageBus } from './session-bus.ts';

const PORTAL = 'org.freedesktop.portal.Desktop';
const PORTAL_PATH = '/org/freedesktop/portal/desktop';
/** The user may take their time choosing; past this the capture is given up rather than left waiting forever. */
const ANSWER_LIMIT_MS = 10 * 60 * 1000;

export class PortalError extends ReadoutError {
  readonly reason: 'missing' | 'refused';

  constructor(reason: 'missing' | 'refused', message: string, cause?: unknown) {
    super(reason === 'missing' ? 'capture-unavailable' : 'capture-cancelled', message, { cause });
    this.reason = reason;
  }
}

/** The object path the portal will give the request: /org/freedesktop/portal/desktop/request/SENDER/TOKEN. */
export function requestPath(uniqueName: string, token: string): string {
  return `${PORTAL_PATH}/request/${uniqueName.replace(/^:/, '').replace(/\./g, '_')}/${token}`;
}

export interface PortalScreenshot {
  bytes: Uint8Array;
  /** Where the portal saved it (the compositor's choice; Readout leaves the file where it is). */
  uri: string;
}

/** Asks the portal for an interactive screenshot and reads the file it saved. */
export async function portalScreenshot(options: { busAddress?: string; limitMs?: number } = {}): Promise<PortalScreenshot> {
  let bus: MessageBus;
  try {
    bus = await connectSessionBus(options.busAddress);
  } catch (error) {
    throw new PortalError('missing', 'No D-Bus session bus: the screenshot portal cannot be reached.', error);
  }
  try {
    const uri = await askForScreenshot(bus, options.limitMs ?? ANSWER_LIMIT_MS);
    let path: string;
    try {
      path = fileURLToPath(uri);
    } catch (error) {
      throw new PortalError('missing', `The screenshot portal answered with ${uri}, which is not a local file.`, error);
    }
    return { bytes: await readInputFile(path), uri };
  } finally {
    bus.disconnect();
  }
}

async function askForScreenshot(bus: MessageBus, limitMs: number): Promise<string> {
  const token = `readout_${randomBytes(8).toString('hex')}`;
  let handle = requestPath(bus.name!, token);
  let settle!: (answer: { code: number; results: Record<string, Variant> }) => void;
  const answered = new Promise<{ code: number; results: Record<string, Variant> }>((resolve) => (settle = resolve));
  const early: Message[] = [];
  const onMessage = (message: Message): void => {
    if (message.interface !== 'org.freedesktop.portal.Request' || message.member !== 'Response') return;
    if (message.path === handle) settle({ code: Number(message.body[0]), results: (message.body[1] ?? {}) as Record<string, Variant> });
    else early.push(message);
  };
  bus.on('message', onMessage);
  let timer: NodeJS.Timeout | undefined;
  try {
    await bus.call(
      new Message({
        destination: 'org.freedesktop.DBus', path: '/org/freedesktop/DBus', interface: 'org.freedesktop.DBus', member: 'AddMatch', signature: 's',
        body: [`type='signal',interface='org.freedesktop.portal.Request',member='Response',path_namespace='${PORTAL_PATH}/request'`],
      }),
    );
    let reply: Message | null;
    try {
      reply = await bus.call(
        new Message({
          destination: PORTAL, path: PORTAL_PATH, interface: 'org.freedesktop.portal.Screenshot', member: 'Screenshot', signature: 'sa{sv}',
          body: ['', { handle_token: new Variant('s', token), interactive: new Variant('b', true), modal: new Variant('b', true) }],
        }),
      );
    } catch (error) {
      const type = error instanceof DBusError ? error.type : '';
      if (/ServiceUnknown|UnknownMethod|UnknownInterface|UnknownObject|NameHasNoOwner/.test(type)) {
        throw new PortalError('missing', 'This desktop has no screenshot portal (xdg-desktop-portal with a backend for it).', error);
      }
      throw new PortalError('refused', `The screenshot portal refused: ${error instanceof Error ? error.message : String(error)}`, error);
    }
    // Older portals may hand out another path than the predicted one: follow theirs, and check what came early.
    const given = String(reply?.body[0] ?? handle);
    if (given !== handle) {
      handle = given;
      for (const message of early) onMessage(message);
    }
    const limit = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new PortalError('refused', 'The screenshot dialog was left open too long; nothing was captured.')), limitMs);
    });
    const { code, results } = await Promise.race([answered, limit]);
    const uri = results.uri?.value;
    if (code === 1) throw new PortalError('refused', 'The screenshot was cancelled.');
    if (code !== 0 || typeof uri !== 'string') throw new PortalError('refused', 'The screenshot portal ended without a screenshot.');
    return uri;
  } finally {
    clearTimeout(timer);
    bus.off('message', onMessage);
  }
}
