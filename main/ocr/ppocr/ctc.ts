/**
 * Recognition's CTC decoding (greedy, as PaddleOCR's CTCLabelDecode): the most likely class at each time step,
 * repeats folded, blanks (class 0) dropped. Classes 1.. are the dictionary's characters, then a space (the model was
 * trained with use_space_char, so English keeps its spaces).
 */
export interface Decoded {
  text: string;
  /** Mean probability of the characters kept. */
  confidence: number;
  /** The least probability of any step's choice, a blank's too. */
  least: number;
}

export function ctcDecode(probs: Float32Array, offset: number, steps: number, classes: number, alphabet: readonly string[]): Decoded {
  let text = '';
  let sum = 0;
  let count = 0;
  let previous = -1;
  let least = 1;
  for (let t = 0; t < steps; t++) {
    const base = offset + t * classes;
    let best = 0;
    let bestP = probs[base]!;
    for (let c = 1; c < classes; c++) {
      const p = probs[base + c]!;
      if (p > bestP) {
        bestP = p;
        best = c;
      }
    }
    // Every step counts, blanks too: a letter dropped is a step where the blank won only narrowly.
    if (bestP < least) least = bestP;
    if (best !== 0 && best !== previous) {
      text += alphabet[best - 1] ?? '';
      sum += bestP;
      count++;
    }
    previous = best;
  }
  return { text, confidence: count > 0 ? sum / count : 0, least: steps > 0 ? least : 0 };
}

/** PaddleOCR's dictionary file, one character a line, then the space that use_space_char appends. */
export function alphabetFrom(dictionary: string): string[] {
  return [...dictionary.replace(/\r?\n$/, '').split(/\r?\n/), ' '];
}
