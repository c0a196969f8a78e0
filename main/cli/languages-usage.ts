/** `readout languages --help`. Its flags and --json fields are a contract for scripts. */
export const LANGUAGES_USAGE = `Usage: readout languages [--json]              the languages the offline engine reads
       readout languages add CODE [--from FILE]...  install a language pack
       readout languages remove CODE                uninstall one

English and Simplified Chinese are built in. Packs (Tesseract's trained data from npm, checked against the sha512
Readout pins): ja (Japanese, also set in columns), ko (Korean), zh-Hant (Traditional Chinese). Read with one:
readout --engine local --lang CODE FILE.

  --from FILE       install from the package's tarball instead of downloading it (a machine with no network: fetch
                    it elsewhere with npm pack @tesseract.js-data/jpn@1.0.0); ja needs two, each with its --from
  --registry URL    the npm registry or mirror to download from (default https://registry.npmjs.org/)
  --json            one object per language per line: code, name, status (built-in, installed or available),
                    downloadBytes, diskBytes (on disk, or what it will take), vertical; add prints the pack's
  --data-dir DIR    the data folder the packs live in (default: the app's)

Exit status: 0 on success, 1 when a pack cannot be added or is not installed, 2 for a usage error.
`;
