import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { writeFoldedModels } from './build/models/write.ts';
import { contentSecurityPolicy as policyFor } from './main/security.ts';

/**
 * The CSP is written once, in main/security.ts, and stamped into every page here: the strict one into every build,
 * the development one only into pages the dev server serves (ctx.server is set only there).
 */
const contentSecurityPolicy = (): Plugin => ({
  name: 'readout-csp',
  transformIndexHtml: (html, ctx) => html.replace('%CONTENT_SECURITY_POLICY%', policyFor(Boolean(ctx.server))),
});

/** The offline engine's models folded into fewer steps (build/models/fold.ts), beside the main bundle. */
const foldedModels = (): Plugin => ({
  name: 'readout-models',
  apply: 'build',
  closeBundle: () => void writeFoldedModels(resolve('out/models')),
});

export default defineConfig({
  main: {
    plugins: [foldedModels()],
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: { index: resolve('main/index.ts'), 'local-worker': resolve('main/ocr/local-worker.ts') },
        output: { entryFileNames: '[name].js', format: 'es' },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve('preload/index.ts') },
        // Sandboxed preloads must be CommonJS.
        output: { entryFileNames: '[name].cjs', format: 'cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [react(), contentSecurityPolicy()],
    build: {
      outDir: 'out/renderer',
      minify: true,
      rollupOptions: { input: { index: resolve('renderer/index.html'), overlay: resolve('renderer/overlay.html') } },
    },
  },
});
