/**
 * The files Readout opens by name: the image formats image/decode.ts reads, and PDFs (main/pdf). The Open dialog
 * offers them, a command line (a second launch, "Open with") may name them, and a batch gathers them from folders.
 */
export const IMAGE_EXTENSIONS = ['png', 'jpg', 'jpeg', 'jpe', 'webp', 'gif', 'tif', 'tiff', 'bmp', 'dib', 'ico', 'cur', 'icns', 'jp2', 'j2k', 'jpf', 'jpx', 'sgi', 'rgb', 'bw', 'avif', 'heic', 'svg'];

/** Documents read page by page (main/pdf). */
export const DOCUMENT_EXTENSIONS = ['pdf'];
/** What the Open dialog offers and a command line may name. */
export const OPENABLE_EXTENSIONS = [...IMAGE_EXTENSIONS, ...DOCUMENT_EXTENSIONS];
