/**
 * A document past the page limit in the window (bad-input review 2, M5): main asks before reading it all (its own
 * dialog, confirm.ts), a no reads the first PAGE_LIMIT pages, and the question says the file, its pages and the limit.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { confirmDialog } from '../../../main/app/confirm.ts';
import { mainStrings } from '../../../main/app/strings.ts';
import { PAGE_LIMIT } from '../../../main/pdf/page-limit.ts';
import { createTestApp, type TestApp } from '../../support/app-services.ts';
import { manyKidsPdf } from '../../support/hostile-pdfs.ts';
import { useTempDir } from '../../support/temp.ts';

const tempDir = useTempDir();
let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe('a PDF past the page limit in the window (M5)', () => {
  it('asks before reading it all, reading nothing while it asks; after a no it reads from the first page, never past the limit, and can be cancelled', { timeout: 180_000 }, async () => {
    app = createTestApp(tempDir());
    // Each page's own text taken: the test is about which pages are read, not about reading them.
    app.settings.update({ engine: 'local', pdfText: 'always', copyToClipboard: false, showNotification: false });
    let answer!: (yes: boolean) => void;
    app.confirmAnswer = new Promise<boolean>((resolve) => (answer = resolve));
    const path = join(tempDir(), 'kids.pdf');
    await writeFile(path, manyKidsPdf(100_000));
    app.chooseFiles = [path];
    const [ticket] = await app.services.jobs.openFiles();
    await expect.poll(() => app!.confirmations.length, { timeout: 60_000 }).toBe(1);
    expect(app.confirmations[0]).toEqual({ kind: 'long-document', file: 'kids.pdf', pages: 100_000, limit: PAGE_LIMIT });
    // Nothing is read while the question is open.
    expect(app.history.list().items).toEqual([]);
    answer(false);
    await expect.poll(() => app!.history.list().items.filter((e) => e.status === 'done').length, { timeout: 60_000 }).toBeGreaterThanOrEqual(2);
    app.services.jobs.cancel(ticket!.jobId);
    await app.services.idle();
    const pages = app.history.list({ limit: 1000 }).items.map((e) => e.document?.page ?? 0);
    expect(Math.max(...pages)).toBeLessThanOrEqual(PAGE_LIMIT);
    expect(app.history.list().items.every((e) => e.document?.pages === 100_000 && e.text === 'SAME PAGE')).toBe(true);
  });

  it('says the file, its pages and the limit; Enter and Escape read the first pages only', () => {
    const dialog = confirmDialog(mainStrings('en', 'en-US'), { kind: 'long-document', file: 'kids.pdf', pages: 100_000, limit: 500 });
    expect(dialog).toMatchObject({ message: 'kids.pdf has 100000 pages. Read them all?', buttons: ['Read all pages', 'Read the first 500'], defaultId: 1, cancelId: 1 });
    const zh = confirmDialog(mainStrings('system', 'zh-CN'), { kind: 'long-document', file: 'kids.pdf', pages: 100_000, limit: 500 });
    expect(zh.buttons).toEqual(['读取全部页面', '只读前 500 页']);
  });
});
