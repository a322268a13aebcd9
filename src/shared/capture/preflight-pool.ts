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

/** Removes the item at `index` from the list under `key`, and the key once its list is empty. */
function removeFrom<T>(map: Map<string, T[]>, key: string, index: number): void {
  const list = map.get(key);
  if (list === undefined || index < 0) return;
  list.splice(index, 1);
  if (list.length === 0) map.delete(key);
}

function addTo<T>(map: Map<string, T[]>, key: string, item: T): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [item]);
  else list.push(item);
}

/** Whether `p` is claimed before `other`: a finished one first, then the earliest finished. */
function claimsBefore(p: PreflightState, other: PreflightState): boolean {
  return (p.done && !other.done) || (p.done === other.done && p.doneAt < other.doneAt);
}

export class PreflightPool {
  readonly #browser: BrowserName;
  readonly #matcher: PreflightMatcher;
  /** pairKey → preflights not yet claimed by an actual request (Chrome order). */
  readonly #unclaimed = new Map<string, PreflightState[]>();
  /** pairKey → exchanges whose current leg waits for its preflight (Firefox order). */
  readonly #awaiting = new Map<string, TrackedExchange[]>();

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
    addTo(this.#unclaimed, key, preflight);
  }

  /**
   * The unclaimed preflight that guards `request`, removed from the pool. Among several identical
   * ones (concurrent identical fetches), a finished one first, then the earliest: the browser sends
   * the actual request right after its own preflight finished.
   */
  claim(tabId: number, request: ObservedRequest, initiatorOrigin: string): PreflightState | null {
    const key = pairKey(tabId, request.method, request.url);
    const list = this.#unclaimed.get(key);
    if (list === undefined) return null;
    const actual: PairingSubject = { id: '', request, initiatorOrigin };
    let best = -1;
    // The order is compared before the rule, so among many identical preflights the rule runs
    // only on those that would be chosen: one claim costs a cheap pass, not n rule checks.
    for (let i = 0; i < list.length; i++) {
      const p = list[i];
      const current = best === -1 ? undefined : list[best];
      if (p === undefined || (current !== undefined && !claimsBefore(p, current))) continue;
      if (this.#matcher(preflightSubject(p), actual)) best = i;
    }
    const chosen = list[best];
    if (chosen === undefined) return null;
    removeFrom(this.#unclaimed, key, best);
    return chosen;
  }

  /** Firefox order: the exchange waiting under `key` for this preflight, removed from the pool. */
  takeWaiter(key: string, preflight: PairingSubject): TrackedExchange | null {
    const waiting = this.#awaiting.get(key);
    if (waiting === undefined) return null;
    const index = waiting.findIndex((x) => {
      const leg = currentLeg(x);
      return leg !== undefined && this.#matcher(preflight, actualSubject(x, leg.request));
    });
    const waiter = waiting[index];
    if (waiter === undefined) return null;
    removeFrom(this.#awaiting, key, index);
    waiter.awaitingPreflight = false;
    waiter.awaitKey = null;
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
    addTo(this.#awaiting, x.awaitKey, x);
  }

  /** Ends the exchange's wait; false when it was not waiting. */
  stopAwaiting(x: TrackedExchange): boolean {
    if (!x.awaitingPreflight) return false;
    x.awaitingPreflight = false;
    const key = x.awaitKey;
    x.awaitKey = null;
    if (key !== null) removeFrom(this.#awaiting, key, this.#awaiting.get(key)?.indexOf(x) ?? -1);
    return true;
  }

  /** Removes and returns the preflights finished over `ORPHAN_PREFLIGHT_MS` ago and still unclaimed. */
  takeOrphans(now: number): PreflightState[] {
    const orphans: PreflightState[] = [];
    for (const [key, list] of this.#unclaimed) {
      const keep = list.filter((p) => !(p.done && now - p.doneAt > ORPHAN_PREFLIGHT_MS));
      if (keep.length === list.length) continue;
      for (const p of list) if (!keep.includes(p)) orphans.push(p);
      if (keep.length === 0) this.#unclaimed.delete(key);
      else this.#unclaimed.set(key, keep);
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
