/**
 * One handler per bridge method. Every call is checked twice: the sender must be one of the app's own pages, and
 * every argument must pass its schema. The renderer is untrusted.
 */
import { isAbsolute } from 'node:path';
import { z } from 'zod';
import { CHANNELS, type Channel, type ReadoutApi } from '../preload/api.ts';
import type { AppServices } from './app/services.ts';
import type { CaptureService } from './capture/service.ts';
import { ReadoutError } from './errors.ts';
import { EXPORT_FORMATS } from './history/export.ts';
import { WINDOW_EXPORT_FORMATS } from './history/export-readable-file.ts';
import { SOURCE_KINDS, STATUSES } from './history/types.ts';
import { TASKS } from './ocr/tasks.ts';
import { safeWebUrl } from './codes/url.ts';
import { isAppUrl, type AppOrigin } from './security.ts';
import { settingsPatchSchema } from './settings/schema.ts';
import { PACK_CODES } from './languages/catalog.ts';
import { TRANSLATE_CODES } from './translate/languages.ts';

/** The part of Electron's ipcMain this module needs; the composition root passes the real one. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => unknown): void;
}

export interface IpcEventLike {
  senderFrame: { url: string } | null;
  sender?: { id: number };
}

/** The capture overlays' side of the bridge: which display a window shows, and the flow behind it. */
export interface CaptureBridge {
  service: CaptureService;
  displayFor(event: IpcEventLike): string | null;
}

/** Each channel's function in the bridge contract. */
type Contract = {
  [CHANNELS.appInfo]: ReadoutApi['app']['info'];
  [CHANNELS.appTakeView]: ReadoutApi['app']['takeView'];
  [CHANNELS.appOpenDataFolder]: ReadoutApi['app']['openDataFolder'];
  [CHANNELS.appOpenUrl]: ReadoutApi['app']['openUrl'];
  [CHANNELS.historyClear]: ReadoutApi['history']['clear'];
  [CHANNELS.ocrCancelAll]: ReadoutApi['ocr']['cancelAll'];
  [CHANNELS.ocrPdfPassword]: ReadoutApi['ocr']['pdfPassword'];
  [CHANNELS.ocrPendingPasswords]: ReadoutApi['ocr']['pendingPasswords'];
  [CHANNELS.ocrReadOffline]: ReadoutApi['ocr']['readOffline'];
  [CHANNELS.captureStart]: ReadoutApi['capture']['start'];
  [CHANNELS.settingsGet]: ReadoutApi['settings']['get'];
  [CHANNELS.settingsUpdate]: ReadoutApi['settings']['update'];
  [CHANNELS.keySet]: ReadoutApi['settings']['setApiKey'];
  [CHANNELS.keyClear]: ReadoutApi['settings']['clearApiKey'];
  [CHANNELS.keyTrustEndpoint]: ReadoutApi['settings']['trustEndpoint'];
  [CHANNELS.keyTest]: ReadoutApi['settings']['testApiKey'];
  [CHANNELS.keySave]: ReadoutApi['settings']['saveApiKey'];
  [CHANNELS.historyList]: ReadoutApi['history']['list'];
  [CHANNELS.historySearch]: ReadoutApi['history']['search'];
  [CHANNELS.historyCount]: ReadoutApi['history']['count'];
  [CHANNELS.historyGet]: ReadoutApi['history']['get'];
  [CHANNELS.historyImage]: ReadoutApi['history']['image'];
  [CHANNELS.historyThumbnail]: ReadoutApi['history']['thumbnail'];
  [CHANNELS.historyEdit]: ReadoutApi['history']['edit'];
  [CHANNELS.historyPin]: ReadoutApi['history']['pin'];
  [CHANNELS.historyDelete]: ReadoutApi['history']['delete'];
  [CHANNELS.historyExport]: ReadoutApi['history']['export'];
  [CHANNELS.historyStorage]: ReadoutApi['history']['storage'];
  [CHANNELS.historyUsage]: ReadoutApi['history']['usage'];
  [CHANNELS.ocrOpenFiles]: ReadoutApi['ocr']['openFiles'];
  [CHANNELS.ocrRecognizeImage]: ReadoutApi['ocr']['recognizeImage'];
  [CHANNELS.ocrRetry]: ReadoutApi['ocr']['retry'];
  [CHANNELS.ocrRerun]: ReadoutApi['ocr']['rerun'];
  [CHANNELS.ocrCancel]: ReadoutApi['ocr']['cancel'];
  [CHANNELS.clipboardCopy]: ReadoutApi['clipboard']['copy'];
  [CHANNELS.captureFrame]: ReadoutApi['capture']['frame'];
  [CHANNELS.captureFinish]: ReadoutApi['capture']['finish'];
  [CHANNELS.captureFinishAcross]: ReadoutApi['capture']['finishAcross'];
  [CHANNELS.captureSelect]: ReadoutApi['capture']['select'];
  [CHANNELS.captureCancel]: ReadoutApi['capture']['cancel'];
  [CHANNELS.languagesList]: ReadoutApi['languages']['list'];
  [CHANNELS.languagesAdd]: ReadoutApi['languages']['add'];
  [CHANNELS.languagesRemove]: ReadoutApi['languages']['remove'];
  [CHANNELS.languagesCancel]: ReadoutApi['languages']['cancel'];
  [CHANNELS.translateRun]: ReadoutApi['translate']['run'];
  [CHANNELS.translateCancel]: ReadoutApi['translate']['cancel'];
  [CHANNELS.batchList]: ReadoutApi['batch']['list'];
  [CHANNELS.batchSubmit]: ReadoutApi['batch']['submit'];
  [CHANNELS.batchRefresh]: ReadoutApi['batch']['refresh'];
  [CHANNELS.batchCancel]: ReadoutApi['batch']['cancel'];
  [CHANNELS.integrationsStatus]: ReadoutApi['integrations']['status'];
  [CHANNELS.integrationsRegenerateToken]: ReadoutApi['integrations']['regenerateToken'];
  [CHANNELS.integrationsChooseFolder]: ReadoutApi['integrations']['chooseFolder'];
};

