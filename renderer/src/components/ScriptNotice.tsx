/**
 * Text the offline engine could not read (main/languages/script-warnings.ts): which script it looks like, and the
 * way out: the language pack that reads it (to add, or only to choose), or Qwen-VL-OCR, which reads them all.
 */
import { useTranslation } from 'react-i18next';
import type { ScriptWarningView } from '../../../preload/api.ts';

interface Props {
  warnings: ScriptWarningView[];
  hasKey: boolean;
  onOpenSettings: () => void;
  /** Reads the image again with Qwen-VL-OCR (offered where a key is set). */
  onQwen: () => void;
}

export function ScriptNotice({ warnings, hasKey, onOpenSettings, onQwen }: Props) {
  const { t } = useTranslation();
  return (
    <>
      {warnings.map((warning) => {
        const name = warning.pack ? t(`languages.${warning.pack}`) : '';
        const way = warning.pack === null ? 'anyPack' : warning.installed ? 'choosePack' : 'addPack';
        return (
          <div key={warning.script} className="notice" role="note" data-testid={`script-warning-${warning.script}`}>
            <span>{t('result.script.sentence', { what: t(`result.script.${warning.script}`, { name }), how: t(`result.script.${way}`, { name }) })}</span>
            <button type="button" onClick={onOpenSettings}>{t('result.script.openLanguages')}</button>
            {hasKey && <button type="button" onClick={onQwen}>{t('result.script.readWithQwen')}</button>}
          </div>
        );
      })}
    </>
  );
}
