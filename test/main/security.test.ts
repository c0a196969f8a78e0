import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, isAppUrl, secureWebPreferences } from '../../main/security.ts';
import { repoRoot } from '../support/paths.ts';

const sources = (dir: string): string[] =>
  readdirSync(join(repoRoot, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/.test(f))
    .map((f) => join(repoRoot, dir, f));

describe('window security', () => {
  it('isolates, sandboxes and strips Node from every page', () => {
    const prefs = secureWebPreferences('/app/preload.cjs', { development: false });
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
      devTools: false,
    });
    expect(secureWebPreferences('/p', { development: true }).devTools).toBe(true);
  });

  it('builds every BrowserWindow with those preferences', () => {
    const windows = sources('main').flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      return [...text.matchAll(/new BrowserWindow\(\{([\s\S]*?)\n\s*\}\);/g)].map((m) => m[1]!);
    });
    // The main window and the capture overlays.
    expect(windows.length).toBe(2);
    for (const options of windows) {
      expect(options).toMatch(/webPreferences: \{\s*\.\.\.secureWebPreferences\(/);
      // Anything spelled out after the spread must only repeat the secure values.
      expect(options).not.toMatch(/contextIsolation: false|sandbox: false|nodeIntegration: true|webSecurity: false/);
    }
  });

  it('imports electron only in the composition root, the preload and the thin adapters (shell/, capture/electron-*)', () => {
    const importers = [...sources('main'), ...sources('preload'), ...sources('renderer')]
      .filter((file) => /from 'electron'/.test(readFileSync(file, 'utf8').replace(/import type[^;]*;/g, '')))
      .map((file) => file.slice(repoRoot.length));
    const adapters = importers.filter((file) => /^main\/shell\/[\w-]+\.ts$/.test(file));
    expect(adapters.length).toBeGreaterThan(0);
    expect(importers.filter((file) => !adapters.includes(file)).sort()).toEqual(['main/capture/electron-capture.ts', 'main/capture/electron-overlays.ts', 'main/index.ts', 'preload/index.ts']);
    // Nothing below the adapters reaches up into them: app/, capture/, history/ and the rest run without Electron.
    const upward = sources('main').filter((file) => !/main\/(index|shell\/[\w-]+|capture\/electron-[\w-]+)\.ts$/.test(file) && /from '(\.\.?\/)+shell\//.test(readFileSync(file, 'utf8')));
    expect(upward).toEqual([]);
  });

  it('allows no remote or inline code in the CSP', () => {
    const directives = new Map(CONTENT_SECURITY_POLICY.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name!, values] as const;
    }));
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-|https?:|\*|wss?:/);
  });

  it('stamps the CSP into the built page', () => {
    const html = readFileSync(join(repoRoot, 'out/renderer/index.html'), 'utf8');
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`);
  });

  it('recognises only the app’s own pages', () => {
    const origin = { rendererDir: '/opt/readout/out/renderer', devServer: 'http://localhost:5173' };
    expect(isAppUrl('app://readout/index.html', origin)).toBe(true);
    expect(isAppUrl('app://readout/overlay.html', origin)).toBe(true);
    expect(isAppUrl('http://localhost:5173/index.html', origin)).toBe(true);
    // file:// pages are never the app's any more, not even the built renderer's own files (review M11).
    expect(isAppUrl('file:///opt/readout/out/renderer/index.html', origin)).toBe(false);
    expect(isAppUrl('app://evil/index.html', origin)).toBe(false);
    expect(isAppUrl('app://readout.evil/index.html', origin)).toBe(false);
    expect(isAppUrl('file:///etc/passwd', origin)).toBe(false);
    expect(isAppUrl('https://example.com/', origin)).toBe(false);
    expect(isAppUrl('http://localhost:5174/', origin)).toBe(false);
    expect(isAppUrl('not a url', origin)).toBe(false);
    expect(isAppUrl('app://readout/index.html', { rendererDir: '/opt/readout/out/renderer' })).toBe(true);
    expect(isAppUrl('http://localhost:5173/index.html', { rendererDir: '/opt/readout/out/renderer' })).toBe(false);
  });
});
