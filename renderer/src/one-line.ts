/**
 * A result as one line, for pasting into a search box, a chat or a spreadsheet cell (review M4, as Text-Grab's
 * "single line"): the One line mode on text alone (main/text/line-modes.ts). Lines the text wrapped are joined as
 * their script joins them (CJK without a space); every other break and tab becomes a space, so a heading does not
 * run into its paragraph (review L12).
 */
import { shapePlainText } from '../../main/text/line-modes.ts';

export const oneLine = (text: string): string => shapePlainText(text, 'one-line');
