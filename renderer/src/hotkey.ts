/**
 * Hotkeys as Electron's accelerators ("Alt+Shift+O") and as people read them ("Alt+Shift+O", "⌥⇧O" on a Mac), and
 * the accelerator a key press stands for, for the settings' recorder.
 */
const isMac = (): boolean => /Mac/i.test(navigator.platform);

const MAC_SYMBOLS: Record<string, string> = { Command: '⌘', Cmd: '⌘', CommandOrControl: '⌘', Control: '⌃', Ctrl: '⌃', Alt: '⌥', Option: '⌥', Shift: '⇧', Super: '⌘' };

export function hotkeyLabel(accelerator: string): string {
  const parts = accelerator.split('+');
  if (isMac()) return parts.map((part) => MAC_SYMBOLS[part] ?? part).join('');
  return parts.map((part) => (part === 'Control' || part === 'CommandOrControl' ? 'Ctrl' : part)).join('+');
}

/** Keys that name themselves differently in accelerators (docs/api/accelerator.md). */
const KEY_NAMES: Record<string, string> = {
  ' ': 'Space', ArrowUp: 'Up', ArrowDown: 'Down', ArrowLeft: 'Left', ArrowRight: 'Right', Escape: 'Escape', Enter: 'Enter',
  Tab: 'Tab', Backspace: 'Backspace', Delete: 'Delete', Insert: 'Insert', Home: 'Home', End: 'End', PageUp: 'PageUp',
  PageDown: 'PageDown', PrintScreen: 'PrintScreen', '+': 'Plus',
};

export type Recorded = { accelerator: string } | { problem: 'modifier' | 'altgr' | 'incomplete' };

/**
 * The accelerator for a key press, or why it cannot be one: a global hotkey needs a modifier (a plain letter would
 * be taken from every app), and Ctrl+Alt on Windows and Linux is AltGr, which types letters on many layouts.
 */
export function acceleratorFor(event: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>, mac = isMac()): Recorded {
  if (['Control', 'Meta', 'Alt', 'Shift', 'AltGraph'].includes(event.key)) return { problem: 'incomplete' };
  const modifiers = [event.metaKey && 'Command', event.ctrlKey && 'Control', event.altKey && 'Alt', event.shiftKey && 'Shift'].filter(Boolean) as string[];
  const function_ = /^F\d{1,2}$/.test(event.key);
  if (!function_ && (modifiers.length === 0 || (modifiers.length === 1 && modifiers[0] === 'Shift'))) return { problem: 'modifier' };
  if (!mac && event.ctrlKey && event.altKey) return { problem: 'altgr' };
  // The physical key, so Shift+1 records as "1", not "!", and a non-Latin layout still gives a Latin letter.
  const fromCode = /^Key([A-Z])$/.exec(event.code)?.[1] ?? /^Digit(\d)$/.exec(event.code)?.[1];
  const key = fromCode ?? KEY_NAMES[event.key] ?? (event.key.length === 1 ? event.key.toUpperCase() : event.key);
  return { accelerator: [...modifiers, key].join('+') };
}
