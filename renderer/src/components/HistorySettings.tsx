/** Settings › History: what is kept, how much room it takes, the data folder, and Clear history (asked first). */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StorageView } from '../../../preload/api.ts';
import { api, bridgeError } from '../api.ts';
import { formatBytes } from '../format.ts';
import type { Fields } from './SettingsFields.tsx';

export function HistorySettings({ fields }: { fields: Fields }) {
  const { t, i18n } = useTranslation();
  const { checkbox, numberField, onToast, setStatus } = fields;
  const [storage, setStorage] = useState<StorageView | null>(null);
  const [clearing, setClearing] = useState<{ includePinned: boolean } | null>(null);
  useEffect(() => {
    void api.history.storage().then(setStorage);
  }, []);
  const clearHistory = async (includePinned: boolean): Promise<void> => {
    try {
      const removed = await api.history.clear({ includePinned });
      setClearing(null);
      onToast(t('settings.history.cleared', { count: removed }));
      setStorage(await api.history.storage());
    } catch (error) {
      const { code, message } = bridgeError(error);
      setStatus({ key: 'settings.invalidGeneric', params: { message: t(`errorCode.${code}`, { defaultValue: message }) }, error: true });
    }
  };
  return (
    <>
      {checkbox('keepImages', t('settings.history.keepImages'))}
      {numberField('historyCapMb', t('settings.history.cap'))}
      {storage && (
        <p className="hint">
          {t('settings.history.storage', {
            entries: storage.entries,
            size: formatBytes(storage.databaseBytes, i18n.language),
            images: formatBytes(storage.imageBytes, i18n.language),
          })}
        </p>
      )}
      <div className="inline-actions">
        <button type="button" onClick={() => void api.app.openDataFolder()}>{t('settings.history.openFolder')}</button>
        <button type="button" className="danger" onClick={() => setClearing({ includePinned: false })} data-testid="clear-history">{t('settings.history.clear')}</button>
      </div>
      {clearing && (
        <div className="confirm" role="alertdialog" aria-labelledby="clear-title" data-testid="clear-confirm">
          <p id="clear-title">{t('settings.history.clearConfirm', { count: storage?.entries ?? 0 })}</p>
          <label className="check">
            <input type="checkbox" checked={clearing.includePinned} onChange={(event) => setClearing({ includePinned: event.target.checked })} />
            <span>{t('settings.history.clearPinned')}</span>
          </label>
          <div className="inline-actions">
            <button type="button" className="danger" onClick={() => void clearHistory(clearing.includePinned)}>{t('settings.history.clearNow')}</button>
            <button type="button" onClick={() => setClearing(null)}>{t('settings.history.keep')}</button>
          </div>
        </div>
      )}
    </>
  );
}
