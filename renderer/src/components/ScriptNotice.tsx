/**
 * Text the offline engine could not read (main/languages/script-warnings.ts): which script it looks like, and the
 * way out: the language pack that reads it (to add, or only to choose), or Qwen-VL-OCR, which reads them all.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScriptWarningView } from '../../../preload/api.ts';
import { api } from '../api.ts';

interface Props {
  warnings: ScriptWarningView[];
  onOpenSettings: () => void;
  /** Reads the image again with Qwen-VL-OCR (offered where a key is set). */
  onQwen: () => void;
}

export function ScriptNotice({ warnings, onOpenSettings, onQwen }: Props) {
  const { t } = useTranslation();
  const [hasKey, setHasKey] = useState(false);
  useEffect(() => void api.app.info().then((info) => setHasKey(info.hasApiKey)), []);
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
