/**
 * The redirect watch: exchanges between a 3xx and their next leg
 * (https://fetch.spec.whatwg.org/#concept-http-redirect-fetch). Redirects keep the `requestId` in
 * both browsers: the next `onSendHeaders` (or `onErrorOccurred`) at another URL opens a new leg,
 * which may get its own preflight first (Chrome), with `Origin: null` after a cross-origin hop.
 *
 * It also holds same-origin 3xx hops (dropped traffic otherwise) in case the redirect takes the
 * request to another origin, where it becomes a CORS request whose first hop belongs to it.
 */
import { getHeader } from '../http/headers.ts';
import { originOf } from '../http/origin.ts';
import { judgeRedirect } from '../http/redirect.ts';
import { pairKey, redirectLegOf, tabKeyPrefix, type LegState, type TrackedExchange } from './exchange-state.ts';
import type { CaptureEvent } from './raw-event.ts';

/**
 * How long a redirect may go unfollowed before its exchange ends with an unknown outcome.
 * Firefox quirk (test/fixtures/webrequest/firefox/redirect-to-ftp-url.json): a redirect it refuses
 * to follow (to `ftp:`) gets no further webRequest event at all, neither error nor completion.
 */
export const REDIRECT_STALL_MS = 10_000;

function locationOf(leg: LegState): string | null {
  return leg.response === null ? null : getHeader(leg.response.headers, 'location');
}

/**
 * The held redirect's `Location` names another origin than the initiator's, as the shared
 * redirect rules judge it. A `Location` that does not parse goes nowhere: not another origin.
 */
export function redirectsToOtherOrigin(leg: LegState, initiator: string): boolean {
  const judged = leg.response === null ? null : judgeRedirect(leg.response, leg.request.url, initiator);
  return judged !== null && originOf(judged.url) !== null && judged.leavesOrigin;
}

/**
 * Where the next leg goes and with which method: to `Location`; 303 (except HEAD), and 301/302
 * for POST, continue as GET. Null without a usable `Location`.
 */
function nextHop(leg: LegState): { url: string; method: string } | null {
  const location = locationOf(leg);
  if (location === null || leg.response === null) return null;
  let url: string;
  try {
    url = new URL(location, leg.request.url).href;
  } catch {
    return null;
  }
  const status = leg.response.status;
  const method = leg.request.method;
  const asGet = (status === 303 && method !== 'HEAD') || ((status === 301 || status === 302) && method === 'POST');
  return { url, method: asGet ? 'GET' : method };
}

export class RedirectWatch {
  /** requestId → a same-origin 3xx leg kept in case the redirect goes cross-origin. */
  readonly #held = new Map<string, LegState>();
  /** pairKey of the next leg → exchange that just received a 3xx (its re-preflight may come first). */
  readonly #redirecting = new Map<string, TrackedExchange>();

  /** Whether some exchange waits for its next leg (a later sweep may end it). */
  get watching(): boolean {
    return this.#redirecting.size > 0;
  }

  /** A same-origin request got a 3xx: keep its hop in case the redirect leaves the origin. */
  hold(e: CaptureEvent): void {
    this.#held.set(e.requestId, redirectLegOf(e));
  }

  /** The same-origin hop held for this request, forgotten here. */
  release(requestId: string): LegState | undefined {
    const held = this.#held.get(requestId);
    if (held !== undefined) this.#held.delete(requestId);
    return held;
  }

  /** The exchange's current leg is a 3xx: watch for its next leg (and a re-preflight before it). */
  expect(x: TrackedExchange, leg: LegState): void {
    const next = nextHop(leg);
    if (next === null) return;
    this.end(x);
    x.redirectKey = pairKey(x.tabId, next.method, next.url);
    this.#redirecting.set(x.redirectKey, x);
  }

  /** Stops watching the exchange (its next leg came, or it ended). */
  end(x: TrackedExchange): void {
    if (x.redirectKey === null) return;
    if (this.#redirecting.get(x.redirectKey) === x) this.#redirecting.delete(x.redirectKey);
    x.redirectKey = null;
  }

  /**
   * The redirected exchange whose next leg a preflight under `key` guards, when it has none yet
   * (Chrome sends the re-preflight before the next leg); it is no longer watched under that key.
   */
  takeForPreflight(key: string): TrackedExchange | null {
    const x = this.#redirecting.get(key);
    if (x === undefined || x.nextPreflight !== null) return null;
    this.#redirecting.delete(key);
    return x;
  }

  /** Exchanges whose redirect went unfollowed for over `REDIRECT_STALL_MS`; no longer watched. */
  takeStalled(now: number): TrackedExchange[] {
    const stalled: TrackedExchange[] = [];
    for (const x of this.#redirecting.values()) {
      if (now - x.lastAt > REDIRECT_STALL_MS && x.nextPreflight === null) stalled.push(x);
    }
    for (const x of stalled) this.end(x);
    return stalled;
  }

  /** Forgets the tab's redirects in flight. */
  forgetTab(tabId: number): void {
    const prefix = tabKeyPrefix(tabId);
    for (const key of this.#redirecting.keys()) if (key.startsWith(prefix)) this.#redirecting.delete(key);
  }
}
