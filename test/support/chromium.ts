/**
 * Finds a Chromium for the browser tests: $READOUT_CHROMIUM, then the system's (Debian's /usr/bin/chromium and
 * friends), then Playwright's own download. Fails with instructions when there is none.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const SYSTEM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'];

export const HEADLESS_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

export function findChromium(): string {
  const fromEnv = process.env.READOUT_CHROMIUM;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`READOUT_CHROMIUM points at ${fromEnv}, which does not exist`);
    return fromEnv;
  }
  const system = SYSTEM_PATHS.find((path) => existsSync(path));
  if (system) return system;
  const downloaded = chromium.executablePath();
  if (downloaded && existsSync(downloaded)) return downloaded;
  throw new Error(
    'No Chromium for the browser tests. Install one: `sudo apt-get install chromium` (Debian/Ubuntu), ' +
      '`npx playwright install chromium`, or set READOUT_CHROMIUM to a Chrome or Chromium binary.',
  );
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: findChromium(), headless: true, args: HEADLESS_FLAGS });
}
