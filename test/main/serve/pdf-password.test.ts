/**
 * An encrypted PDF over POST /v1/read (main/serve/v1.ts): its password as "password" in the JSON body or in the
 * X-Readout-Pdf-Password header, read with the real reader (offline engine); without it, the failed object says how
 * to send it over the API, not the command's --password, and `readout --json` still says --password.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeError } from '../../../main/reading/report.ts';
import { PdfError } from '../../../main/pdf/pdf.ts';
import { API_HINTS, headerPassword } from '../../../main/serve/v1.ts';
import { call } from '../../support/http-call.ts';
import { useOfflineServer } from './offline-server.ts';
import { fixture } from '../../support/paths.ts';

const locked = readFileSync(fixture('pdf/encrypted.pdf'));
const PASSWORD = 'readout';
const server = useOfflineServer();

type Report = { file: string; ok: boolean; text: string | null; error: { code: string; message: string } | null; page: number | null; pages: number | null };
const read = (body: Buffer | string, headers: Record<string, string>) => call({ port: server().port, method: 'POST', path: '/v1/read?file=locked.pdf', headers, body });

describe('an encrypted PDF over /v1/read', () => {
  it('without its password: failed, saying how to send it over the API, never --password', async () => {
    const answer = await read(locked, { 'Content-Type': 'application/pdf' });
    expect(answer.status).toBe(200);
    const [report] = answer.json as Report[];
    expect(report).toMatchObject({ ok: false, error: { code: 'pdf-password' } });
    expect(report!.error!.message).toBe('locked.pdf: the PDF is protected by a password (send it as "password" in the JSON body, or in the X-Readout-Pdf-Password header)');
    expect(report!.error!.message).not.toContain('--password');
  });

  it('its password in the header (bytes body) or in the JSON body: read, page by page; a wrong one said so', async () => {
    const byHeader = (await read(locked, { 'Content-Type': 'application/pdf', 'X-Readout-Pdf-Password': PASSWORD })).json as Report[];
    expect(byHeader.map((r) => [r.ok, r.page, r.pages])).toEqual([[true, 1, 1]]);
    expect(byHeader[0]!.text).toMatch(/Locked contract/);
    const byJson = (await read(JSON.stringify({ base64: locked.toString('base64'), password: PASSWORD }), { 'Content-Type': 'application/json' })).json as Report[];
    expect(byJson[0]).toMatchObject({ ok: true, file: 'locked.pdf', text: byHeader[0]!.text });
    const wrong = (await read(locked, { 'Content-Type': 'application/pdf', 'X-Readout-Pdf-Password': 'not-it' })).json as Report[];
    expect(wrong[0]).toMatchObject({ ok: false, error: { code: 'pdf-password-wrong' } });
    expect(JSON.stringify(wrong)).not.toContain('not-it');
  }, 120_000);

  it('a password that is not a string, or too long: 400', async () => {
    const notString = await read(JSON.stringify({ base64: locked.toString('base64'), password: 7 }), { 'Content-Type': 'application/json' });
    expect(notString.status).toBe(400);
    expect(notString.json).toMatchObject({ error: { code: 'bad-request', message: expect.stringContaining('"password"') } });
    const long = await read(locked, { 'Content-Type': 'application/pdf', 'X-Readout-Pdf-Password': 'x'.repeat(1025) });
    expect(long.status).toBe(400);
  });
});

describe('the hints', () => {
  it('the command keeps --password; the API names its own ways', () => {
    const error = new PdfError('pdf-password', 'locked.pdf', 'the PDF is protected by a password');
    expect(describeError('locked.pdf', error).message).toMatch(/--password\)$/);
    expect(describeError('locked.pdf', error, API_HINTS).message).toMatch(/X-Readout-Pdf-Password header\)$/);
  });

  it('a header password is read as UTF-8 when its bytes are UTF-8, else as given', () => {
    expect(headerPassword(Buffer.from('密码-pässword', 'utf8').toString('latin1'))).toBe('密码-pässword');
    expect(headerPassword('p\u00e4ss')).toBe('p\u00e4ss');
    expect(headerPassword(undefined)).toBeUndefined();
    expect(headerPassword('')).toBeUndefined();
  });
});
