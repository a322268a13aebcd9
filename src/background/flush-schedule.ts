/**
 * When tracker changes become records and deltas (one message per tab per flush): once the
 * traffic has been quiet for `QUIET_MS`, and at least every `MAX_WAIT_MS` during a burst — so a
 * burst is evaluated and sent in a few large batches, not continuously while the page is busy.
 */
export const QUIET_MS = 120;
export const MAX_WAIT_MS = 1000;

export class FlushSchedule {
  readonly #now: () => number;
  readonly #flush: () => void;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #firstChange = 0;
  #lastChange = 0;

  constructor(now: () => number, flush: () => void) {
    this.#now = now;
    this.#flush = flush;
  }

  /** Something changed (hot path: a clock read, and a timer only when none is set). */
  changed(): void {
    this.#lastChange = this.#now();
    if (this.#timer !== null) return;
    this.#firstChange = this.#lastChange;
    this.#timer = setTimeout(() => this.#tick(), QUIET_MS);
  }

  /** Drops the pending flush (the caller flushes now). */
  cancel(): void {
    if (this.#timer === null) return;
    clearTimeout(this.#timer);
    this.#timer = null;
  }

  #tick(): void {
    this.#timer = null;
    const t = this.#now();
    const quietFor = t - this.#lastChange;
    const waited = t - this.#firstChange;
    if (quietFor < QUIET_MS && waited < MAX_WAIT_MS) {
      this.#timer = setTimeout(() => this.#tick(), Math.min(QUIET_MS - quietFor, MAX_WAIT_MS - waited));
      return;
    }
    this.#flush();
  }
}
