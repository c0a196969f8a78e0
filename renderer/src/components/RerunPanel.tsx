/** Run again: the same image through another engine, task or model, behind one button of the result's toolbar. */
import { useEffect, useId, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { EngineName, EntryView, Task } from '../../../preload/api.ts';
import { TASKS } from '../../../main/ocr/tasks.ts';
import { DEFAULT_MODEL, KNOWN_MODELS } from '../../../main/ocr/model-names.ts';
import { TaskOptions } from './TaskOptions.tsx';
import { ChevronIcon, RerunIcon } from './icons.tsx';
import { usePlacedUnder } from './keep-in-window.ts';
import './MenuButton.css';

export type RerunRequest = { engine: 'local' } | { engine: 'qwen'; task: Task; model?: string };

export function RerunPanel({ entry, onRun }: { entry: EntryView; onRun: (request: RerunRequest) => void }) {
  const { t } = useTranslation();
  const [rerunTask, setRerunTask] = useState<Task>((TASKS as readonly string[]).includes(entry.mode ?? '') ? (entry.mode as Task) : 'text');
  // A PDF page's own text ('pdf') is no engine to run again with: the offline engine reads the drawn page with or
  // without a key (review 2, L14: the select showed Qwen, which fails with no key).
  const [rerunEngine, setRerunEngine] = useState<EngineName>(entry.engine === 'pdf' ? 'local' : entry.engine);
  const [rerunModel, setRerunModel] = useState(entry.engine === 'qwen' ? entry.model : DEFAULT_MODEL);
  return (
    <div className="rerun">
      <label>
        {t('result.engine')}
        <select
          value={rerunEngine}
          data-testid="rerun-engine"
          onChange={(event) => {
            const next = event.target.value as EngineName;
            setRerunEngine(next);
            if (next === 'qwen' && !rerunModel.trim()) setRerunModel(DEFAULT_MODEL);
          }}
        >
          <option value="qwen">{t('engineName.qwen')}</option>
          <option value="local">{t('engineName.local')}</option>
        </select>
      </label>
      <label>
        {t('result.mode')}
        <select value={rerunEngine === 'local' ? 'text' : rerunTask} data-testid="rerun-mode" disabled={rerunEngine === 'local'} onChange={(event) => setRerunTask(event.target.value as Task)}>
          <TaskOptions t={t} />
        </select>
      </label>
      {rerunEngine === 'qwen' && (
        <label>
          {t('result.model')}
          <input list="rerun-models" data-testid="rerun-model" value={rerunModel} onChange={(event) => setRerunModel(event.target.value)} size={18} />
          <datalist id="rerun-models">{KNOWN_MODELS.map((model) => <option key={model} value={model} />)}</datalist>
        </label>
      )}
      <button
        type="button"
        onClick={() => onRun(rerunEngine === 'local' ? { engine: 'local' } : { task: rerunTask, engine: 'qwen', ...(rerunModel.trim() ? { model: rerunModel.trim() } : {}) })}
      >
        {t('result.rerun')}
      </button>
      {rerunEngine === 'local' && <small className="hint">{t('result.localTextOnly')}</small>}
    </div>
  );
}

/**
 * "Run again with…": the choices fold into a popover (review M11), opened on its engine; Esc or a click elsewhere
 * closes it and the focus goes back to its button.
 */
export function RerunMenu({ entry, onRun }: { entry: EntryView; onRun: (request: RerunRequest) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const popover = useRef<HTMLDivElement>(null);
  const id = useId();
  usePlacedUnder(open, button, popover);
  useEffect(() => {
    if (!open) return;
    popover.current?.querySelector<HTMLElement>('select, input, button')?.focus();
    const onDown = (event: PointerEvent): void => {
      const target = event.target as Node;
      if (!popover.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, [open]);
  return (
    <div className="menu-anchor">
      {/* An icon named for what it opens, so the result's toolbar keeps to one line beside the picture. */}
      <button ref={button} type="button" className="menu-button icon-menu" aria-haspopup="dialog" aria-expanded={open} aria-controls={open ? id : undefined} aria-label={t('results.rerunWith')} data-tip={t('results.rerunWith')} onClick={() => setOpen(!open)} data-testid="rerun-open">
        <RerunIcon />
        <ChevronIcon />
      </button>
      {open &&
        createPortal(
          <div
            ref={popover}
            id={id}
            className="popover"
            role="dialog"
            aria-label={t('results.rerunWith')}
            // Tabbing out of it (it lives at the end of the page) closes it, back on its button.
            onBlur={(event) => {
              const next = event.relatedTarget as Node | null;
              if (next && popover.current?.contains(next)) return;
              setOpen(false);
              if (!next) button.current?.focus();
            }}
            onKeyDown={(event) => {
              if (event.key !== 'Escape') return;
              event.preventDefault();
              event.stopPropagation();
              setOpen(false);
              button.current?.focus();
            }}
          >
            <RerunPanel
              entry={entry}
              onRun={(request) => {
                setOpen(false);
                button.current?.focus();
                onRun(request);
              }}
            />
          </div>,
          document.body,
        )}
    </div>
  );
}
