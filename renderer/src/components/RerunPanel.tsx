/** Run again: the same image through another engine, task or model. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EngineName, EntryView, Task } from '../../../preload/api.ts';
import { TASKS } from '../../../main/ocr/tasks.ts';
import { DEFAULT_MODEL, KNOWN_MODELS } from '../../../main/ocr/model-names.ts';
import { TaskOptions } from './TaskOptions.tsx';

export type RerunRequest = { engine: 'local' } | { engine: 'qwen'; task: Task; model?: string };

export function RerunPanel({ entry, onRun }: { entry: EntryView; onRun: (request: RerunRequest) => void }) {
  const { t } = useTranslation();
  const [rerunTask, setRerunTask] = useState<Task>((TASKS as readonly string[]).includes(entry.mode ?? '') ? (entry.mode as Task) : 'text');
  const [rerunEngine, setRerunEngine] = useState<EngineName>(entry.engine);
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
