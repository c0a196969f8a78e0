/**
 * Waits on a TestApp's own events rather than on a clock: a window test that drops files cannot know how long the
 * reading takes (a loaded machine, the offline engine's first load), only what the services say as it happens.
 */
import type { OcrProgress } from '../../preload/api.ts';
import type { TestApp } from './app-services.ts';

/** Resolves once `holds` is true of the events the services have emitted, looked at again as each one comes. */
export function whenEvents(app: TestApp, holds: (events: TestApp['events']) => boolean): Promise<void> {
  if (holds(app.events)) return Promise.resolve();
  return new Promise((resolve) => {
    let done = false;
    // Chained as the page bridge chains itself (renderer-harness.ts): whatever listened before still hears.
    const previous = app.onEmit;
    app.onEmit = (event, payload) => {
      previous?.(event, payload);
      if (!done && holds(app.events)) {
        done = true;
        resolve();
      }
    };
  });
}

/** The jobs the services have announced so far, by id, each with its latest progress. */
export function jobsOf(app: TestApp): Map<number, OcrProgress> {
  const jobs = new Map<number, OcrProgress>();
  for (const { event, payload } of app.events) if (event === 'ocr:progress') jobs.set((payload as OcrProgress).jobId, payload as OcrProgress);
  return jobs;
}

/**
 * Resolves once `count` jobs have reached the services (a drop arrives file by file) and every job has ended:
 * after it, what the page shows follows from events already sent.
 */
export async function jobsDone(app: TestApp, count: number): Promise<void> {
  await whenEvents(app, () => jobsOf(app).size >= count);
  await app.services.idle();
}
