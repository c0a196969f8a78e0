/** The task menu's entries, in Settings and in the result's re-run: the Qwen-only ones marked as such. */
import type { TFunction } from 'i18next';
import { TASKS } from '../../../main/ocr/tasks.ts';
import type { Task } from '../../../preload/api.ts';

export function taskLabel(t: TFunction, task: Task): string {
  if (task === 'text') return t('task.text');
  return t(task === 'advanced' ? 'task.nativeOnly' : 'task.qwenOnly', { task: t(`task.${task}`) });
}

export function TaskOptions({ t }: { t: TFunction }) {
  return (
    <>
      {TASKS.map((task) => (
        <option key={task} value={task}>
          {taskLabel(t, task)}
        </option>
      ))}
    </>
  );
}
