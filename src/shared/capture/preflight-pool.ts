/**
 * The preflight pool: where a CORS-preflight and the request it guards wait for each other, in
 * whichever order the browser reports them. webRequest reports a preflight
 * (https://fetch.spec.whatwg.org/#cors-preflight-fetch) as a request of its own, with its own
 * `requestId` and nothing linking it to the request it guards; the pairing rules
 * (`src/shared/pairing`: same URL, `Access-Control-Request-Method` = method,
 * `Access-Control-Request-Headers` = CORS-unsafe header names, same origin, time window) link them.
 * - Chrome: the actual request's `onSendHeaders` comes after its preflight completed (when the
 *   preflight fails, the actual request only gets `onErrorOccurred`). The preflight waits here,
 *   unclaimed, until its request claims it.
 * - Firefox: the actual request's `onSendHeaders` comes first, then the preflight's events. The
 *   request waits here until its preflight arrives, or until its response does: then none came.
 */
import type { BrowserName, ObservedRequest } from '../model/exchange.ts';
import { getHeader } from '../http/headers.ts';
import { matchPreflight, needsCorsPreflight, type PairingSubject, type PairingWindow } from '../pairing/index.ts';
import { OrderedQueue } from './ordered-queue.ts';
import { actualSubject, currentLeg, pairKey, preflightSubject, tabKeyPrefix, type PreflightState, type TrackedExchange } from './exchange-state.ts';

/** Decides whether `preflight` guards `actual`. Injected so the HAR reader's rule is the one used. */
export type PreflightMatcher = (preflight: PairingSubject, actual: PairingSubject) => boolean;

/**
 * Pairing window for live capture. Wider than the HAR default lead: under load Chrome reports
 * the actual request's `onSendHeaders` when its headers leave, after queueing for a socket, so
 * its preflight may have started seconds earlier.
 */
export const CAPTURE_WINDOW: PairingWindow = { maxLeadMs: 30_000, maxLagMs: 60_000 };

/** How long an unclaimed, finished preflight waits for its actual request before it stands alone. */
export const ORPHAN_PREFLIGHT_MS = 60_000;

export const defaultMatcher: PreflightMatcher = (preflight, actual) => {
  const result = matchPreflight(preflight, actual, CAPTURE_WINDOW);
  if (result.matches || result.mismatch !== 'origin') return result.matches;
  // Firefox quirk (recorded in test/fixtures/webrequest/firefox/redirect-preflighted-pass.json):
  // after a cross-origin redirect the actual request carries `Origin: null`
  // (https://fetch.spec.whatwg.org/#concept-request-tainted-origin) but Firefox's re-preflight
  // still carries the initiator's origin. Compare with the initiator's origin instead.
  if (getHeader(actual.request.headers, 'origin') !== 'null') return false;
  const untainted = actual.request.headers.filter((h) => h.name.toLowerCase() !== 'origin');
  return matchPreflight(preflight, { ...actual, request: { ...actual.request, headers: untainted } }, CAPTURE_WINDOW).matches;
};

/**
 * The unclaimed preflights of one key, in the order a claim takes them: finished ones first, by
 * the time they finished, then unfinished ones; ties in the order they were offered (the browser
 * sends the actual request right after its own preflight finished).
 */
class Unclaimed {
  readonly finished = new OrderedQueue<PreflightState>();
  readonly unfinished = new OrderedQueue<PreflightState>();

  get size(): number {
    return this.finished.size + this.unfinished.size;
  }

  /** The first preflight, in claim order, that `eligible` accepts. */
  find(eligible: (p: PreflightState) => boolean): PreflightState | undefined {
    return this.finished.find(eligible) ?? this.unfinished.find(eligible);
  }

  delete(p: PreflightState): void {
    if (!this.finished.delete(p)) this.unfinished.delete(p);
  }
}

export class PreflightPool {
  readonly #browser: BrowserName;
  readonly #matcher: PreflightMatcher;
  /** pairKey → preflights not yet claimed by an actual request (Chrome order). */
  readonly #unclaimed = new Map<string, Unclaimed>();
  /**
   * Each preflight offered → its key and the order it was offered in (kept after it leaves: the
   * finished queue's order reads it for slots not yet dropped).
   */
  readonly #offered = new WeakMap<PreflightState, { readonly key: string; readonly seq: number }>();
  #seq = 0;
  /** pairKey → exchanges whose current leg waits for its preflight (Firefox order), in arrival order. */
  readonly #awaiting = new Map<string, OrderedQueue<TrackedExchange>>();

  constructor(browser: BrowserName, matcher: PreflightMatcher) {
    this.#browser = browser;
    this.#matcher = matcher;
  }

  /** Whether preflights wait unclaimed (each may be orphaned by a later sweep). */
  get hasUnclaimed(): boolean {
    return this.#unclaimed.size > 0;
  }

  /** Chrome order: a preflight seen before its request waits under `key` to be claimed. */
  offer(key: string, preflight: PreflightState): void {
    let unclaimed = this.#unclaimed.get(key);
    if (unclaimed === undefined) this.#unclaimed.set(key, (unclaimed = new Unclaimed()));
    this.#offered.set(preflight, { key, seq: this.#seq++ });
    if (preflight.done) this.#insertFinished(unclaimed, preflight);
    else unclaimed.unfinished.push(preflight);
  }

