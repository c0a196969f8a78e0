import { describe, expect, it } from 'vitest';
import { Notifier, type NotificationPorts } from '../../../main/app/notifier.ts';

function ports(options: { supported?: boolean; fails?: boolean } = {}) {
  const seen: string[] = [];
  const port: NotificationPorts = {
    supported: () => options.supported ?? true,
    show: (message, failed) => {
      seen.push(`notification:${message.body}`);
      // Electron emits 'failed' after show() returns.
      if (options.fails) queueMicrotask(() => failed('Notifications are not allowed for this application'));
    },
    showWindow: () => seen.push('window'),
    showDialog: (message) => seen.push(`dialog:${message.body}`),
    log: () => undefined,
  };
  return { seen, notifier: new Notifier(port) };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('Notifier', () => {
  it('shows a result as a notification where notifications work', async () => {
    const { seen, notifier } = ports();
    notifier.result('Text copied', 'hello');
    await tick();
    expect(seen).toEqual(['notification:hello']);
  });

  it('an unsigned macOS build: the failed notification brings the window up with the result, and later ones go there at once', async () => {
    const { seen, notifier } = ports({ fails: true });
    notifier.result('Text copied', 'first');
    await tick();
    notifier.result('Text copied', 'second');
    notifier.alert('Readout', 'The hotkey is taken');
    await tick();
    expect(seen).toEqual(['notification:first', 'window', 'window', 'dialog:The hotkey is taken']);
  });

  it('no notifications at all: results to the window, warnings to a dialog', () => {
    const { seen, notifier } = ports({ supported: false });
    notifier.result('Text read', 'x');
    notifier.alert('Readout', 'capture failed');
    expect(seen).toEqual(['window', 'dialog:capture failed']);
  });
});
