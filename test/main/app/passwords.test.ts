/** An encrypted PDF's password questions, kept in main until answered, for a page that loads too late (review N6). */
import { afterEach, describe, expect, it } from 'vitest';
import { PdfPasswords } from '../../../main/app/passwords.ts';
import { registerIpc, type IpcEventLike } from '../../../main/ipc.ts';
import { CHANNELS, type PasswordRequest } from '../../../preload/api.ts';
import { createTestApp, type TestApp } from '../../support/app-services.ts';
import { fixture } from '../../support/paths.ts';
import { useTempDir } from '../../support/temp.ts';

describe('PdfPasswords', () => {
  const announced: PasswordRequest[] = [];
  afterEach(() => void announced.splice(0));

  it('keeps a question until it is answered, in the order asked, and forgets the answer', async () => {
    const passwords = new PdfPasswords((request) => announced.push(request));
    const first = passwords.ask('a.pdf', false, new AbortController().signal);
    const second = passwords.ask('b.pdf', true, new AbortController().signal);
    expect(announced).toEqual([{ requestId: 1, file: 'a.pdf', wrong: false }, { requestId: 2, file: 'b.pdf', wrong: true }]);
    expect(passwords.pending()).toEqual(announced);
    passwords.answer(2, 'secret');
    await expect(second).resolves.toBe('secret');
    expect(passwords.pending()).toEqual([{ requestId: 1, file: 'a.pdf', wrong: false }]);
    passwords.answer(1, null);
    await expect(first).resolves.toBeNull();
    expect(passwords.pending()).toEqual([]);
    // A second answer, or one to a question never asked, changes nothing.
    passwords.answer(1, 'late');
    passwords.answer(99, 'never asked');
    expect(passwords.pending()).toEqual([]);
  });

  it('drops a question when its job is cancelled, or when nobody answers in time', async () => {
    const passwords = new PdfPasswords((request) => announced.push(request), 50);
    const job = new AbortController();
    const cancelled = passwords.ask('a.pdf', false, job.signal);
    const unanswered = passwords.ask('b.pdf', false, new AbortController().signal);
    job.abort();
    await expect(cancelled).resolves.toBeNull();
    expect(passwords.pending().map((r) => r.file)).toEqual(['b.pdf']);
    await expect(unanswered).resolves.toBeNull();
    expect(passwords.pending()).toEqual([]);
    // A job cancelled before it asks asks nothing.
    await expect(passwords.ask('c.pdf', false, AbortSignal.abort())).resolves.toBeNull();
    expect(announced.map((r) => r.file)).toEqual(['a.pdf', 'b.pdf']);
  });
});

describe('a password asked before the window listens', () => {
  const tempDir = useTempDir();
  let app: TestApp | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('is fetched late through the bridge, and the late answer opens the PDF', async () => {
    app = createTestApp(tempDir());
    app.settings.update({ engine: 'local' });
    const handlers = new Map<string, (event: IpcEventLike, ...args: unknown[]) => unknown>();
    registerIpc({ handle: (channel, listener) => handlers.set(channel, listener) }, app.services, { rendererDir: '/app/out/renderer' }, 'linux');
    const call = (channel: string, ...args: unknown[]) => Promise.resolve(handlers.get(channel)!({ senderFrame: { url: 'app://readout/index.html' } }, ...args));
    // A cold "Open with": the file goes in before any page exists; its question is pushed to nobody.
    app.services.jobs.recognizeFiles([fixture('pdf/encrypted.pdf')]);
    await expect.poll(() => app!.events.filter((e) => e.event === 'ocr:passwordNeeded').length, { timeout: 60_000 }).toBe(1);
    const pending = (await call(CHANNELS.ocrPendingPasswords)) as PasswordRequest[];
    expect(pending).toEqual([{ requestId: expect.any(Number), file: 'encrypted.pdf', wrong: false }]);
    await expect(call(CHANNELS.ocrPendingPasswords, 'extra')).rejects.toThrow(/\[ipc-invalid\]/);
    await call(CHANNELS.ocrPdfPassword, pending[0]!.requestId, 'readout');
    await app.services.idle();
    expect(await call(CHANNELS.ocrPendingPasswords)).toEqual([]);
    expect(app.history.list().items[0]).toMatchObject({ status: 'done', text: expect.stringContaining('Locked contract') });
  }, 60_000);
});
