/**
 * Adapter: the system's file dialogs and main's own questions (app/confirm.ts), on the main window when it is on
 * screen (a sheet on a hidden one never shows).
 */
import { join } from 'node:path';
import { app, dialog, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import type { ExportFormat } from '../../preload/api.ts';
import { confirmDialog, type ConfirmRequest } from '../app/confirm.ts';
import { OPENABLE_EXTENSIONS } from '../openable.ts';
import type { mainStrings } from '../app/strings.ts';
import type { MainWindow } from './main-window.ts';

export function fileDialogs(window: MainWindow, words: () => ReturnType<typeof mainStrings>) {
  return {
    /** The user's chosen image and PDF files, or none. */
    openImages: async (): Promise<string[]> => {
      const options: OpenDialogOptions = {
        title: words().dialog.openTitle,
        properties: ['openFile', 'multiSelections'],
        filters: [{ name: words().dialog.images, extensions: OPENABLE_EXTENSIONS }],
      };
      const parent = window.parent();
      const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
      return result.canceled ? [] : result.filePaths;
    },
    /** Where to save an export, or null if the user cancelled: the format's own type first, so its extension is added. */
    saveExport: async (defaultName: string, format: ExportFormat): Promise<string | null> => {
      const options: SaveDialogOptions = {
        title: words().dialog.exportTitle,
        defaultPath: join(app.getPath('documents'), defaultName),
        filters: [{ name: words().dialog.exportFormat[format], extensions: [format] }],
      };
      const parent = window.parent();
      const result = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    /**
     * A folder to watch, or null if the user cancelled. docs/api/dialog.md, dialog.showOpenDialog: properties
     * 'openDirectory' "Allow directories to be selected"; 'createDirectory' (macOS) lets the user make a new one there.
     */
    chooseFolder: async (): Promise<string | null> => {
      const options: OpenDialogOptions = { title: words().dialog.watchFolderTitle, properties: ['openDirectory', 'createDirectory'] };
      const parent = window.parent();
      const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
  };
}

/** Asks the user in a message box naming the host; true only for the first button (the yes). */
export function askUser(window: MainWindow, words: () => ReturnType<typeof mainStrings>) {
  return async (request: ConfirmRequest): Promise<boolean> => {
    const options = confirmDialog(words(), request);
    const parent = window.parent();
    const result = parent ? await dialog.showMessageBox(parent, options) : await dialog.showMessageBox(options);
    return result.response === 0;
  };
}
