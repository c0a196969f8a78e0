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

/**
 * Takes `wanted` in place of what is held; when the OS refuses any of it, takes `fallback` back (the hotkeys that
 * worked until now) and returns the refusals, so a setting that cannot work is refused instead of leaving none.
 */
export function swapHotkeys(
  registrar: Registrar,
  held: string[],
  wanted: Array<{ hotkey: string; run: () => void }>,
  fallback: Array<{ hotkey: string; run: () => void }>,
): { held: string[]; problems: HotkeyProblem[] } {
  const attempt = bindHotkeys(registrar, held, wanted);
  if (attempt.problems.length === 0) return attempt;
  return { held: bindHotkeys(registrar, attempt.held, fallback).held, problems: attempt.problems };
}
