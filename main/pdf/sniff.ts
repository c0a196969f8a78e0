/** Whether bytes are a PDF: "%PDF-" within the first kilobyte, as readers accept it (no pdf.js needed to ask). */
export function isPdf(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.subarray(0, 1024)).toString('latin1').includes('%PDF-');
}
