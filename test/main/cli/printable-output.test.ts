/**
 * Terminal output is always printable (bad-input review 2, L1): every history command and the live reading print
 * stored text and a server's messages with their control characters escaped, line ends kept; --json reads back the
 * same text, with DEL and C1 controls written as \u escapes.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HistoryStore } from '../../../main/history/store.ts';
import { newEntry, result } from '../../support/entries.ts';
import { fixture } from '../../support/paths.ts';
import { TEST_KEY, useProtocolServer } from '../../support/protocol-server.ts';
import { runCli } from '../../support/run-cli.ts';
import { useTempDir } from '../../support/temp.ts';

const tempDir = useTempDir();
const { server } = useProtocolServer();

/** What a terminal acts on: C0 controls but the line end and tab, DEL and C1. */
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const HOSTILE = '\r\u001b[2K\u001b]0;PWNED-title\u0007\u009b31mred\u007f';

describe('history commands print escaped', () => {
  it('list, search, show (text and --json) and a failed entry’s message', async () => {
    const dir = tempDir();
    const store = new HistoryStore(join(dir, 'history.sqlite'));
    const done = store.createPending(newEntry());
    store.complete(done, result(`needle ${HOSTILE}\nsecond line`));
    const failed = store.createPending(newEntry());
    store.fail(failed, { code: 'server', message: `The service said: ${HOSTILE}`, retryable: false });
    store.close();
    const runs = {
      list: await runCli(['history', 'list', '--data-dir', dir]),
      search: await runCli(['history', 'search', 'needle', '--data-dir', dir]),
      show: await runCli(['history', 'show', String(done), '--data-dir', dir]),
      showFailed: await runCli(['history', 'show', String(failed), '--data-dir', dir]),
      listJson: await runCli(['history', 'list', '--json', '--data-dir', dir]),
      showJson: await runCli(['history', 'show', String(done), '--json', '--data-dir', dir]),
    };
    for (const [name, run] of Object.entries(runs)) {
      expect(run.code, name).toBe(0);
      expect(RAW_CONTROL.test(run.stdout + run.stderr), name).toBe(false);
      expect(run.stdout, name).not.toContain('\u001b');
    }
    expect(runs.show.stdout).toContain('needle \\x0d\\x1b[2K\\x1b]0;PWNED-title\\x07\\x9b31mred\\x7f\nsecond line');
    expect(runs.showFailed.stdout).toContain('error: server: The service said: \\x0d\\x1b[2K');
    // --json is still JSON, and reads back the very text.
    expect(JSON.parse(runs.showJson.stdout).text).toBe(`needle ${HOSTILE}\nsecond line`);
    expect(runs.listJson.stdout.trim().split('\n').map((line) => JSON.parse(line).id)).toEqual([failed, done]);
  });
});

describe('the live reading prints escaped', () => {
  it('a server’s text with escape sequences reaches the terminal escaped, the history keeps it as it came', async () => {
    const dir = tempDir();
    server.script({ kind: 'ok', text: `line one ${HOSTILE}\nline two` });
    const run = await runCli(['--base-url', server.baseURL, '--data-dir', dir, fixture('text/en-zh.png')], { env: { DASHSCOPE_API_KEY: TEST_KEY } });
    expect(run.code).toBe(0);
    expect(RAW_CONTROL.test(run.stdout)).toBe(false);
    expect(run.stdout).toContain('line one \\x0d\\x1b[2K\\x1b]0;PWNED-title\\x07\\x9b31mred\\x7f\nline two');
    const store = new HistoryStore(join(dir, 'history.sqlite'));
    try {
      expect(store.list().items[0]!.text).toBe(`line one ${HOSTILE}\nline two`);
    } finally {
      store.close();
    }
  });
});
