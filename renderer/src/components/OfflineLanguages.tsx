/**
 * Settings › Offline languages: which language the offline engine reads, and the language packs, each with its size
 * on disk, Add (a progress bar while it downloads, and Cancel) and Remove. Main checks and installs the pack; the
 * page only asks and shows.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LanguageProgress, LanguageView, OfflineLanguage, PackCode, SettingsView } from '../../../preload/api.ts';
import { api, bridgeError } from '../api.ts';
import { formatBytes } from '../format.ts';

interface Props {
  settings: SettingsView;
  update: (patch: Partial<SettingsView>) => Promise<boolean>;
  onToast: (text: string) => void;
}

type Problem = { code: PackCode; key: string; message: string };

export function OfflineLanguages({ settings, update, onToast }: Props) {
  const { t, i18n } = useTranslation();
  const [languages, setLanguages] = useState<LanguageView[]>([]);
  const [adding, setAdding] = useState<Partial<Record<PackCode, LanguageProgress | null>>>({});
  const [problem, setProblem] = useState<Problem | null>(null);
  const size = (bytes: number | null): string => formatBytes(bytes ?? 0, i18n.language);
  const name = (code: string): string => t(`languages.${code}`);

  useEffect(() => {
    void api.languages.list().then(setLanguages);
    return api.on('languages:progress', (progress) => setAdding((current) => (progress.code in current ? { ...current, [progress.code]: progress } : current)));
  }, []);

  const add = async (code: PackCode): Promise<void> => {
    setProblem(null);
    setAdding((current) => ({ ...current, [code]: null }));
    try {
      setLanguages(await api.languages.add(code));
      onToast(t('settings.languages.added', { name: name(code) }));
    } catch (error) {
      const { code: reason, message } = bridgeError(error);
      if (reason !== 'cancelled') setProblem({ code, key: `errorCode.${reason}`, message });
    } finally {
      setAdding(({ [code]: _done, ...rest }) => rest);
    }
  };
  const remove = async (code: PackCode): Promise<void> => {
    setProblem(null);
    try {
      setLanguages(await api.languages.remove(code));
      // Main put the engine back on its built-in languages if this pack was the one in use.
      if (settings.offlineLanguage === code) await update({ offlineLanguage: 'built-in' });
      onToast(t('settings.languages.removed', { name: name(code) }));
    } catch (error) {
      const { code: reason, message } = bridgeError(error);
      setProblem({ code, key: `errorCode.${reason}`, message });
    }
  };

  const installed = languages.filter((language) => language.status === 'installed');
  return (
    <div className="languages" data-testid="offline-languages">
      <label className="field">
        <span>{t('settings.languages.choice')}</span>
        <select value={settings.offlineLanguage} onChange={(event) => void update({ offlineLanguage: event.target.value as OfflineLanguage })} data-testid="offline-language">
          <option value="built-in">{t('settings.languages.builtIn')}</option>
          {installed.map((language) => <option key={language.code} value={language.code}>{name(language.code)}</option>)}
        </select>
        <small className="hint">{t('settings.languages.hint')}</small>
      </label>
      <ul className="language-list">
        {languages.map((language) => {
          const code = language.code as PackCode;
          const progress = adding[code];
          const busy = code in adding;
          return (
            <li key={language.code} className="language" data-testid={`language-${language.code}`}>
              <div className="language-name">
                <strong>{name(language.code)}</strong>
                {language.vertical && <small className="hint">{t('settings.languages.vertical')}</small>}
              </div>
              {busy ? (
                <div className="language-progress" role="status">
                  <progress max={progress?.total ?? 1} value={progress?.received ?? 0} aria-label={t('settings.languages.downloading', { name: name(code) })} data-testid={`language-progress-${code}`} />
                  <small className="hint">{progress ? t('settings.languages.progress', { received: size(progress.received), total: size(progress.total) }) : t('settings.languages.starting')}</small>
                  <button type="button" onClick={() => void api.languages.cancel(code)}>{t('settings.languages.cancel')}</button>
                </div>
              ) : (
                <div className="language-state">
                  <small className="hint">
                    {language.status === 'built-in'
                      ? t('settings.languages.statusBuiltIn')
                      : language.status === 'installed'
                        ? t('settings.languages.statusInstalled', { size: size(language.diskBytes) })
                        : t('settings.languages.statusAvailable', { download: size(language.downloadBytes), size: size(language.diskBytes) })}
                  </small>
                  {language.status === 'available' && <button type="button" className="primary" onClick={() => void add(code)} data-testid={`language-add-${code}`}>{t('settings.languages.add')}</button>}
                  {language.status === 'installed' && <button type="button" onClick={() => void remove(code)} data-testid={`language-remove-${code}`}>{t('settings.languages.remove')}</button>}
                </div>
              )}
              {problem?.code === code && (
                <small className="field-error" role="alert" data-testid={`language-error-${code}`}>
                  {t('settings.languages.failed', { name: name(code), reason: t(problem.key, { defaultValue: problem.message }) })}
                </small>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
