/**
 * How the app reads a file that came in through the Local API or a watched folder: main/reading's FileReader, as
 * `readout` reads one (cli/open-reading.ts builds it from the command's flags; this builds it from the app's settings
 * and engines), built afresh for each file so a change in Settings applies to the next one. Each reading is recorded
 * into the app's history, and the window hears 'history:changed' so it lists what was read.
 *
 * Why not the jobs queue (jobs.ts): a queued job ends in the clipboard and a notification, as a user action should;
 * a script's request or a file landing in a watched folder must not take the user's clipboard or notify for every
 * file. And the API and the watcher need the reading's own result (the `readout --json` objects; the entries a
 * watched file made, for its ledger), which the queue does not hand back.
 */
import type { FileReport } from '../reading/report.ts';
import { FileReader, type ReadHooks } from '../reading/file-reader.ts';
import type { Source } from '../history/types.ts';
import { promptForTask } from '../ocr/tasks.ts';
import type { Engines } from './engines.ts';
import { keepImagesAsSet } from './kept-images.ts';
import type { AppPorts } from './services.ts';

type ReaderPorts = Pick<AppPorts, 'settings' | 'history' | 'emit'>;

export class AppReader {
  readonly #ports: ReaderPorts;
  readonly #engines: Engines;
  readonly #installed: () => FileReader['settings']['installed'];

  constructor(ports: ReaderPorts, engines: Engines, installed: () => FileReader['settings']['installed']) {
    this.#ports = ports;
    this.#engines = engines;
    this.#installed = installed;
  }

  /** The engine the next file would be read with (the API's /v1/health and get_options name it). */
  get engine(): { name: string; model: string } {
    const engine = this.#engines.engine(this.#ports.settings.get());
    return { name: engine.name, model: engine.model };
  }

  /** A reader with the settings as they are now: the task (or the user's own prompt), pixel bounds, PDF text layers. */
  #reader(): FileReader {
    const settings = this.#ports.settings.get();
    const task = this.#engines.taskRequest(settings);
    const custom = settings.customPrompt?.trim() ? settings.customPrompt : null;
    return new FileReader({
      engine: this.#engines.engine(settings),
      prompt: custom ?? promptForTask(task),
      mode: custom ? null : task.task,
      task,
      minPixels: settings.minPixels,
      maxPixels: settings.maxPixels,
      pdf: { text: settings.pdfText },
      installed: this.#installed(),
      history: this.#ports.history,
      translate: null,
    });
  }

  async read(bytes: Uint8Array, file: string, source: Source, hooks: ReadHooks = {}): Promise<FileReport[]> {
    return this.#reader().read(bytes, file, source, {
      ...hooks,
      onReport: (report) => {
        hooks.onReport?.(report);
        if (report.entryId === null) return;
        this.#kept(report.entryId);
        this.#ports.emit('history:changed', { ids: [report.entryId] });
      },
    });
  }

  /** As every reading in the app (kept-images.ts): its image kept or not, the history kept under its cap. */
  #kept(entryId: number): void {
    try {
      keepImagesAsSet(this.#ports.history, entryId, this.#ports.settings.get());
    } catch (error) {
      // The text is read and kept; only the tidying failed (a busy or read-only history): the next reading tries again.
      console.warn('Keeping the history under its cap failed:', error instanceof Error ? error.message : String(error));
    }
  }
}
