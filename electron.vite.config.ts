import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { build, type Plugin } from 'vite';
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

/** The relative imports (static and dynamic) of a built ES module. */
const relativeImports = (code: string): string[] =>
  [...code.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)["'](\.{1,2}\/[^"']+)["']/g)].map(([, spec]) => spec!);

/**
 * The offline engine's worker as one self-contained ES module, out/main/local-worker.mjs (review N10). The worker
 * runs from app.asar.unpacked (main/asar.ts), and reads there skip the archive's integrity check (Electron's
 * asar-fs-wrapper: unpacked entries are not validated), so nothing the main process runs may live there. Built beside
 * main as a second entry, the bundler splits what both import into shared chunks, and the worker would pull them out
 * of the archive. So after main is written, the worker's entry is bundled again with every relative import inlined
 * (its chunks, and the chunks those import, dynamic ones too), and bare imports (node:*, the packages) left as they
 * are; then the worker's entry goes, and so does any chunk main itself no longer reaches. Main's own chunks stay
 * in the archive.
 *
 * `.mjs`: the unpacked tree has no package.json, so a `.js` there is ESM only by Node's module-syntax detection; an
 * `.mjs` is ESM by its name (Node's "Determining module system").
 */
const WORKERS = ['local-worker', 'pdf-worker'];
const selfContainedWorker = (): Plugin => ({
  name: 'readout-worker',
  apply: 'build',
  async writeBundle(options) {
    const dir = options.dir ?? resolve('out/main');
    // The offline engine's worker and the PDF reader's (main/pdf/reader-worker.ts): both run from app.asar.unpacked.
    for (const name of WORKERS) {
      const entry = join(dir, `${name}.js`);
      if (!existsSync(entry)) continue;
      await build({
        configFile: false,
        logLevel: 'warn',
        publicDir: false,
        build: {
          ssr: true,
          outDir: dir,
          emptyOutDir: false,
          minify: false,
          rolldownOptions: {
            input: { [name]: entry },
            external: (id) => !id.startsWith('.') && !isAbsolute(id),
            output: { format: 'es', entryFileNames: '[name].mjs', codeSplitting: false },
          },
        },
      });
      rmSync(entry);
    }
    // The chunks main reaches from its entry; any other was the worker's alone.
    const reached = new Set(['index.js']);
    for (const file of reached) {
      for (const spec of relativeImports(readFileSync(join(dir, file), 'utf8'))) reached.add(join(file, '..', spec).split('\\').join('/'));
    }
    const chunks = join(dir, 'chunks');
    for (const chunk of existsSync(chunks) ? readdirSync(chunks) : []) {
      if (!reached.has(`chunks/${chunk}`)) rmSync(join(chunks, chunk));
    }
  },
});

export default defineConfig({
  main: {
    plugins: [foldedModels(), selfContainedWorker()],
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: { index: resolve('main/index.ts'), 'local-worker': resolve('main/ocr/local-worker.ts'), 'pdf-worker': resolve('main/pdf/reader-worker.ts') },
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
