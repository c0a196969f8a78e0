/**
 * Settings › Behaviour: how several images, PDFs, codes and lines are handled, and the app's life (tray, login,
 * updates, the offline engine's memory: review 2, L8 moved it here from between the engine and the key).
 */
import { useTranslation } from 'react-i18next';
import type { Fields } from './SettingsFields.tsx';

export function BehaviourSettings({ fields }: { fields: Fields }) {
  const { t } = useTranslation();
  const { checkbox, choice } = fields;
  return (
    <>
      {choice('lineMode', t('modes.setting'), (['lines', 'paragraphs', 'one-line', 'layout'] as const).map((mode) => [mode, `modes.mode.${mode}`] as const), 'line-mode-setting')}
      {choice('batchClipboard', t('settings.behaviour.batchClipboard'), [['joined', 'settings.behaviour.batchJoined'], ['none', 'settings.behaviour.batchNone']], 'batch-clipboard')}
      {choice('pdfText', t('settings.behaviour.pdfText'), [['auto', 'settings.behaviour.pdfTextAuto'], ['always', 'settings.behaviour.pdfTextAlways'], ['never', 'settings.behaviour.pdfTextNever']], 'pdf-text')}
      {choice('codesClipboard', t('settings.behaviour.codesClipboard'), [['codes-first', 'settings.behaviour.codesFirst'], ['text-first', 'settings.behaviour.textFirst'], ['both', 'settings.behaviour.codesBoth']], 'codes-clipboard')}
      {checkbox('closeToTray', t('settings.behaviour.closeToTray'))}
      {checkbox('launchAtLogin', t('settings.behaviour.launchAtLogin'))}
      {checkbox('checkForUpdates', t('settings.behaviour.checkForUpdates'))}
      {checkbox('offlineIdleRelease', t('settings.engine.idleRelease'))}
    </>
  );
}
