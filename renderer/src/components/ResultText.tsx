/**
 * The result's text panel: the text as the chosen line mode shapes it (issue 22), or, where the text holds a table,
 * key information or a formula, that shown as a grid, fields or a formula with the raw text one click away (M15);
 * the editor in its place while the text is edited. Text with tabs is set unwrapped with the tab stops the editor
 * uses too, scrolling sideways, so a table's columns line up in both (H5).
 */
import { useEffect, useMemo, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { EntryView } from '../../../preload/api.ts';
import type { LineMode } from '../../../main/text/line-modes.ts';
import { findStructure } from '../../../main/text/structure.ts';
import { toTsv } from '../../../main/text/tables.ts';
import { tabStop } from '../tab-stop.ts';
import type { Hit } from '../search-hits.ts';
import { HitNav } from './HitNav.tsx';
import { LineModeControl } from './LineModeControl.tsx';
import { ShownText } from './ShownText.tsx';
import { StructuredView } from './StructuredView.tsx';
import './ResultText.css';

interface Props {
  entry: EntryView;
  /** The text as shown: shaped by the line mode, or the stream so far. */
  text: string;
  streaming: boolean;
  draft: string | null;
  onDraft: (text: string) => void;
  editor: RefObject<HTMLTextAreaElement | null>;
  panel: RefObject<HTMLPreElement | null>;
  ranges: ReadonlyArray<[number, number] | null>;
  chosen: ReadonlySet<number>;
  doubts: ReadonlyMap<number, number>;
  lineMode: LineMode;
  onLineMode: (mode: LineMode) => void;
  /** Puts `text` on the clipboard and then says `said`. */
  onCopy: (text: string, said: string) => void;
  /** A search's hits in `text` (review M5), the one F3 is on, and a step to the next or previous. */
  hits?: readonly Hit[];
  currentHit?: number;
  onStepHit?: (step: 1 | -1) => void;
}

export function ResultText({ entry, text, streaming, draft, onDraft, editor, panel, ranges, chosen, doubts, lineMode, onLineMode, onCopy, hits = [], currentHit = 0, onStepHit }: Props) {
  const { t } = useTranslation();
  const [raw, setRaw] = useState(false);
  const source = entry.editedText ?? entry.text;
  const structure = useMemo(() => (streaming ? null : findStructure(source, entry.mode)), [streaming, source, entry.mode]);
  const shown = draft ?? text;
  const tabs = useMemo(() => tabStop(shown), [shown]);
  // Tabs or a kept layout: set as written, never wrapped, scrolling sideways; a kept layout in a monospaced font.
  const unwrapped = shown.includes('\t') || lineMode === 'layout';
  const className = `text${unwrapped ? ' text-unwrapped' : ''}${lineMode === 'layout' ? ' text-mono' : ''}`;
  const style = tabs === undefined ? undefined : { tabSize: `${tabs}ch` };
  const structured = structure !== null && !raw && draft === null;
  const hitsShown = !structured && draft === null && !streaming && hits.length > 0;
  // The hit F3 lands on is scrolled into view, in the panel and in the column around it.
  useEffect(() => {
    if (!hitsShown) return;
    panel.current?.querySelector(`[data-hit="${currentHit}"]`)?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [hitsShown, currentHit, hits, panel]);
  return (
    <>
      {!streaming && draft === null && (
        <div className="text-tools" data-testid="text-tools">
          {!structured && <LineModeControl value={lineMode} onChange={onLineMode} />}
          {structure && (
            <button type="button" aria-pressed={raw} onClick={() => setRaw(!raw)} data-testid="show-raw">
              {t('modes.showRaw')}
            </button>
          )}
          {structure?.kind === 'table' && (
            <button type="button" onClick={() => onCopy(toTsv(structure.table), t('modes.copiedTable', { rows: structure.table.length }))} data-testid="copy-table">
              {t('modes.copyTable')}
            </button>
          )}
          {structure?.kind === 'fields' && (
            <button type="button" onClick={() => onCopy(structure.json, t('modes.copiedJson'))} data-testid="copy-json">
              {t('modes.copyJson')}
            </button>
          )}
          {hitsShown && onStepHit && <HitNav current={currentHit} total={hits.length} onStep={onStepHit} />}
        </div>
      )}
      {structured ? (
        <StructuredView structure={structure} onCopyField={(value) => onCopy(value, t('result.copiedWords', { text: value.length > 48 ? `${value.slice(0, 47)}…` : value }))} />
      ) : draft === null ? (
        <pre ref={panel} className={className} style={style} data-testid="result-text" aria-busy={streaming} tabIndex={0} role="textbox" aria-readonly="true" aria-multiline="true" aria-label={t('result.textLabel')}>
          {chosen.size > 0 || doubts.size > 0 || hitsShown ? (
            <ShownText text={text} ranges={ranges} chosen={chosen} doubts={doubts} hits={hitsShown ? hits : undefined} currentHit={currentHit} />
          ) : (
            text || (streaming ? <span className="reading">{t('result.reading')}</span> : '')
          )}
        </pre>
      ) : (
        <textarea ref={editor} className={className} style={style} aria-label={t('result.editLabel')} value={draft} onChange={(event) => onDraft(event.target.value)} data-testid="editor" wrap={unwrapped ? 'off' : 'soft'} />
      )}
    </>
  );
}
