/**
 * Where the offline engine runs: a child process under plain Node (the `readout` command), a worker thread inside
 * Electron. Why a process for the command line (bad-input review H3): libonnxruntime 1.30 reads
 * /proc/self/cmdline while creating a session and walks it recursively, about 250 bytes of stack per byte of the
 * command line (seen in gdb: a three-function cycle 43,000 frames deep for a 17 KB argument). A worker thread has a
 * 4 MB stack, so about 16 KB of file names (400 screenshots) crashed the whole command with SIGSEGV and no output.
 * A child's command line is only `node local-worker`, whatever the parent was given. Electron's main process is
 * started by the OS with few arguments (files arrive through open-file or a second instance), and it cannot fork
 * plain Node once the RunAsNode fuse is off, so the app keeps the thread.
 * A command whose command line is short (under INLINE_COMMAND_LINE bytes: 2 MB of the main thread's 8 MB stack at
 * most) runs the engine in its own thread instead: no second Node to start and no second copy of sharp and
 * onnxruntime to load, which is most of what a one-image run waits for (bench/offline.ts, cold).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { LocalRequest, LocalResponse } from './local-protocol.ts';

export interface EngineHost {
  send(request: LocalRequest): void;
  /** Keeps the host (and so a command-line run) alive while a request is out; lets it go when idle. */
  hold(busy: boolean): void;
  stop(): Promise<void>;
}

export interface HostEvents {
  message(response: LocalResponse): void;
  failed(message: string): void;
  exited(): void;
}

/** Bytes of command line the command's own thread takes the engine with (see above: 250 bytes of stack each). */
export const INLINE_COMMAND_LINE = 8192;

export type HostKind = 'process' | 'thread' | 'inline';

/** What /proc/self/cmdline holds: every argument, each ended by a NUL. */
function commandLineBytes(): number {
  return [process.execPath, ...process.execArgv, ...process.argv.slice(1)].reduce((sum, arg) => sum + Buffer.byteLength(arg) + 1, 0);
}

export function startEngineHost(script: URL, kind: HostKind | undefined, events: HostEvents): EngineHost {
  const chosen = kind ?? (process.versions.electron ? 'thread' : commandLineBytes() < INLINE_COMMAND_LINE ? 'inline' : 'process');
  if (chosen === 'inline') return inlineHost(script, events);
  return chosen === 'process' ? childHost(script, events) : threadHost(script, events);
}

/**
 * The engine in this thread: the handler the worker would run, loaded the first time it is needed. For the command
 * line, which runs from the sources; the app's build has the handler only inside its worker bundle.
 */
function inlineHost(script: URL, events: HostEvents): EngineHost {
  const handler = import(new URL(script.pathname.endsWith('.ts') ? './local-handler.ts' : './local-handler.js', script).href) as Promise<typeof import('./local-handler.ts')>;
  return {
    send: (request) => void handler.then((h) => h.handleLocalRequest(request)).then(events.message, (error: unknown) => events.failed(String(error))),
    hold: () => undefined,
    stop: async () => (await handler.catch(() => undefined))?.releaseLocalSessions(),
  };
}

function threadHost(script: URL, events: HostEvents): EngineHost {
  const worker = new Worker(script);
  worker.on('message', events.message);
  worker.on('error', (error) => events.failed(error.message));
  worker.on('exit', events.exited);
  worker.unref();
  return {
    send: (request) => worker.postMessage(request, 'image' in request ? [request.image.buffer as ArrayBuffer] : 'codes' in request ? [request.codes.buffer as ArrayBuffer] : []),
    hold: (busy) => (busy ? worker.ref() : worker.unref()),
    stop: async () => void (await worker.terminate()),
  };
}

function childHost(script: URL, events: HostEvents): EngineHost {
  // No inherited flags (a --inspect would collide); 'advanced' serialization carries the image bytes as they are.
  const child: ChildProcess = fork(fileURLToPath(script), [], { execArgv: [], serialization: 'advanced', stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  child.on('message', (response) => events.message(response as LocalResponse));
  child.on('error', (error) => events.failed(error.message));
  child.on('exit', (code, signal) => {
    if (code !== 0 && code !== null) events.failed(`the offline engine exited with code ${code}`);
    else if (signal && signal !== 'SIGTERM') events.failed(`the offline engine was stopped by ${signal}`);
    events.exited();
  });
  const hold = (busy: boolean): void => {
    const channel = child.channel as { ref(): void; unref(): void } | undefined;
    if (busy) {
      child.ref();
      channel?.ref();
    } else {
      child.unref();
      channel?.unref();
    }
  };
  hold(false);
  return {
    send: (request) => child.send(request),
    hold,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        // Held while it ends, so the caller's await is not left behind by an event loop that thinks it is done.
        hold(true);
        child.once('exit', () => resolve());
        child.kill();
      }),
  };
}
