/**
 * What a new user sees. With nothing in the history, one panel in the result's place says how text gets in (Capture,
 * Open, Paste, a drop) and, while no key is set, that the offline engine reads it (review L6). Once there is history,
 * that note retires to a one-line tip above the list (review M8), which leaves the list its room at every size.
 */
import { useTranslation } from 'react-i18next';
import { modKey } from '../api.ts';
import './FirstRun.css';

const DISMISSED = 'readout.firstRunDismissed';

export const firstRunDismissed = (): boolean => localStorage.getItem(DISMISSED) === '1';
export const rememberFirstRunDismissed = (): void => localStorage.setItem(DISMISSED, '1');

interface PanelProps {
  hotkey: string;
  /** No key is set and the note was not dismissed: say that the offline engine reads, and how to add Qwen. */
  engineNote: boolean;
  onCapture: () => void;
  onOpen: () => void;
  onOpenSettings: () => void;
  onDismiss: () => void;
}

/** The empty window's one panel, in the result's place. */
export function FirstRun({ hotkey, engineNote, onCapture, onOpen, onOpenSettings, onDismiss }: PanelProps) {
  const { t } = useTranslation();
  return (
    <div className="welcome" data-testid="first-run">
      <h2 id="first-run-title">{t('firstRun.title', { hotkey })}</h2>
      <div className="welcome-ways">
        <button type="button" className="welcome-way" onClick={onCapture} data-testid="welcome-capture">
          <strong>{t('toolbar.capture')}</strong>
          <span>{t('layout.welcome.capture')}</span>
        </button>
        <button type="button" className="welcome-way" onClick={onOpen} aria-keyshortcuts="Control+O" data-testid="welcome-open">
          <strong>{t('layout.welcome.openTitle')}</strong>
          <span>{t('layout.welcome.open')}</span>
          <kbd>{modKey()}O</kbd>
        </button>
        {/* Pasting is the keyboard's: the page cannot read the clipboard by itself. */}
        <div className="welcome-way passive">
          <strong>{t('layout.welcome.pasteTitle')}</strong>
          <span>{t('layout.welcome.paste')}</span>
          <kbd>{modKey()}V</kbd>
        </div>
      </div>
      <p className="welcome-drop">{t('layout.welcome.drop')}</p>
      {engineNote && (
        <div className="welcome-engine" data-testid="first-run-note">
          <p className="muted">{t('firstRun.body')}</p>
          <div>
            <button type="button" onClick={onOpenSettings}>{t('firstRun.action')}</button>
            <button type="button" className="plain" onClick={onDismiss}>{t('firstRun.dismiss')}</button>
          </div>
        </div>
      )}
    </div>
  );
}

/** After the first result: the engine note in one line above the list. */
export function FirstRunTip({ onOpenSettings, onDismiss }: { onOpenSettings: () => void; onDismiss: () => void }) {
  const { t } = useTranslation();
  return (
    <aside className="first-run-tip" data-testid="first-run-tip" aria-label={t('layout.tipLabel')} title={t('firstRun.body')}>
      {/* Words and link flow as one sentence: one line where the list is wide, two where it is narrow. */}
      <p>
        {t('layout.tip')} <button type="button" className="plain tip-action" onClick={onOpenSettings}>{t('layout.tipAction')}</button>
      </p>
      <button type="button" className="plain tip-close" onClick={onDismiss} aria-label={t('layout.tipDismiss')} title={t('layout.tipDismiss')}>×</button>
    </aside>
  );
}
