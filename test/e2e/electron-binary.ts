/** Where an Electron binary is, without requiring the electron package (which downloads one on first require). */
export { findElectron } from '../../scripts/electron-binary.ts';

export const SKIP_REASON =
  'Electron end-to-end suite SKIPPED: no Electron binary found. Run `npx install-electron` (or `npm start` once where ' +
  'downloads work), or set ELECTRON_OVERRIDE_DIST_PATH to a folder holding an Electron 45 build.';
