/**
 * Who the app is to each OS, in one place: the installer's appId (electron-builder.yml), the Windows
 * AppUserModelID that toasts are tied to (review M7; docs/tutorial/notifications.md: the id must match the
 * installer's shortcut), and the Linux desktop entry name that Wayland portals resolve the app by (review M5:
 * electron.d.ts app.setDesktopName, "a reverse-DNS style ID … must match the base filename of the app's installed
 * .desktop file"). A test holds package.json and electron-builder.yml to these.
 */
export const APP_ID = 'org.readout.app';
export const DESKTOP_NAME = `${APP_ID}.desktop`;
/** Given on the command line of a start at login, so that start stays in the tray. */
export const LOGIN_ARG = '--login';
