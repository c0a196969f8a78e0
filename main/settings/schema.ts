/**
 * Every setting, its type and its default, in one zod schema: the main process validates reads and writes with it,
 * and the renderer's settings page is typed from it (through preload/api.ts).
 */
import { posix, win32 } from 'node:path';
import { z } from 'zod';
import { DEFAULT_PIXEL_BOUNDS } from '../image/smart-resize.ts';
import { DEFAULT_MODEL, REGIONS, type Region } from '../ocr/models.ts';
import { DEFAULT_TASK, parseResultSchema, TASKS } from '../ocr/tasks.ts';
import { CODES_CLIPBOARD } from '../codes/code.ts';
import { PACK_CODES } from '../languages/catalog.ts';
import { DEFAULT_LINE_MODE, LINE_MODES } from '../text/line-modes.ts';
import { TRANSLATE_CODES } from '../translate/languages.ts';
import { DEFAULT_TRANSLATE_MODEL } from '../translate/models.ts';

export const THEMES = ['system', 'light', 'dark'] as const;
export const API_CHOICES = ['auto', 'native', 'compatible'] as const;
export const LANGUAGES = ['system', 'en', 'zh-CN'] as const;

/**
 * The capture hotkey's default: Cmd+Shift+O on macOS, Alt+Shift+O elsewhere. Never Ctrl+Alt on Windows and Linux:
 * Windows reads Ctrl+Alt as AltGr, so a global grab of Ctrl+Alt+O would take "ó" from every Polish, Hungarian or
 * Irish typist system-wide (review m6); Ctrl+Shift+O is taken by browsers (bookmarks) and editors.
 */
export const defaultHotkey = (platform: NodeJS.Platform): string => (platform === 'darwin' ? 'Command+Shift+O' : 'Alt+Shift+O');

/** "Capture the same region again": on macOS the capture hotkey with one more modifier, elsewhere R for repeat. */
export const defaultRepeatHotkey = (platform: NodeJS.Platform): string =>
  platform === 'darwin' ? 'Command+Shift+Alt+O' : 'Alt+Shift+R';

