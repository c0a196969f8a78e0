/**
 * Where the running app listens for `readout capture` (and any other program of the same user): a Unix socket in the
 * data folder, `<dataDir>/control.sock`, mode 0600, on Linux and macOS; a named pipe on Windows, whose name is
 * derived from the data folder so two data folders (two profiles) have two pipes. Both sides take the name from here.
 * Node listens on either with server.listen(path) and reaches it with http.request({ socketPath })
 * (https://nodejs.org/api/net.html#identifying-paths-for-ipc-connections).
 */
import { createHash } from 'node:crypto';
import { existsSync, unlinkSync } from 'node:fs';
import { connect } from 'node:net';
import { join, resolve } from 'node:path';

export const CONTROL_SOCKET = 'control.sock';

export function controlEndpoint(dataDir: string, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return `\\\\.\\pipe\\readout-${createHash('sha256').update(resolve(dataDir)).digest('hex').slice(0, 16)}`;
  return join(dataDir, CONTROL_SOCKET);
}

/**
 * Makes `path` free to listen on: a socket file left by an app that crashed is removed; one that answers belongs to a
 * running app, and listening is refused with a message saying so. (A Windows pipe vanishes with its process.)
 */
export async function prepareSocketPath(path: string): Promise<void> {
  if (process.platform === 'win32' || !existsSync(path)) return;
  const alive = await new Promise<boolean>((answer) => {
    const socket = connect(path);
    socket.once('connect', () => {
      socket.destroy();
      answer(true);
    });
    socket.once('error', () => answer(false));
  });
  if (alive) throw new Error(`${path}: another Readout is already listening there`);
  unlinkSync(path);
}
