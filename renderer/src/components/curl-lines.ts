/**
 * The two APIs' shortest useful calls (README's "Local API" section): Umi-OCR's JSON body with the image as base64,
 * and Readout's own with the image's bytes as the body. The token goes on Umi-OCR's only when the API listens on the
 * network (main/serve/server.ts asks it of /v1 always, of /api/ocr only then). `base64 < FILE | tr -d '\n'` rather
 * than GNU's `base64 -w0`: macOS's base64 has no -w, and this form runs in Linux, macOS and Windows' Git Bash alike.
 */
export function curlLines(url: string, token: string, lan: boolean): { umi: string; v1: string } {
  const bearer = `-H "Authorization: Bearer ${token}" `;
  return {
    umi: `curl -s ${url}/api/ocr ${lan ? bearer : ''}-H "Content-Type: application/json" -d "{\\"base64\\":\\"$(base64 < image.png | tr -d '\\n')\\"}"`,
    v1: `curl -s ${url}/v1/read ${bearer}-H "Content-Type: image/png" --data-binary @image.png`,
  };
}
