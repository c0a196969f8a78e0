/**
 * Writing the clipboard, which can fail: Electron 44+ rejects when another app holds it (Windows). A job's own copy
 * only logs that (its text stays in the history); the window's Copy button says it to the user.
 */
import { errorMessage, ReadoutError } from '../errors.ts';
import type { AppPorts } from './services.ts';

/** Whether `text` reached the clipboard; a failure is logged, never left as an unhandled rejection. */
export async function copied(clipboard: AppPorts['clipboard'], text: string): Promise<boolean> {
  try {
    await clipboard.writeText(text);
    return true;
  } catch (error) {
    console.warn('The clipboard could not be written', errorMessage(error));
    return false;
  }
}

/** For the window's Copy button: a clipboard held by another app is an error the user sees. */
export async function copy(clipboard: AppPorts['clipboard'], text: string): Promise<void> {
  if (!(await copied(clipboard, text))) throw new ReadoutError('clipboard-failed', 'The clipboard is in use by another app. Try again.');
}
