import { describe, expect, it } from 'vitest';
import { bindHotkeys, type Registrar } from '../../../main/capture/hotkeys.ts';

/** Behaves as Electron's globalShortcut does: false when another app holds the key, a throw for nonsense. */
function registrar(takenByOthers: string[]): Registrar & { held: Set<string> } {
  const held = new Set<string>();
  return {
    held,
    register(accelerator) {
      if (!/^(Command|Control|Alt|Shift|CommandOrControl|Super)(\+\w+)+$/.test(accelerator)) throw new Error(`Error processing argument: ${accelerator}`);
      if (takenByOthers.includes(accelerator) || held.has(accelerator)) return false;
      held.add(accelerator);
      return true;
    },
    unregister(accelerator) {
      held.delete(accelerator);
    },
  };
}

describe('bindHotkeys', () => {
  it('holds the hotkeys it can and names the ones it cannot', () => {
    const keys = registrar(['Control+Alt+O']);
    const result = bindHotkeys(keys, [], [
      { hotkey: 'Control+Alt+O', run: () => {} },
      { hotkey: 'Control+Alt+Shift+O', run: () => {} },
      { hotkey: 'banana', run: () => {} },
    ]);
    expect(result.held).toEqual(['Control+Alt+Shift+O']);
    expect(result.problems).toEqual([
      { kind: 'taken', hotkey: 'Control+Alt+O' },
      { kind: 'invalid', hotkey: 'banana' },
    ]);
  });

  it('lets go of the old hotkeys when the settings change', () => {
    const keys = registrar([]);
    const first = bindHotkeys(keys, [], [{ hotkey: 'Control+Alt+O', run: () => {} }]);
    const second = bindHotkeys(keys, first.held, [{ hotkey: 'Control+Alt+P', run: () => {} }]);
    expect([...keys.held]).toEqual(['Control+Alt+P']);
    expect(second.problems).toEqual([]);
  });
});