type Handlers = {
  [C in Channel]: (event: IpcEventLike, ...args: Parameters<Contract[C]>) => Awaited<ReturnType<Contract[C]>> | ReturnType<Contract[C]>;
};

const id = z.number().int().positive();
const ids = z.array(id).min(1).max(10_000);
/** A batch job's name (batch/jobs.ts jobName): the service's id, or local-N. */
const batchId = z.string().min(1).max(200).regex(/^[\w.:-]+$/, 'a batch job id is letters, digits and - _ . :');
const filter = z
  .object({
    status: z.array(z.enum(STATUSES as [string, ...string[]])).max(4).optional(),
    engine: z.array(z.enum(['qwen', 'local'])).max(2).optional(),
    source: z.array(z.enum(SOURCE_KINDS as [string, ...string[]])).max(4).optional(),
    from: z.number().int().optional(),
    to: z.number().int().optional(),
  })
  .strict()
  .optional();
const rect = z.object({ x: z.number().finite(), y: z.number().finite(), width: z.number().finite().min(0), height: z.number().finite().min(0) }).strict();
const pack = z.enum(PACK_CODES);
const page = { filter, cursor: z.string().max(200).nullable().optional(), limit: z.number().int().min(1).max(500).optional() };

function argumentSchemas(platform: NodeJS.Platform): Record<Channel, z.ZodType<unknown[]>> {
  return {
    [CHANNELS.appInfo]: z.tuple([]),
    [CHANNELS.appTakeView]: z.tuple([]),
    [CHANNELS.appOpenDataFolder]: z.tuple([]),
    [CHANNELS.appOpenUrl]: z.tuple([z.string().max(4096).refine((url) => safeWebUrl(url) !== null, 'only http and https addresses')]),
    [CHANNELS.historyClear]: z.tuple([z.object({ includePinned: z.boolean() }).strict()]),
    [CHANNELS.ocrCancelAll]: z.tuple([]),
    [CHANNELS.ocrPdfPassword]: z.tuple([id, z.string().max(1024).nullable()]),
    [CHANNELS.ocrPendingPasswords]: z.tuple([]),
    [CHANNELS.ocrReadOffline]: z.tuple([id]),
    [CHANNELS.captureStart]: z.tuple([]),
    [CHANNELS.settingsGet]: z.tuple([]),
    [CHANNELS.settingsUpdate]: z.tuple([settingsPatchSchema(platform)]),
    [CHANNELS.keySet]: z.tuple([z.string().min(1).max(500)]),
    [CHANNELS.keyClear]: z.tuple([]),
    [CHANNELS.keyTrustEndpoint]: z.tuple([z.url({ protocol: /^https?$/ }).max(500)]),
    [CHANNELS.keyTest]: z.tuple([]),
    [CHANNELS.keySave]: z.tuple([z.object({ key: z.string().min(1).max(500), region: z.enum(['cn', 'intl', 'us']).optional() }).strict()]),
    [CHANNELS.historyList]: z.tuple([z.object(page).strict()]),
    [CHANNELS.historySearch]: z.tuple([z.object({ ...page, query: z.string().max(1000) }).strict()]),
    [CHANNELS.historyCount]: z.tuple([z.object({ filter, query: z.string().max(1000) }).strict()]),
    [CHANNELS.historyGet]: z.tuple([id]),
    [CHANNELS.historyImage]: z.tuple([id]),
    [CHANNELS.historyThumbnail]: z.tuple([id]),
    [CHANNELS.historyEdit]: z.tuple([id, z.string().max(1_000_000).nullable()]),
    [CHANNELS.historyPin]: z.tuple([id, z.boolean()]),
    [CHANNELS.historyDelete]: z.tuple([ids]),
    [CHANNELS.historyExport]: z.tuple([
      z.object({ format: z.enum(WINDOW_EXPORT_FORMATS), ids: ids.optional(), query: z.string().max(1000).optional(), images: z.boolean().optional(), document: id.optional() }).strict(),
    ]),
    [CHANNELS.historyStorage]: z.tuple([]),
    [CHANNELS.historyUsage]: z.tuple([]),
    [CHANNELS.ocrOpenFiles]: z.tuple([]),
    [CHANNELS.ocrRecognizeImage]: z.tuple([
      z
        .object({
          name: z.string().max(500).nullable(),
          bytes: z.instanceof(Uint8Array),
          source: z.enum(['drop', 'clipboard']),
          batch: z.object({ id: z.string().min(1).max(100), size: z.number().int().min(1).max(10_000) }).strict().optional(),
        })
        .strict(),
    ]),
    [CHANNELS.ocrRetry]: z.tuple([id]),
    [CHANNELS.ocrRerun]: z.tuple([
      id,
      z.object({ engine: z.enum(['qwen', 'local']).optional(), model: z.string().min(1).max(200).optional(), task: z.enum(TASKS).optional() }).strict(),
    ]),
    [CHANNELS.ocrCancel]: z.tuple([id]),
    [CHANNELS.clipboardCopy]: z.tuple([z.string().max(10_000_000)]),
    [CHANNELS.captureFrame]: z.tuple([]),
    [CHANNELS.captureFinish]: z.tuple([rect]),
    [CHANNELS.captureFinishAcross]: z.tuple([rect]),
    [CHANNELS.captureSelect]: z.tuple([rect.nullable()]),
    [CHANNELS.captureCancel]: z.tuple([]),
    [CHANNELS.languagesList]: z.tuple([]),
    [CHANNELS.languagesAdd]: z.tuple([pack]),
    [CHANNELS.languagesRemove]: z.tuple([pack]),
    [CHANNELS.languagesCancel]: z.tuple([pack]),
    [CHANNELS.translateRun]: z.tuple([id, z.object({ targetLang: z.enum(TRANSLATE_CODES), model: z.string().trim().min(1).max(200).optional() }).strict()]),
    [CHANNELS.translateCancel]: z.tuple([id]),
    [CHANNELS.batchList]: z.tuple([]),
    // Paths the window got from a drop or the Open dialog: absolute, at most 10,000 of them.
    [CHANNELS.batchSubmit]: z.tuple([z.array(z.string().min(1).max(4096).refine((p) => isAbsolute(p), 'a path must be absolute')).min(1).max(10_000)]),
    [CHANNELS.batchRefresh]: z.union([z.tuple([]), z.tuple([batchId])]),
    [CHANNELS.batchCancel]: z.tuple([batchId]),
    [CHANNELS.integrationsStatus]: z.tuple([]),
    [CHANNELS.integrationsRegenerateToken]: z.tuple([]),
    [CHANNELS.integrationsChooseFolder]: z.tuple([]),
  };
}