  /** The preflight finished (`done`, `doneAt` set): if it is unclaimed, it moves to its place among the finished. */
  finished(preflight: PreflightState): void {
    const offered = this.#offered.get(preflight);
    const unclaimed = offered === undefined ? undefined : this.#unclaimed.get(offered.key);
    if (unclaimed?.unfinished.delete(preflight) === true) this.#insertFinished(unclaimed, preflight);
  }

  #insertFinished(unclaimed: Unclaimed, preflight: PreflightState): void {
    unclaimed.finished.insertSorted(preflight, (a, b) => a.doneAt < b.doneAt || (a.doneAt === b.doneAt && this.#seqOf(a) < this.#seqOf(b)));
  }

  #seqOf(p: PreflightState): number {
    return this.#offered.get(p)?.seq ?? 0;
  }

  /**
   * The unclaimed preflight that guards `request`, removed from the pool. Among several identical
   * ones (concurrent identical fetches), a finished one first, then the earliest: the browser sends
   * the actual request right after its own preflight finished. The preflights wait in that order,
   * so the first the rule accepts is the one: among identical ones, the first it looks at.
   */
  claim(tabId: number, request: ObservedRequest, initiatorOrigin: string): PreflightState | null {
    const key = pairKey(tabId, request.method, request.url);
    const unclaimed = this.#unclaimed.get(key);
    if (unclaimed === undefined) return null;
    const actual: PairingSubject = { id: '', request, initiatorOrigin };
    const chosen = unclaimed.find((p) => this.#matcher(preflightSubject(p), actual));
    if (chosen === undefined) return null;
    this.#remove(key, unclaimed, chosen);
    return chosen;
  }

  #remove(key: string, unclaimed: Unclaimed, p: PreflightState): void {
    unclaimed.delete(p);
    if (unclaimed.size === 0) this.#unclaimed.delete(key);
  }

  /** Firefox order: the exchange waiting under `key` for this preflight, removed from the pool. */
  takeWaiter(key: string, preflight: PairingSubject): TrackedExchange | null {
    const waiting = this.#awaiting.get(key);
    if (waiting === undefined) return null;
    const waiter = waiting.find((x) => {
      const leg = currentLeg(x);
      return leg !== undefined && this.#matcher(preflight, actualSubject(x, leg.request));
    });
    if (waiter === undefined) return null;
    this.stopAwaiting(waiter);
    return waiter;
  }

  /**
   * A request whose preflight has not been seen: it waits for one if the browser needs one
   * (Firefox reports the preflight after the request; Chrome's came first, so none coming means a
   * cache hit), or — in Firefox only, where the order allows it — in case the browser preflights
   * it anyway.
   */
  awaitIfPreflightable(x: TrackedExchange, request: ObservedRequest): void {
    if (needsCorsPreflight(request, this.#browser)) {
      x.preflightOptional = false;
      this.#await(x, request);
    } else if (this.#browser === 'firefox' && getHeader(request.headers, 'origin') !== null) {
      x.preflightOptional = true;
      this.#await(x, request);
    }
  }

  #await(x: TrackedExchange, request: ObservedRequest): void {
    x.awaitingPreflight = true;
    x.awaitKey = pairKey(x.tabId, request.method, request.url);
    let waiting = this.#awaiting.get(x.awaitKey);
    if (waiting === undefined) this.#awaiting.set(x.awaitKey, (waiting = new OrderedQueue()));
    waiting.push(x);
  }

  /** Ends the exchange's wait; false when it was not waiting. */
  stopAwaiting(x: TrackedExchange): boolean {
    if (!x.awaitingPreflight) return false;
    x.awaitingPreflight = false;
    const key = x.awaitKey;
    x.awaitKey = null;
    const waiting = key === null ? undefined : this.#awaiting.get(key);
    if (key !== null && waiting?.delete(x) === true && waiting.size === 0) this.#awaiting.delete(key);
    return true;
  }

  /** Removes and returns the preflights finished over `ORPHAN_PREFLIGHT_MS` ago and still unclaimed. */
  takeOrphans(now: number): PreflightState[] {
    const orphans: PreflightState[] = [];
    for (const [key, unclaimed] of this.#unclaimed) {
      // The finished ones wait in the order they finished: the orphans are the first of them.
      for (let p = unclaimed.finished.first(); p !== undefined && now - p.doneAt > ORPHAN_PREFLIGHT_MS; p = unclaimed.finished.first()) {
        orphans.push(p);
        this.#remove(key, unclaimed, p);
      }
    }
    return orphans;
  }

  /** Forgets everything of a tab that waits here. */
  forgetTab(tabId: number): void {
    const prefix = tabKeyPrefix(tabId);
    for (const map of [this.#unclaimed, this.#awaiting]) {
      for (const key of map.keys()) if (key.startsWith(prefix)) map.delete(key);
    }
  }
}
