/**
 * A private D-Bus session bus (Debian's dbus-daemon) and a stand-in for xdg-desktop-portal on it that speaks the
 * documented Screenshot protocol: Screenshot(s, a{sv}) -> o, then Response(u, a{sv}) on that object.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connectSessionBus, Message, Variant, type MessageBus } from '../../main/linux/session-bus.ts';
import { requestPath } from '../../main/linux/screenshot-portal.ts';

export const DBUS_DAEMON = ['/usr/bin/dbus-daemon', '/bin/dbus-daemon'].find((path) => existsSync(path)) ?? null;

export class SessionBus {
  #process: ChildProcess | null = null;
  address = '';

  async start(): Promise<void> {
    const child = spawn(DBUS_DAEMON!, ['--session', '--nofork', '--nopidfile', '--print-address=1'], { stdio: ['ignore', 'pipe', 'ignore'] });
    this.#process = child;
    this.address = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('\n')) resolve(out.split('\n')[0]!.trim());
      });
      child.once('exit', (code) => reject(new Error(`dbus-daemon exited with ${code}`)));
    });
  }

  stop(): void {
    this.#process?.kill();
  }
}

export type PortalAnswer = { kind: 'saved'; uri: string } | { kind: 'cancelled' } | { kind: 'silent' } | { kind: 'other-path'; uri: string };

export class FakeScreenshotPortal {
  #bus: MessageBus | null = null;
  answer: PortalAnswer = { kind: 'cancelled' };
  calls: Array<{ parent: string; options: Record<string, unknown> }> = [];

  async start(address: string, options: { screenshot?: boolean } = {}): Promise<void> {
    const bus = await connectSessionBus(address);
    this.#bus = bus;
    await bus.requestName('org.freedesktop.portal.Desktop', 4);
    bus.addMethodHandler((message: Message) => {
      if (message.path !== '/org/freedesktop/portal/desktop') return false;
      if (options.screenshot === false || message.interface !== 'org.freedesktop.portal.Screenshot' || message.member !== 'Screenshot') {
        bus.send(Message.newError(message, 'org.freedesktop.DBus.Error.UnknownMethod', 'No such interface'));
        return true;
      }
      if (message.signature !== 'sa{sv}') throw new Error(`Screenshot called with signature ${message.signature}`);
      const [parent, raw] = message.body as [string, Record<string, Variant>];
      const opts = Object.fromEntries(Object.entries(raw).map(([key, variant]) => [key, variant.value]));
      this.calls.push({ parent, options: opts });
      const answer = this.answer;
      const handle = answer.kind === 'other-path' ? '/org/freedesktop/portal/desktop/request/legacy/1' : requestPath(message.sender, String(opts.handle_token));
      bus.send(Message.newMethodReturn(message, 'o', [handle]));
      const respond = (code: number, results: Record<string, Variant>) =>
        setTimeout(() => bus.send(Message.newSignal(handle, 'org.freedesktop.portal.Request', 'Response', 'ua{sv}', [code, results])), 20);
      if (answer.kind === 'saved' || answer.kind === 'other-path') respond(0, { uri: new Variant('s', answer.uri) });
      else if (answer.kind === 'cancelled') respond(1, {});
      return true;
    });
  }

  stop(): void {
    this.#bus?.disconnect();
  }
}