/** The bridge's domains onto the services (app/services.ts): each handler one call, after its checks. */
function handlersFor({ desktop, settings, history, jobs, passwords, languages, translations, batchJobs, integrations }: AppServices, capture: CaptureBridge | undefined): Handlers {
  return {
    [CHANNELS.appInfo]: (_event) => desktop.info(),
    [CHANNELS.appTakeView]: (_event) => desktop.takeView(),
    [CHANNELS.appOpenDataFolder]: (_event) => desktop.openDataFolder(),
    [CHANNELS.appOpenUrl]: (_event, url) => desktop.openUrl(url),
    [CHANNELS.captureStart]: (_event) => desktop.startCapture(),
    [CHANNELS.clipboardCopy]: (_event, text) => desktop.copy(text),
    [CHANNELS.settingsGet]: (_event) => settings.get(),
    [CHANNELS.settingsUpdate]: (_event, patch) => settings.update(patch),
    [CHANNELS.keySet]: (_event, key) => settings.setApiKey(key),
    [CHANNELS.keyClear]: (_event) => settings.clearApiKey(),
    [CHANNELS.keyTrustEndpoint]: (_event, url) => settings.trustEndpoint(url),
    [CHANNELS.keyTest]: (_event) => settings.testApiKey(),
    [CHANNELS.keySave]: (_event, request) => settings.saveApiKey(request.key, request.region),
    [CHANNELS.historyList]: (_event, request) => history.list(request),
    [CHANNELS.historySearch]: (_event, request) => history.search(request),
    [CHANNELS.historyCount]: (_event, request) => history.count(request),
    [CHANNELS.historyGet]: (_event, entryId) => history.entry(entryId),
    [CHANNELS.historyImage]: (_event, entryId) => history.image(entryId),
    [CHANNELS.historyThumbnail]: (_event, entryId) => history.thumbnail(entryId),
    [CHANNELS.historyEdit]: (_event, entryId, text) => history.edit(entryId, text),
    [CHANNELS.historyPin]: (_event, entryId, pinned) => history.pin(entryId, pinned),
    [CHANNELS.historyDelete]: (_event, entryIds) => history.delete(entryIds),
    [CHANNELS.historyExport]: (_event, request) => history.export(request),
    [CHANNELS.historyStorage]: (_event) => history.storage(),
    [CHANNELS.historyUsage]: (_event) => history.usage(),
    [CHANNELS.historyClear]: (_event, options) => history.clear(options),
    [CHANNELS.ocrOpenFiles]: (_event) => jobs.openFiles(),
    [CHANNELS.ocrRecognizeImage]: (_event, image) => jobs.recognizeImage(image),
    [CHANNELS.ocrRetry]: (_event, entryId) => jobs.retry(entryId),
    [CHANNELS.ocrRerun]: (_event, entryId, options) => jobs.rerun(entryId, options),
    [CHANNELS.ocrCancel]: (_event, jobId) => jobs.cancel(jobId),
    [CHANNELS.ocrCancelAll]: (_event) => jobs.cancelAll(),
    [CHANNELS.ocrPdfPassword]: (_event, requestId, password) => passwords.answer(requestId, password),
    [CHANNELS.ocrPendingPasswords]: (_event) => passwords.pending(),
    [CHANNELS.ocrReadOffline]: (_event, jobId) => jobs.readOffline(jobId),
    [CHANNELS.captureFrame]: (event) => {
      const displayId = capture?.displayFor(event);
      return displayId ? capture!.service.frameFor(displayId) : null;
    },
    [CHANNELS.captureFinish]: (event, rect) => {
      const displayId = capture?.displayFor(event);
      if (displayId) capture!.service.finish(displayId, rect);
    },
    [CHANNELS.captureFinishAcross]: (_event, dips) => capture?.service.finishAcross(dips),
    [CHANNELS.captureSelect]: (_event, dips) => capture?.service.select(dips),
    [CHANNELS.captureCancel]: () => capture?.service.cancel(),
    [CHANNELS.languagesList]: (_event) => languages.list(),
    [CHANNELS.languagesAdd]: (_event, code) => languages.add(code),
    [CHANNELS.languagesRemove]: (_event, code) => languages.remove(code),
    [CHANNELS.languagesCancel]: (_event, code) => languages.cancel(code),
    [CHANNELS.translateRun]: (_event, entryId, options) => translations.run(entryId, options),
    [CHANNELS.translateCancel]: (_event, entryId) => translations.cancel(entryId),
    [CHANNELS.batchList]: (_event) => batchJobs.list(),
    [CHANNELS.batchSubmit]: (_event, paths) => batchJobs.submit(paths),
    [CHANNELS.batchRefresh]: (_event, jobId?: string) => batchJobs.refresh(jobId),
    [CHANNELS.batchCancel]: (_event, jobId) => batchJobs.cancel(jobId),
    [CHANNELS.integrationsStatus]: (_event) => integrations.status(),
    [CHANNELS.integrationsRegenerateToken]: (_event) => integrations.regenerateToken(),
    [CHANNELS.integrationsChooseFolder]: (_event) => integrations.chooseFolder(),
  };
}

