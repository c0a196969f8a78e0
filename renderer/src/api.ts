/** The bridge, and the error text it carries: "[code] message". */
export const api = window.readout;

export interface BridgeError {
  code: string;
  message: string;
}

export function bridgeError(error: unknown): BridgeError {
  const text = error instanceof Error ? error.message : String(error);
  // Electron prefixes errors from invoke() with where they came from; the bracketed code follows.
  const match = /\[([\w.-]+)\] ([\s\S]*)$/.exec(text);
  return match ? { code: match[1]!, message: match[2]! } : { code: 'internal', message: text };
}

const isMac = (): boolean => /Mac/i.test(navigator.platform);
export const modKey = (): string => (isMac() ? '⌘' : 'Ctrl+');
