/**
 * Characters the recognizer confuses inside numbers, set right where the context leaves no doubt. PP-OCR's dictionary
 * holds the full-width yen (￥) beside the Latin one (¥), and reads a price's sign as either; in a monospaced font it
 * reads a version's "1" as "l" ("inflight@l.0.6"). A price or a version copied from a screen must come back as it
 * is (issue 21), so only these cases are changed: nothing in running text.
 */

/** ￥ directly before a digit: a price, written with the Latin-1 sign as prices on screens are. */
const FULL_WIDTH_YEN = /￥(?=\d)/g;

/**
 * A lone l or I (and O for zero) that starts a number with a separator after it ("l.0.6", "l,280"), where no letter
 * stands before it: the digit, since no word is spelled so.
 */
const LETTER_FOR_DIGIT = /(?<![\p{L}\p{N}])([lIO])(?=[.,]\d)/gu;

export function fixNumerals(text: string): string {
  return text.replace(FULL_WIDTH_YEN, '¥').replace(LETTER_FOR_DIGIT, (letter: string) => (letter === 'O' ? '0' : '1'));
}
