/**
 * A key typed in Settings is tested before it is used (review 2, M9): a key the region's server refuses is never the
 * key in use, a key that works in another region brings that region, and a server that cannot be asked saves the key
 * untested. Real services, the real HTTP client, and one stand-in server per region.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../../preload/api.ts';
import { ReadoutError } from '../../../main/errors.ts';
import { registerIpc, type IpcEventLike } from '../../../main/ipc.ts';
import { createTestApp, type TestApp } from '../../support/app-services.ts';
import { DashScopeServer } from '../../support/dashscope-server.ts';
import { useTempDir } from '../../support/temp.ts';

const GOOD = 'sk-test-valid-key-0001';
const OTHER = 'sk-test-valid-key-0002';
const WRONG = 'sk-wrong-key-00000000';
const tempDir = useTempDir();
/** Beijing knows no key; Singapore knows both; Virginia is not there at all (nothing listens on port 9). */
const beijing = new DashScopeServer();
const singapore = new DashScopeServer();
singapore.validKeys.add(OTHER);
let app: TestApp;

beforeAll(async () => {
  beijing.validKeys.clear();
  await Promise.all([beijing.start(), singapore.start()]);
});
afterAll(() => Promise.all([beijing.stop(), singapore.stop()]));
afterEach(async () => {
  await app.close();
  beijing.script();
  singapore.script();
});

const regionApp = (): TestApp =>
  (app = createTestApp(tempDir(), { regionEndpoints: { cn: beijing.baseURL, intl: singapore.baseURL, us: 'http://127.0.0.1:9/compatible-mode/v1' } }));

describe('saving a key', () => {
  it('a key the region refuses is not saved: the key, the engine in use and the region stay as they were', async () => {
    regionApp();
    const result = await app.services.settings.saveApiKey(WRONG);
    expect(result).toMatchObject({ outcome: 'rejected', region: 'cn', test: { ok: false, code: 'auth' }, apiKey: { set: false } });
    expect(app.settings.apiKey()).toBeUndefined();
    expect(app.services.engines.engine().name).toBe('local');
    expect(beijing.requests.map((r) => r.authorization)).toEqual([`Bearer ${WRONG}`]);
  });

  it('a refused key leaves the working key in use', async () => {
    regionApp();
    app.settings.update({ region: 'intl' });
    expect((await app.services.settings.saveApiKey(GOOD)).outcome).toBe('saved');
    const refused = await app.services.settings.saveApiKey('sk-not-this-one-either');
    expect(refused).toMatchObject({ outcome: 'rejected', region: 'intl', apiKey: { set: true, last4: '0001' } });
    expect(app.settings.apiKey()).toBe(GOOD);
  });

  it('Try Singapore: a key that works there is saved, and Singapore becomes the region', async () => {
    regionApp();
    expect((await app.services.settings.saveApiKey(OTHER)).outcome).toBe('rejected');
    const result = await app.services.settings.saveApiKey(OTHER, 'intl');
    expect(result).toMatchObject({ outcome: 'saved', region: 'intl', test: { ok: true }, apiKey: { set: true, last4: '0002' }, settings: { region: 'intl' } });
    expect(app.settings.get().region).toBe('intl');
    expect(app.services.engines.engine().name).toBe('qwen');
  });

  it('a server that cannot be asked: the key is saved, untested, and the test says why', async () => {
    regionApp();
    app.settings.update({ region: 'us' });
    const result = await app.services.settings.saveApiKey(GOOD);
    expect(result).toMatchObject({ outcome: 'unchecked', region: 'us', test: { ok: false, code: 'network' }, apiKey: { set: true } });
    expect(app.settings.apiKey()).toBe(GOOD);
  });

  it('a key that got through and met another problem (quota) is saved, with the problem said', async () => {
    regionApp();
    app.settings.update({ region: 'intl' });
    singapore.script({ kind: 'error', status: 429, code: 'Throttling.AllocationQuota', message: 'Allocated quota exceeded' });
    const result = await app.services.settings.saveApiKey(GOOD);
    expect(result).toMatchObject({ outcome: 'saved', test: { ok: false, code: 'quota' }, apiKey: { set: true } });
  });

  it('something that is not a key is refused before anything is sent', async () => {
    regionApp();
    await expect(app.services.settings.saveApiKey('sk 12')).rejects.toSatisfy((error) => error instanceof ReadoutError && error.code === 'key-invalid');
    expect(beijing.requests).toEqual([]);
  });

  it('a custom endpoint: the key goes there after the yes, and a refused one is taken back', async () => {
    app = createTestApp(tempDir());
    app.settings.update({ baseUrl: singapore.baseURL });
    const refused = await app.services.settings.saveApiKey(WRONG);
    expect(refused).toMatchObject({ outcome: 'rejected', region: null, test: { ok: false, code: 'auth' }, apiKey: { set: false } });
    expect(app.confirmations).toHaveLength(1);
    const saved = await app.services.settings.saveApiKey(GOOD);
    expect(saved).toMatchObject({ outcome: 'saved', test: { ok: true }, apiKey: { set: true, withheldFrom: null } });
    // A refused key after a working one: the working one is back, still allowed there.
    expect((await app.services.settings.saveApiKey(WRONG)).apiKey).toMatchObject({ set: true, last4: '0001', withheldFrom: null });
    expect(app.settings.apiKey()).toBe(GOOD);
  });

  it('through the bridge: the key and a known region only, nothing else', async () => {
    regionApp();
    const handlers = new Map<string, (event: IpcEventLike, ...args: unknown[]) => unknown>();
    registerIpc({ handle: (channel, listener) => handlers.set(channel, listener) }, app.services, { rendererDir: '/app/out/renderer' }, 'linux');
    const call = (...args: unknown[]) => Promise.resolve().then(() => handlers.get(CHANNELS.keySave)!({ senderFrame: { url: 'app://readout/index.html' } }, ...args));
    await expect(call({ key: GOOD, region: 'eu' })).rejects.toThrow(/\[ipc-invalid\]/);
    await expect(call({ key: GOOD, trust: true })).rejects.toThrow(/\[ipc-invalid\]/);
    await expect(call(GOOD)).rejects.toThrow(/\[ipc-invalid\]/);
    expect(beijing.requests).toEqual([]);
    const saved = await call({ key: GOOD, region: 'intl' });
    expect(saved).toMatchObject({ outcome: 'saved', region: 'intl', apiKey: { set: true, last4: '0001' } });
    // What comes back says whether a key is set, never the key.
    expect(JSON.stringify(saved)).not.toContain(GOOD);
  });

  it('a custom endpoint the user does not allow: the key is kept, withheld, and not tested', async () => {
    app = createTestApp(tempDir());
    app.settings.update({ baseUrl: singapore.baseURL });
    app.confirmAnswer = false;
    const result = await app.services.settings.saveApiKey(GOOD);
    expect(result).toMatchObject({ outcome: 'saved', test: null, apiKey: { set: true, withheldFrom: singapore.baseURL } });
    expect(singapore.requests).toEqual([]);
  });
});