/** Errors cross the bridge as plain Error messages; the code travels in front so the page can react to it. */
function forRenderer(error: unknown): Error {
  if (error instanceof ReadoutError) return new Error(`[${error.code}] ${error.message}`);
  return new Error('[internal] Something went wrong in Readout; the details are in the log.');
}

export function registerIpc(
  ipc: IpcMainLike,
  services: AppServices,
  origin: AppOrigin,
  platform: NodeJS.Platform,
  capture?: CaptureBridge,
): void {
  const schemas = argumentSchemas(platform);
  const handlers = handlersFor(services, capture);
  for (const channel of Object.values(CHANNELS)) {
    ipc.handle(channel, async (event, ...args) => {
      const url = event.senderFrame?.url ?? '';
      if (!isAppUrl(url, origin)) throw forRenderer(new ReadoutError('ipc-forbidden', `${channel} refused: the caller is not a Readout window`));
      const parsed = schemas[channel].safeParse(args);
      if (!parsed.success) {
        throw forRenderer(new ReadoutError('ipc-invalid', `${channel} refused: ${parsed.error.issues[0]?.message ?? 'bad arguments'}`));
      }
      try {
        return await (handlers[channel] as (event: IpcEventLike, ...a: unknown[]) => unknown)(event, ...parsed.data);
      } catch (error) {
        if (!(error instanceof ReadoutError)) console.error(`${channel} failed`, error);
        throw forRenderer(error);
      }
    });
  }
}
