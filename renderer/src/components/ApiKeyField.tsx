/**
 * The API key: typed, tested, and only then saved (review 2, M9). A key the region refuses stays in the field and is
 * not used; one line says so, with the other regions to try and Keep anyway. Every outcome is said by its code in
 * the reader's language, never in the main process's English (M6). The key itself never comes back from main.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KeySaveResult, KeyTestResult, RegionName } from '../../../preload/api.ts';
import { api, bridgeError } from '../api.ts';
import type { Fields } from './SettingsFields.tsx';

const REGIONS: readonly RegionName[] = ['cn', 'intl', 'us'];
const REGION_WORDS: Record<RegionName, string> = { cn: 'settings.engine.regionCn', intl: 'settings.engine.regionIntl', us: 'settings.engine.regionUs' };

/** What the line under the key says: a test under way, or how the last one went. */
type Line =
  | { kind: 'testing' }
  | { kind: 'ok'; model: string; ms: number }
  /** Refused by the server (401/403): `key` is the typed one, kept for Try <region> and Keep anyway. */
  | { kind: 'rejected'; code: string; region: RegionName | null; key: string | null }
  /** Saved, but the server could not be asked. */
  | { kind: 'unchecked'; code: string; message: string }
  /**
   * Something other than a refusal: the key got through and something else failed (a quota: `accepted`), a saved
   * key's test failed some other way (`tested`), or the key was not saved (`refused`: not a key's shape).
   */
  | { kind: 'problem'; code: string; message: string; after: 'accepted' | 'tested' | 'refused' }
  /** Saved with Keep anyway, though `region` refused it. */
  | { kind: 'kept'; region: RegionName | null };

const REFUSED = new Set(['auth', 'forbidden']);

export function ApiKeyField({ fields }: { fields: Fields }) {
  const { t } = useTranslation();
  const { settings, apiKey, onChange } = fields;
  const [draft, setDraft] = useState('');
  const [line, setLine] = useState<Line | null>(null);
  const reason = (code: string, message: string): string => t(`errorCode.${code}`, { defaultValue: message });
  const host = (): string => {
    try {
      return new URL(settings.baseUrl ?? '').host;
    } catch {
      return settings.baseUrl ?? '';
    }
  };
  const where = (region: RegionName | null): string => (region ? t(REGION_WORDS[region]) : host());

  /** A test's outcome as the line says it; `key` is the typed key a refusal keeps for another try. */
  const lineFor = (test: KeyTestResult, region: RegionName | null, key: string | null, after: 'accepted' | 'tested'): Line => {
    if (test.ok) return { kind: 'ok', model: test.model, ms: test.durationMs };
    if (REFUSED.has(test.code)) return { kind: 'rejected', code: test.code, region, key };
    return { kind: 'problem', code: test.code, message: test.message, after };
  };
  const show = (result: KeySaveResult, key: string): void => {
    onChange(result.settings, result.apiKey);
    if (result.outcome === 'rejected') {
      // Kept in the field: the user may correct it, try it elsewhere, or keep it anyway.
      setLine(lineFor(result.test!, result.region, key, 'accepted'));
      return;
    }
    setDraft('');
    if (!result.test) setLine(null);
    else if (result.outcome === 'unchecked' && !result.test.ok) setLine({ kind: 'unchecked', code: result.test.code, message: result.test.message });
    else setLine(lineFor(result.test, result.region, null, 'accepted'));
  };
  const failed = (error: unknown): void => {
    const { code, message } = bridgeError(error);
    setLine({ kind: 'problem', code, message, after: 'refused' });
  };
  const save = async (key: string, region?: RegionName): Promise<void> => {
    setLine({ kind: 'testing' });
    try {
      show(await api.settings.saveApiKey(region ? { key, region } : { key }), key);
    } catch (error) {
      failed(error);
    }
  };
  const keepAnyway = async (key: string, region: RegionName | null): Promise<void> => {
    try {
      onChange(settings, await api.settings.setApiKey(key));
      setDraft('');
      setLine({ kind: 'kept', region });
    } catch (error) {
      failed(error);
    }
  };
  const test = async (): Promise<void> => {
    setLine({ kind: 'testing' });
    const result = await api.settings.testApiKey();
    setLine(lineFor(result, settings.baseUrl ? null : settings.region, null, 'tested'));
  };
  const clear = async (): Promise<void> => {
    try {
      onChange(settings, await api.settings.clearApiKey());
      setLine(null);
    } catch (error) {
      failed(error);
    }
  };
  const storageWarning = { os: null, weak: 'storageWeak', session: 'storageSession' }[apiKey.storage];

  return (
    <div className="field">
      <label htmlFor="api-key">{t('settings.engine.key')}</label>
      <div className="inline">
        <input
          id="api-key"
          type="password"
          autoComplete="off"
          spellCheck={false}
          placeholder={t('settings.engine.keyPlaceholder')}
          value={draft}
          aria-describedby="key-status"
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && draft.trim()) void save(draft);
          }}
        />
        <button type="button" className="primary" disabled={!draft.trim() || line?.kind === 'testing'} onClick={() => void save(draft)}>{t('settings.engine.saveKey')}</button>
        {apiKey.set && <button type="button" onClick={() => void test()}>{t('settings.engine.testKey')}</button>}
        {apiKey.set && <button type="button" onClick={() => void clear()}>{t('settings.engine.clearKey')}</button>}
      </div>
      <p className="hint" id="key-status" data-testid="key-status">{apiKey.set ? t('settings.engine.keySaved', { last4: apiKey.last4 }) : t('settings.engine.keyNone')}</p>
      {storageWarning && <p className="hint warning">{t(`settings.engine.${storageWarning}`)}</p>}
      {line && <KeyLine line={line} where={where} reason={reason} onTry={(key, region) => void save(key, region)} onKeep={(key, region) => void keepAnyway(key, region)} />}
    </div>
  );
}

