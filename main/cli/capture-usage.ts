/** `readout capture --help`. */
export const CAPTURE_USAGE = `Usage: readout capture [--data-dir DIR]

Asks the running Readout app to start a capture, as its hotkey does: for a Wayland compositor's key binding, a
launcher or a script. It talks to the app over its private control endpoint (a socket in the data folder,
control.sock, that only this user can open; a named pipe on Windows), so it needs no token and no network.

  --data-dir DIR          the data folder of the app to ask (default: the app's data folder)

Exit status: 0 when the app started the capture, 1 when Readout is not running or refused, 2 for a usage error.
`;
