/**
 * Text as a terminal should get it: control characters (a file named with an escape sequence, a server's message
 * with one, a history entry's text) written as \xNN, so nothing can move the cursor, set the title or recolour the
 * screen (bad-input review L6; review 2, L1, L4). Its own module so option parsing takes it without the report's.
 */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** Text of many lines (a reading, a history entry's text): as printable(), its line ends and tabs kept. */
export function printableText(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/**
 * A JSON line as a terminal should get it: JSON.stringify escapes C0 controls but leaves DEL and C1 (U+009B, a CSI
 * to some terminals) raw, as JSON allows; written as \u escapes they read back the same. Such characters can only
 * stand inside JSON strings, where the escape is valid.
 */
export function printableJson(json: string): string {
  return json.replace(/[\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