export function settingsSchema(platform: NodeJS.Platform) {
  return z.object({
    engine: z.enum(['qwen', 'local']).default('qwen'),
    region: z.enum(Object.keys(REGIONS) as [Region, ...Region[]]).default('cn'),
    /** A custom OpenAI-compatible endpoint; overrides the region when set. */
    baseUrl: z.url({ protocol: /^https?$/ }).max(500).nullable().default(null),
    model: z.string().trim().min(1).max(200).default(DEFAULT_MODEL),
    /** auto: DashScope's native protocol for its regions, the OpenAI-compatible one for a custom endpoint. */
    api: z.enum(API_CHOICES).default('auto'),
    /** What to ask for (ocr/tasks.ts); over the compatible protocol, by the task's prompt. */
    task: z.enum(TASKS).default(DEFAULT_TASK),
    /** Let the service turn a skewed or rotated image upright first (native only: enable_rotate). */
    rotate: z.boolean().default(false),
    /** Key-information schemas by name (JSON objects of field: description), for the key-info task. */
    schemas: z
      .record(z.string().trim().min(1).max(80), z.string().max(20_000).refine((json) => parseResultSchema(json).ok, 'not a schema'))
      .refine((all) => Object.keys(all).length <= 100, 'at most 100 schemas')
      .default({}),
    /** The schema key-info uses, by name; none: the task's own general extraction. */
    schemaName: z.string().trim().min(1).max(80).nullable().default(null),
    customPrompt: z.string().max(4000).nullable().default(null),
    minPixels: z.number().int().min(784).max(50_000_000).default(DEFAULT_PIXEL_BOUNDS.minPixels),
    maxPixels: z.number().int().min(784).max(50_000_000).default(DEFAULT_PIXEL_BOUNDS.maxPixels),
    hotkey: z.string().trim().min(1).max(100).default(defaultHotkey(platform)),
    repeatHotkey: z.string().trim().min(1).max(100).default(defaultRepeatHotkey(platform)),
    copyToClipboard: z.boolean().default(true),
    showNotification: z.boolean().default(true),
    keepImages: z.boolean().default(true),
    /** Stored images past this many megabytes are pruned, oldest first; 0 keeps everything. */
    historyCapMb: z.number().int().min(0).max(1_000_000).default(2048),
    theme: z.enum(THEMES).default('system'),
    language: z.enum(LANGUAGES).default('system'),
    closeToTray: z.boolean().default(true),
    launchAtLogin: z.boolean().default(false),
    /** Look for a new version daily, download it in the background, install it on quit (app/updates.ts). */
    checkForUpdates: z.boolean().default(true),
    /** After a batch of several images: all their texts on the clipboard (joined, in order), or nothing. */
    batchClipboard: z.enum(['joined', 'none']).default('joined'),
    /** PDFs: take a page's own text layer instead of reading it: where it has one (auto), always, or never. */
    pdfText: z.enum(['auto', 'always', 'never']).default('auto'),
    /** What goes to the clipboard when an image holds a QR code or barcode (codes/code.ts, clipboardText). */
    codesClipboard: z.enum(CODES_CLIPBOARD).default('codes-first'),
    /** Let the offline engine's memory go after OFFLINE_IDLE_MS unused; it loads again (about a second) when needed. */
    offlineIdleRelease: z.boolean().default(false),
    /** What the offline engine reads: its built-in languages, or an installed language pack (languages/). */
    offlineLanguage: z.enum(['built-in', ...PACK_CODES] as const).default('built-in'),
    /** How a result's lines are joined where it is shown, copied and exported (text/line-modes.ts); the result's own control sets it too. */
    lineMode: z.enum(LINE_MODES).default(DEFAULT_LINE_MODE),
    /** Qwen out of reach (network, time-out, server errors): read the image offline instead, and say so (review H4). */
    offlineFallback: z.boolean().default(true),
    /** The language translations are made into, by code (translate/languages.ts). */
    translateTarget: z.string().refine((code) => (TRANSLATE_CODES as readonly string[]).includes(code), 'not a language Readout translates to').default('en'),
    /** qwen-mt-* models get Qwen-MT's translation_options; any other name an ordinary chat prompt (translate/request.ts). */
    translateModel: z.string().trim().min(1).max(200).default(DEFAULT_TRANSLATE_MODEL),
    /** After a capture is read, translate it too. */
    translateEveryCapture: z.boolean().default(false),
    /** The user's glossary, sent as Qwen-MT's terms. */
    translateTerms: z
      .array(z.object({ source: z.string().trim().min(1).max(200), target: z.string().trim().min(1).max(200) }).strict())
      .max(500)
      .default([]),
    /** Run the local HTTP API (main/serve) while the app runs (issue 25; app/local-api.ts). */
    localApi: z.boolean().default(false),
    localApiPort: z.number().int().min(1024).max(65535).default(1224),
    /** Listen on every interface (0.0.0.0) instead of 127.0.0.1: then every route needs the token. */
    localApiLan: z.boolean().default(false),
    /** Folders read as files land in them (app/folder-watch.ts): absolute paths, at most 20. */
    watchFolders: z
      .array(
        z
          .object({
            path: z.string().min(1).max(4096).refine((path) => (platform === 'win32' ? win32 : posix).isAbsolute(path), 'a folder must be an absolute path'),
            recursive: z.boolean(),
            textBeside: z.boolean(),
          })
          .strict(),
      )
      .max(20)
      .refine((folders) => new Set(folders.map((folder) => folder.path)).size === folders.length, 'a folder is watched once')
      .default([]),
    /** Every new image copied to the clipboard is read once, as a paste is (app/clipboard-watch.ts). */
    clipboardWatch: z.boolean().default(false),
  });
}

export type Settings = z.infer<ReturnType<typeof settingsSchema>>;

export const defaultSettings = (platform: NodeJS.Platform): Settings => settingsSchema(platform).parse({});

/**
 * electron-store migrations, keyed by the app version that needs them (conf runs each once, in order). Settings
 * read back through the schema also fall back to defaults field by field, so a migration is needed only to carry a
 * user's choice across a rename or a change of meaning.
 */
export const SETTINGS_MIGRATIONS: Readonly<Record<string, (store: { get(key: string): unknown; set(key: string, value: unknown): void; delete(key: string): void }) => void>> = {};

/** A partial update: the same fields without their defaults, so an absent field stays as it is. Unknown keys fail. */
export function settingsPatchSchema(platform: NodeJS.Platform): z.ZodType<Partial<Settings>> {
  const shape = settingsSchema(platform).shape;
  const optional = Object.fromEntries(Object.entries(shape).map(([key, field]) => [key, field.unwrap().optional()]));
  return z.object(optional).strict() as unknown as z.ZodType<Partial<Settings>>;
}
