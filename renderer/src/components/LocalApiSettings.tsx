/**
 * Settings › Integrations › Local API (issue 25): the switch, the port, "other devices on the network" with its
 * warning, and, while it runs, what a script needs: the address, the token (masked until asked; a new one after a
 * confirm, the old refused at once by main), and one curl line for each protocol. The server itself is main's
 * (main/app/local-api.ts); this page turns it on and off through settings and shows the state main reports.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LocalApiStatus } from '../../../preload/api.ts';
import { api } from '../api.ts';
import { errorWords } from '../error-words.ts';
import { CopyLine } from './CopyLine.tsx';
import { curlLines } from './curl-lines.ts';
import { ErrorText } from './ErrorText.tsx';
import type { Fields } from './SettingsFields.tsx';

/** The settings' bounds on the port (main/settings/schema.ts): below 1024 needs privileges on most systems. */
const MIN_PORT = 1024;
const MAX_PORT = 65535;

const MASK = '•'.repeat(16);

export function LocalApiSettings({ fields, status, onStatus }: { fields: Fields; status: LocalApiStatus | null; onStatus: (status: LocalApiStatus) => void }) {
  const { t } = useTranslation();
  const { settings, update, refuse, fieldError, checkbox, onToast } = fields;
  const [showToken, setShowToken] = useState(false);
  const [confirming, setConfirming] = useState(false);

  const savePort = (raw: string): void => {
    const port = Number(raw);
    if (raw.trim() === '' || !Number.isInteger(port) || port < MIN_PORT || port > MAX_PORT) {
      refuse('localApiPort', { key: 'integrations.api.portRange', params: { min: MIN_PORT, max: MAX_PORT } });
      return;
    }
    if (port !== settings.localApiPort) void update({ localApiPort: port }, 'localApiPort');
  };
  const regenerate = async (): Promise<void> => {
    setConfirming(false);
    try {
      onStatus(await api.integrations.regenerateToken());
      onToast(t('integrations.api.regenerated'));
    } catch (error) {
      onToast(errorWords(t, error));
    }
  };

  const running = settings.localApi && status !== null && status.state !== 'off';
  const examples = status?.url && status.token ? curlLines(status.url, status.token, settings.localApiLan) : null;
  const masked = status?.url && status.token ? curlLines(status.url, showToken ? status.token : MASK, settings.localApiLan) : null;

  return (
    <div className="integration" data-testid="local-api">
      <h3>{t('integrations.api.heading')}</h3>
      {checkbox('localApi', t('integrations.api.enable'), t('integrations.api.enableHint'))}
      <label className="field port-field">
        <span>{t('integrations.api.port')}</span>
        <input
          type="number"
          inputMode="numeric"
          min={MIN_PORT}
          max={MAX_PORT}
          defaultValue={settings.localApiPort}
          key={`port-${settings.localApiPort}`}
          aria-invalid={Boolean(fieldError('localApiPort'))}
          aria-describedby={fieldError('localApiPort') ? 'localApiPort-error' : 'localApiPort-hint'}
          data-testid="field-localApiPort"
          onBlur={(event) => savePort(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') savePort(event.currentTarget.value);
          }}
        />
        {fieldError('localApiPort')}
        <small className="hint" id="localApiPort-hint">{t('integrations.api.portHint')}</small>
      </label>
      {checkbox('localApiLan', t('integrations.api.lan'), t('integrations.api.lanHint'))}
      {settings.localApiLan && (
        <p className="notice integration-warning" role="note" data-testid="lan-warning">{t('integrations.api.lanWarning')}</p>
      )}

      {running && status && (
        <div className="integration-live">
          <p className={`integration-state state-${status.state}`} role="status" data-testid="local-api-state">
            {status.state === 'starting' && t('integrations.api.starting')}
            {status.state === 'on' && t('integrations.api.on')}
            {status.state === 'failed' && (
              <>
                {status.error?.code === 'api-port-in-use' ? (
                  t('integrations.api.portInUse', { port: settings.localApiPort })
                ) : status.error ? (
                  <ErrorText error={status.error} />
                ) : (
                  t('integrations.api.failed')
                )}
              </>
            )}
          </p>
          {status.url && <CopyLine label={t('integrations.api.url')} value={status.url} testId="local-api-url" onToast={onToast} />}
          {status.token && (
            <CopyLine label={t('integrations.api.token')} value={status.token} shown={showToken ? status.token : MASK} testId="local-api-token" onToast={onToast}>
              <button type="button" aria-pressed={showToken} onClick={() => setShowToken((shown) => !shown)} data-testid="local-api-token-show">
                {showToken ? t('integrations.api.hide') : t('integrations.api.show')}
              </button>
              <button type="button" onClick={() => setConfirming(true)} data-testid="local-api-regenerate">{t('integrations.api.regenerate')}</button>
            </CopyLine>
          )}
          {confirming && (
            <div className="confirm" role="alertdialog" aria-labelledby="regenerate-title" data-testid="regenerate-confirm">
              <p id="regenerate-title">{t('integrations.api.regenerateConfirm')}</p>
              <div className="inline-actions">
                <button type="button" className="danger" onClick={() => void regenerate()} data-testid="regenerate-yes">{t('integrations.api.regenerateYes')}</button>
                <button type="button" onClick={() => setConfirming(false)}>{t('integrations.api.keep')}</button>
              </div>
            </div>
          )}
          {examples && masked && (
            <>
              <CopyLine label={t('integrations.api.umiExample')} value={examples.umi} shown={masked.umi} wrap testId="curl-umi" onToast={onToast} />
              <CopyLine label={t('integrations.api.v1Example')} value={examples.v1} shown={masked.v1} wrap testId="curl-v1" onToast={onToast} />
            </>
          )}
        </div>
      )}
      <p className="hint">{t('integrations.api.captureHint')}</p>
    </div>
  );
}
