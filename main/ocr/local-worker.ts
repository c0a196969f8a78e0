/**
 * The offline engine's worker: PaddleOCR PP-OCRv4 through our own pipeline (local-handler.ts), apart so the app never
 * stalls on inference: as a worker thread (parentPort) in the app, as a child process (process.send) under a command
 * line too long to run it in the command's own thread (local-host.ts).
 */
import { parentPort } from 'node:worker_threads';
import { handleLocalRequest } from './local-handler.ts';
import type { LocalRequest, LocalResponse } from './local-protocol.ts';

type Port = { on(event: 'message', listener: (request: LocalRequest) => void): unknown; postMessage(response: LocalResponse): void };
const send = process.send?.bind(process);
const port: Port | null = parentPort ?? (send ? { on: (event, listener) => process.on(event, listener), postMessage: (response) => void send(response) } : null);
// A child whose parent went away has no one to answer: it ends rather than lingering.
if (!parentPort && send) process.on('disconnect', () => process.exit(0));

port?.on('message', async (request: LocalRequest) => port?.postMessage(await handleLocalRequest(request)));
