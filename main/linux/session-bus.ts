/**
 * The D-Bus session bus, through @jellybrick/dbus-next (a maintained fork of dbus-next: pure JavaScript, so nothing
 * native to package). Only raw messages are used: the portal's Request objects appear after the call that creates
 * them, so proxies (which introspect first) would race the answer.
 */
import { once } from 'node:events';
import { Message, sessionBus, type MessageBus } from '@jellybrick/dbus-next';

export { Message, Variant, DBusError } from '@jellybrick/dbus-next';
export type { MessageBus } from '@jellybrick/dbus-next';

/** A connected session bus; `address` overrides DBUS_SESSION_BUS_ADDRESS (tests run their own bus). */
export async function connectSessionBus(address?: string): Promise<MessageBus> {
  const bus = sessionBus(address ? { busAddress: address } : {});
  // Connection failures arrive as 'error' events on the bus; turn the first into a rejection.
  const failed = once(bus as unknown as NodeJS.EventEmitter, 'error').then(([error]) => Promise.reject(error as Error));
  if (!bus.name) await Promise.race([once(bus, 'connect'), failed]);
  (bus as unknown as NodeJS.EventEmitter).on('error', () => undefined);
  return bus;
}

/** Whether some connection owns `name` (org.freedesktop.DBus.NameHasOwner). */
export async function nameHasOwner(bus: MessageBus, name: string): Promise<boolean> {
  const reply = await bus.call(
    new Message({ destination: 'org.freedesktop.DBus', path: '/org/freedesktop/DBus', interface: 'org.freedesktop.DBus', member: 'NameHasOwner', signature: 's', body: [name] }),
  );
  return reply?.body[0] === true;
}
