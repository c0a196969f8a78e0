/** Messages between the offline engine and its worker thread. */
export interface LocalRequest {
  id: number;
  image: Uint8Array;
}

export interface LocalLine {
  text: string;
  /** Mean character confidence, 0 to 1. */
  mean: number;
  /** Four corners, clockwise from top-left. */
  box: number[][];
}

export type LocalResponse = { id: number; ok: true; lines: LocalLine[] } | { id: number; ok: false; message: string };
