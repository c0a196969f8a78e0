/**
 * How likely a line was read right, 0 to 1, from what the recognizer itself says of it (issue 21). The characters'
 * mean probability alone says too little: a line that lost half its letters is sure of the half it kept (0.94 for
 * half a 10 px grey line). Two more signs: the least sure step of all (a letter dropped is a step where the blank
 * won only narrowly, and a misread one a character that won narrowly), and how short the line is (one wrong
 * character is all of a short line's error).
 *
 * A logistic fit, P(read wrong) = σ(a·ln(1 − mean) + b·ln(least) + c/characters + d), on 424 lines of Chromium-rendered
 * UI screens (test/support/small-ui.ts and bench/screens.ts) read at 100%, 85%, 70% and 60% of their size, 113 of
 * them with at least one character or space wrong (bench/line-confidence.ts writes the data and measures the fit).
 * There, lines read wrong score 0.49 on average and lines read right 0.82 (the characters' mean: 0.86 and 0.97), a
 * wrong line scores under a right one 85% of the time (the mean: 82%), and as many lines are right as it promises
 * (0.734 promised, 0.733 right). Under DOUBTFUL_BELOW: 61% of the wrong lines, 10% of the right ones.
 */
const FIT = { logNotMean: 0.998, logLeast: -1.714, perCharacter: -3.226, bias: 1.495 } as const;

/**
 * The fewest characters a line of text this long (in its own heights) holds: half as many, Latin letters being
 * about half a height wide and CJK about one. A line read with fewer lost some (readingConfidence, lineConfidence).
 */
export const fewestCharacters = (lengthInHeights: number): number => Math.max(1, lengthInHeights) / 2;

/** Below this a line is doubtful: the window marks it and offers another reading (kept in the contract the renderer shares). */
export { DOUBTFUL_BELOW } from '../../../preload/api.ts';

export interface LineEvidence {
  /** Mean probability of the characters kept. */
  mean: number;
  /** The least probability of any step's choice, a blank's too. */
  least: number;
  /** Characters read, spaces left out. */
  characters: number;
  /** How long the line's ink is in its own heights; absent where unknown. */
  lengthInHeights?: number;
}

/**
 * The fit, scaled down where the line yielded too few characters for its length (as readingConfidence does for a
 * whole image): a Japanese line read by the Chinese model comes back as "。。", sure of both marks. A line holds at
 * least half as many characters as it is long in heights (Latin letters are about half a height wide, CJK about
 * one), so the factor is 1 on every line the fit was made on that was read whole.
 */
export function lineConfidence({ mean, least, characters, lengthInHeights = 0 }: LineEvidence): number {
  if (characters === 0) return 0;
  const z = FIT.logNotMean * Math.log(Math.max(1e-4, 1 - mean)) + FIT.logLeast * Math.log(Math.max(1e-4, least)) + FIT.perCharacter / characters + FIT.bias;
  const yieldFactor = Math.min(1, characters / fewestCharacters(lengthInHeights));
  return (1 - 1 / (1 + Math.exp(-z))) * yieldFactor;
}
