/**
 * What only the user may allow, asked by the main process itself (review N11): the API key going to a server that
 * is not DashScope's, and a web address opened in the browser. The window may ask for either, but the page is
 * untrusted, and its own "are you sure?" would be a call from the very page the question guards against. So main
 * asks (the composition root shows the question with dialog.showMessageBox), naming the host, and acts only on a yes.
 */
import { fill, type MainStrings } from './strings.ts';

export type ConfirmRequest =
  | {
      kind: 'trust-endpoint' | 'open-url';
      /** The host as the URL parser has it: a look-alike name shows as its punycode (xn--…), not as the letters it mimics. */
      host: string;
      url: string;
    }
  /**
   * A PDF of more pages than are read without asking (pdf/page-limit.ts; bad-input review 2, M5): yes reads them
   * all, no the first `limit`.
   */
  | { kind: 'long-document'; file: string; pages: number; limit: number }
  /** A batch job (batch-jobs.ts): how many images from how many files, and the estimate at the batch and live prices. */
  | { kind: 'batch-submit'; requests: number; files: number; cost: string; live: string };

/** The composition root's question: true only when the user said yes. */
export type Confirm = (request: ConfirmRequest) => Promise<boolean>;

/**
 * One question at a time: another asked while one is on screen is a no, so a page cannot stack dialogs on the user
 * (or get a second yes from one click). An unanswerable question (the dialog failed) is a no as well.
 */
export class Confirmations {
  readonly #confirm: Confirm;
  #asking = false;

  constructor(confirm: Confirm) {
    this.#confirm = confirm;
  }

  ask(kind: 'trust-endpoint' | 'open-url', url: string): Promise<boolean> {
    return this.#ask({ kind, host: new URL(url).host, url });
  }

  /** Whether to read all `pages` of `file`, past the `limit` read without asking. */
  askLongDocument(file: string, pages: number, limit: number): Promise<boolean> {
    return this.#ask({ kind: 'long-document', file, pages, limit });
  }

  /** Whether to send a batch job, its estimate said. */
  askBatch(request: Omit<Extract<ConfirmRequest, { kind: 'batch-submit' }>, 'kind'>): Promise<boolean> {
    return this.#ask({ kind: 'batch-submit', ...request });
  }

  async #ask(request: ConfirmRequest): Promise<boolean> {
    if (this.#asking) return false;
    this.#asking = true;
    try {
      return (await this.#confirm(request)) === true;
    } catch (error) {
      console.warn('The question could not be asked', error);
      return false;
    } finally {
      this.#asking = false;
    }
  }
}

/** The question's words and buttons for dialog.showMessageBox: the yes first, Cancel what Escape and closing give. */
export function confirmDialog(words: MainStrings, request: ConfirmRequest): {
  type: 'question' | 'warning';
  title: string;
  message: string;
  detail: string;
  buttons: [string, string];
  defaultId: 0 | 1;
  cancelId: 1;
  noLink: true;
} {
  const w = words.confirm;
  if (request.kind === 'long-document') {
    const values = { file: request.file, pages: String(request.pages), limit: String(request.limit) };
    // Reading them all may take hours: Enter reads the first ones only.
    return { type: 'question', title: w.longTitle, message: fill(w.longMessage, values), detail: fill(w.longDetail, values), buttons: [w.longYes, fill(w.longNo, values)], defaultId: 1, cancelId: 1, noLink: true };
  }
  if (request.kind === 'batch-submit') {
    const values = { requests: String(request.requests), files: String(request.files), cost: request.cost, live: request.live };
    return { type: 'question', title: w.batchTitle, message: fill(w.batchMessage, values), detail: fill(w.batchDetail, values), buttons: [w.batchYes, w.cancel], defaultId: 0, cancelId: 1, noLink: true };
  }
  const values = { host: request.host, url: request.url };
  return request.kind === 'trust-endpoint'
    ? // The key is the one thing here that costs money when it leaks: Enter does not give it away.
      { type: 'warning', title: w.trustTitle, message: fill(w.trustMessage, values), detail: fill(w.trustDetail, values), buttons: [w.trustYes, w.cancel], defaultId: 1, cancelId: 1, noLink: true }
    : { type: 'question', title: w.openTitle, message: fill(w.openMessage, values), detail: fill(w.openDetail, values), buttons: [w.openYes, w.cancel], defaultId: 0, cancelId: 1, noLink: true };
}
