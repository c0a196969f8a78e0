/**
 * Settings › Capture: the hotkeys first (the most used setting of a capture tool: review 2, L8), then what happens
 * to the text once it is read.
 */
import { useTranslation } from 'react-i18next';
import { HotkeyField } from './HotkeyField.tsx';
import type { Fields } from './SettingsFields.tsx';

export function CaptureSettings({ fields }: { fields: Fields }) {
  const { t } = useTranslation();
  const { settings, update, fieldError, checkbox } = fields;
  return (
    <>
      <HotkeyField id="hotkey" label={t('settings.behaviour.hotkey')} value={settings.hotkey} onSave={(hotkey) => update({ hotkey }, 'hotkey')} error={fieldError('hotkey')} />
      <HotkeyField id="repeatHotkey" label={t('settings.behaviour.repeatHotkey')} value={settings.repeatHotkey} onSave={(repeatHotkey) => update({ repeatHotkey }, 'repeatHotkey')} error={fieldError('repeatHotkey')} />
      {checkbox('copyToClipboard', t('settings.behaviour.copy'))}
      {checkbox('showNotification', t('settings.behaviour.notify'))}
    </>
  );
}
