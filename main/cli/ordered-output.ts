/**
 * Files are recognised concurrently but printed in the order given: the first unfinished file streams straight
 * through, later ones are held until every file before them is done.
 */
export class OrderedOutput {
  readonly #write: (text: string) => void;
  readonly #separator: string;
  readonly #held: string[][];
  readonly #done: boolean[];
  readonly #started: boolean[];
  #head = 0;
  #wroteAny = false;

  constructor(count: number, write: (text: string) => void, separator = '\n') {
    this.#write = write;
    this.#separator = separator;
    this.#held = Array.from({ length: count }, () => []);
    this.#done = Array.from({ length: count }, () => false);
    this.#started = Array.from({ length: count }, () => false);
  }

  push(index: number, text: string): void {
    if (!text) return;
    if (index === this.#head) this.#emit(index, text);
    else this.#held[index]!.push(text);
  }

  #emit(index: number, text: string): void {
    if (!this.#started[index]) {
      this.#started[index] = true;
      if (this.#wroteAny && this.#separator) this.#write(this.#separator);
    }
    this.#wroteAny = true;
    this.#write(text);
  }

  finish(index: number): void {
    this.#done[index] = true;
    while (this.#head < this.#done.length && this.#done[this.#head]) {
      this.#head++;
      if (this.#head < this.#held.length) {
        for (const text of this.#held[this.#head]!) this.#emit(this.#head, text);
        this.#held[this.#head] = [];
      }
    }
  }
}
