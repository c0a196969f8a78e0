/**
 * Which display server Electron really runs on. XDG_SESSION_TYPE alone is wrong whenever the app is forced onto
 * X11 (--ozone-platform=x11) or the variable describes another session (review M4). Chromium settles the question
 * at start-up and writes its answer into the process's own command line as --ozone-platform (ui/linux/
 * display_server_utils.cc, SetOzonePlatformForLinuxIfNeeded), which app.commandLine reads back. Where that switch is
 * somehow absent, the same rule Chromium applies is applied here.
 */
export type DisplayServer = 'wayland' | 'x11' | 'other';

export function displayServer(platform: NodeJS.Platform, ozonePlatform: string, env: NodeJS.ProcessEnv): DisplayServer {
  if (platform !== 'linux') return 'other';
  if (ozonePlatform === 'wayland' || ozonePlatform === 'x11') return ozonePlatform;
  if (ozonePlatform) return 'other';
  // As Chromium: the session type breaks ties; a reachable Wayland or X display decides when only one is there.
  const hasWayland = Boolean(env.WAYLAND_SOCKET || env.WAYLAND_DISPLAY);
  const hasX11 = Boolean(env.DISPLAY);
  if (hasWayland !== hasX11) return hasWayland ? 'wayland' : 'x11';
  return env.XDG_SESSION_TYPE === 'wayland' ? 'wayland' : 'x11';
}
