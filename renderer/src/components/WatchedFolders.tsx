/**
 * Settings › Integrations › Watched folders (issue 25): each folder with its two choices (subfolders, a .txt beside
 * each file) and what main says of it (watching, how many read, the last file, or why it stopped), live on
 * 'integrations:changed'. A folder comes only from the OS picker (integrations.chooseFolder): the page never makes up
 * a path. The list is saved whole as settings.watchFolders; main starts and stops the watchers from it.
 */
import { useTranslation } from 'react-i18next';
import type { WatchFolder, WatchStatus } from '../../../preload/api.ts';
import { api } from '../api.ts';
import { errorWords } from '../error-words.ts';
import { ErrorText } from './ErrorText.tsx';
import type { Fields } from './SettingsFields.tsx';

/** The settings' bound (main/settings/schema.ts). */
export const MAX_FOLDERS = 20;

const fileName = (path: string): string => path.split(/[\\/]/).filter(Boolean).at(-1) ?? path;

function WatchLine({ status }: { status: WatchStatus | undefined }) {
  const { t } = useTranslation();
  if (!status) return <span className="muted">{t('integrations.watch.waiting')}</span>;
  if (status.state === 'failed' || status.error) {
    return (
      <span className="error-text">
        {status.error ? <ErrorText error={status.error} /> : t('integrations.watch.failed')}
      </span>
    );
  }
  const parts = [t(`integrations.watch.state.${status.state}`), t('integrations.watch.read', { count: status.read })];
  if (status.skipped > 0) parts.push(t('integrations.watch.skipped', { count: status.skipped }));
  if (status.failed > 0) parts.push(t('integrations.watch.failedCount', { count: status.failed }));
  if (status.lastFile) parts.push(t('integrations.watch.last', { file: fileName(status.lastFile) }));
  return <span title={status.lastFile ?? undefined}>{parts.join(' · ')}</span>;
}

export function WatchedFolders({ fields, watches }: { fields: Fields; watches: WatchStatus[] }) {
  const { t } = useTranslation();
  const { settings, update, fieldError, onToast } = fields;
  const folders = settings.watchFolders;
  const save = (next: WatchFolder[]): void => void update({ watchFolders: next }, 'watchFolders');
  const edit = (index: number, patch: Partial<WatchFolder>): void => save(folders.map((folder, i) => (i === index ? { ...folder, ...patch } : folder)));

  const add = async (): Promise<void> => {
    try {
      const path = await api.integrations.chooseFolder();
      if (!path) return;
      if (folders.some((folder) => folder.path === path)) {
        onToast(t('integrations.watch.already', { folder: path }));
        return;
      }
      save([...folders, { path, recursive: false, textBeside: false }]);
    } catch (error) {
      onToast(errorWords(t, error));
    }
  };

  return (
    <div className="integration" data-testid="watched-folders">
      <h3 id="watched-folders-heading">{t('integrations.watch.heading')}</h3>
      <p className="hint">{t('integrations.watch.hint')}</p>
      {folders.length > 0 && (
        <ul className="watch-list" aria-labelledby="watched-folders-heading">
          {folders.map((folder, index) => {
            const status = watches.find((watch) => watch.path === folder.path);
            const name = fileName(folder.path);
            return (
              <li key={folder.path} className="watch-row" data-testid="watch-row">
                <div className="watch-head">
                  <span className="watch-path" title={folder.path} data-testid="watch-path">{folder.path}</span>
                  <button type="button" onClick={() => save(folders.filter((_, i) => i !== index))} aria-label={t('integrations.watch.removeNamed', { folder: name })} data-testid="watch-remove">
                    {t('integrations.watch.remove')}
                  </button>
                </div>
                <div className="watch-options">
                  <label className="check">
                    <input type="checkbox" checked={folder.recursive} onChange={(event) => edit(index, { recursive: event.target.checked })} aria-label={t('integrations.watch.recursiveNamed', { folder: name })} data-testid="watch-recursive" />
                    <span aria-hidden="true">{t('integrations.watch.recursive')}</span>
                  </label>
                  <label className="check">
                    <input type="checkbox" checked={folder.textBeside} onChange={(event) => edit(index, { textBeside: event.target.checked })} aria-label={t('integrations.watch.textBesideNamed', { folder: name })} data-testid="watch-text-beside" />
                    <span aria-hidden="true">{t('integrations.watch.textBeside')}</span>
                  </label>
                </div>
                <p className="watch-status" role="status" data-testid="watch-status">
                  <WatchLine status={status} />
                </p>
              </li>
            );
          })}
        </ul>
      )}
      {fieldError('watchFolders')}
      <div className="inline-actions">
        <button type="button" onClick={() => void add()} disabled={folders.length >= MAX_FOLDERS} data-testid="watch-add">{t('integrations.watch.add')}</button>
        {folders.length >= MAX_FOLDERS && <small className="hint">{t('integrations.watch.full', { max: MAX_FOLDERS })}</small>}
      </div>
    </div>
  );
}
