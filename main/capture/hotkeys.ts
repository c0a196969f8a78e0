/** Which global shortcuts to hold, and what to say when one cannot be had. Pure: the registrar is passed in. */
export interface Registrar {
  register(accelerator: string, callback: () => void): boolean;
  unregister(accelerator: string): void;
}

export type HotkeyProblem = { kind: 'taken' | 'invalid'; hotkey: string };

/** Registers each binding, replacing what was held before; returns the ones that failed and why. */
export function bindHotkeys(registrar: Registrar, held: string[], bindings: Array<{ hotkey: string; run: () => void }>): { held: string[]; problems: HotkeyProblem[] } {
  for (const accelerator of held) registrar.unregister(accelerator);
  const problems: HotkeyProblem[] = [];
  const now: string[] = [];
  for (const { hotkey, run } of bindings) {
    try {
      if (registrar.register(hotkey, run)) now.push(hotkey);
      else problems.push({ kind: 'taken', hotkey });
    } catch {
      // Electron throws for an accelerator it cannot parse.
      problems.push({ kind: 'invalid', hotkey });
    }
  }
  return { held: now, problems };
}
