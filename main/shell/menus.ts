/** Adapter: the application menu (app/menu.ts builds it) and the tray icon with its menu, in the user's language. */
import { join } from 'node:path';
import { Menu, nativeImage, Tray, type NativeImage } from 'electron';
import { applicationMenu, type MenuActions } from '../app/menu.ts';
import type { mainStrings } from '../app/strings.ts';

export interface MenuOptions extends MenuActions {
  /** The folder of the built main bundle; the tray images are in build/ beside out/. */
  here: string;
  development: boolean;
  words(): ReturnType<typeof mainStrings>;
  showWindow(): void;
  quit(): void;
}

function trayImage(here: string): NativeImage {
  // macOS: a Template image, tinted by the system for light and dark menu bars; @2x is picked up beside it.
  if (process.platform === 'darwin') {
    const image = nativeImage.createFromPath(join(here, '../../build/trayTemplate.png'));
    image.setTemplateImage(true);
    return image;
  }
  return nativeImage.createFromPath(join(here, '../../build/tray.png')).resize({ width: 16, height: 16 });
}

export class Menus {
  readonly #options: MenuOptions;
  #tray: Tray | null = null;

  constructor(options: MenuOptions) {
    this.#options = options;
  }

  /** Builds both menus; again on every change of language. */
  build(): void {
    const o = this.#options;
    Menu.setApplicationMenu(Menu.buildFromTemplate(applicationMenu(process.platform, o.words().menu, o, { devTools: o.development })));
    if (!this.#tray) {
      this.#tray = new Tray(trayImage(o.here));
      this.#tray.setToolTip('Readout');
      // Once, here: build() runs again on every language change, and listeners must not pile up (review m5).
      this.#tray.on('click', () => o.showWindow());
    }
    const words = o.words().tray;
    this.#tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: words.capture, click: () => o.capture() },
        { label: words.repeat, click: () => o.repeat() },
        { label: words.open, click: () => o.open() },
        { label: words.history, click: () => o.history() },
        { label: words.settings, click: () => o.settings() },
        { type: 'separator' },
        { label: words.quit, click: () => o.quit() },
      ]),
    );
  }
}
