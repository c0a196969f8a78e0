/**
 * The one notice that says the offline engine may have misread this text (issue 21): how many lines it doubts (they
 * are underlined in the text), or, where no single line is doubtful but the reading as a whole was unsure, that. It
 * replaces the whole-image low-confidence notice rather than standing beside it, so the same warning is never said
 * twice. The way out: with a key, reading it again with Qwen-VL-OCR; without one, reading it larger (the engine's own
 * re-run cannot enlarge the image, so the notice says how) and adding a key in Settings.
 */
import { useTranslation } from 'react-i18next';
import type { SourceKind } from '../../../preload/api.ts';
import { modKey } from '../api.ts';

interface Props {
  /** Doubtful lines still in the text. */
  lines: number;
  /** The reading as a whole was unsure (the entry's confidence): perhaps a script the built-in languages lack. */
  unsure: boolean;
  hasKey: boolean;
  /** Where the image came from: a capture is taken again larger, a file opened larger. */
  source: SourceKind;
  onQwen: () => void;
  onOpenSettings: () => void;
}

export function DoubtNotice({ lines, unsure, hasKey, source, onQwen, onOpenSettings }: Props) {
  const { t } = useTranslation();
  // A reading unsure as a whole is most often a script the built-in languages lack, which no enlarging helps: the
  // notice names the language packs then, and the larger reading only for lines doubted in a reading otherwise sure.
  const remedy = unsure ? t('result.doubt.languages') : hasKey ? null : t(source === 'region' ? 'result.doubt.largerCapture' : 'result.doubt.largerImage', { zoomKey: `${modKey()}+` });
  const sentences = [lines > 0 ? t('result.doubt.lines', { count: lines }) : t('result.doubt.whole'), remedy, hasKey ? t('result.doubt.qwen') : t('result.doubt.addKey')];
  return (
    <div className="notice" role="note" data-testid="low-confidence">
      {/* Sentences joined as the language joins them: a space in English, none in Chinese. */}
      <span>{sentences.filter((s): s is string => s !== null).reduce((first, second) => t('result.doubt.pair', { first, second }))}</span>
      {hasKey && <button type="button" className="primary" onClick={onQwen} data-testid="doubt-qwen">{t('result.doubt.readWithQwen')}</button>}
      {/* Settings: for a key where there is none, and for the language packs a reading unsure as a whole may need. */}
      {!hasKey ? (
        <button type="button" onClick={onOpenSettings} data-testid="doubt-settings">{t('result.doubt.openSettings')}</button>
      ) : unsure ? (
        <button type="button" onClick={onOpenSettings} data-testid="doubt-settings">{t('error.openSettings')}</button>
      ) : null}
    </div>
  );
}