function KeyLine({ line, where, reason, onTry, onKeep }: {
  line: Line;
  where: (region: RegionName | null) => string;
  reason: (code: string, message: string) => string;
  onTry: (key: string, region: RegionName) => void;
  onKeep: (key: string, region: RegionName | null) => void;
}) {
  const { t } = useTranslation();
  const regionShort = (region: RegionName) => t(`settings.key.try.${region}`);
  const [text, tone] = ((): [string, 'ok' | 'failed' | 'warning' | ''] => {
    switch (line.kind) {
      case 'testing': return [t('settings.engine.testing'), ''];
      case 'ok': return [t('settings.engine.testOk', { model: line.model, ms: line.ms }), 'ok'];
      case 'rejected': {
        const words = line.code === 'forbidden' ? 'settings.key.forbidden' : line.region ? 'settings.key.rejected' : 'settings.key.rejectedEndpoint';
        return [t(words, { where: where(line.region) }), 'failed'];
      }
      case 'unchecked': return [t('settings.key.unchecked', { reason: reason(line.code, line.message) }), 'warning'];
      case 'problem': return [t(`settings.key.${line.after}`, { reason: reason(line.code, line.message) }), 'failed'];
      case 'kept': return [t('settings.key.kept', { where: where(line.region) }), 'warning'];
    }
  })();
  return (
    <div className={`key-test${tone ? ` ${tone}` : ''}`} role="status" data-testid="key-test">
      <span>{text}</span>
      {line.kind === 'rejected' && line.key && (
        <span className="key-test-actions">
          {line.region &&
            REGIONS.filter((region) => region !== line.region).map((region) => (
              <button key={region} type="button" className="link" onClick={() => onTry(line.key!, region)} data-testid={`try-${region}`}>
                {regionShort(region)}
              </button>
            ))}
          <button type="button" className="link" onClick={() => onKeep(line.key!, line.region)} data-testid="keep-anyway">{t('settings.key.keepAnyway')}</button>
        </span>
      )}
    </div>
  );
}
