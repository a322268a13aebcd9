/**
 * The tracker's preflight side: what a CORS-preflight's own events do
 * (https://fetch.spec.whatwg.org/#cors-preflight-fetch). Its first event joins it to the request
 * it guards when that request is known — a redirected request's re-preflight, or (Firefox order)
 * a request already waiting in the pool — and otherwise (Chrome order) opens an exchange of its
 * own that waits, unclaimed, for its request. Its later events fill in its response; its end
 * moves it among the finished ones its request may claim. The tracker (`tracker.ts`) routes the
 * events here and makes the claims; the waiting itself is `preflight-pool.ts`.
 */
import {
  currentLeg,
  newExchange,
  newPreflight,
  pairKey,
  preflightSubject,
  requestedMethodOf,
  requestOf,
  responseOf,
  UNKNOWN_OUTCOME,
  type Attribution,
  type PreflightState,
  type TrackedExchange,
} from './exchange-state.ts';
import type { CacheHits } from './cache-hits.ts';
import type { PreflightPool } from './preflight-pool.ts';
import type { CaptureEvent } from './raw-event.ts';
import type { RedirectWatch } from './redirect-watch.ts';
import type { ObservedRequest } from '../model/exchange.ts';

/** What a followed `requestId` belongs to: an exchange's actual request, or a preflight. */
export type Tracked = { readonly kind: 'actual'; readonly exchange: TrackedExchange } | { readonly kind: 'preflight'; readonly preflight: PreflightState };

/** The tracker's state the preflight side reads and updates. */
export interface PreflightContext {
  /** requestId → what it belongs to (the tracker's routing table). */
  readonly byRequestId: Map<string, Tracked>;
  readonly pool: PreflightPool;
  readonly redirects: RedirectWatch;
  readonly cacheHits: CacheHits;
  readonly attributionOf: (e: CaptureEvent) => Attribution;
  /** The exchange changed. */
  readonly changed: (x: TrackedExchange) => void;
}

export class PreflightEvents {
  readonly #c: PreflightContext;

  constructor(context: PreflightContext) {
    this.#c = context;
  }

  /** The first event (`send`) of a preflight. */
  first(e: CaptureEvent): void {
    const request = requestOf(e, e.headers ?? [], false);
    const method = requestedMethodOf(e);
    const key = pairKey(e.tabId, method, e.url);
    const adopt = (owner: TrackedExchange): PreflightState => {
      const preflight = newPreflight(e, request, owner);
      this.#c.byRequestId.set(e.requestId, { kind: 'preflight', preflight });
      return preflight;
    };
    // A redirected request's re-preflight at its new URL (Chrome sends it before the next leg).
    const redirecting = this.#c.redirects.takeForPreflight(key);
    if (redirecting !== null) {
      redirecting.nextPreflight = adopt(redirecting);
      this.#c.changed(redirecting);
      return;
    }
    // Firefox order: the actual request was sent first and is waiting.
    const waiter = this.#c.pool.takeWaiter(key, preflightSubject({ requestId: e.requestId, request, initiatorOrigin: e.initiatorOrigin }));
    if (waiter !== null) {
      const leg = currentLeg(waiter);
      if (leg !== undefined) leg.preflight = adopt(waiter);
      this.#c.changed(waiter);
      return;
    }
    // Chrome order: the preflight comes first; it opens an exchange the actual request claims.
    const x = newExchange(e, [], this.#c.attributionOf(e));
    const preflight = adopt(x);
    x.unclaimed = preflight;
    x.legs.push({
      request: { url: e.url, method, headers: [], headersProvisional: true, startedAt: e.time },
      provisional: true,
      preflight,
      response: null,
    });
    this.#c.pool.offer(key, preflight);
    this.#c.changed(x);
  }

  /** A later event of preflight `p`. */
  later(p: PreflightState, e: CaptureEvent): void {
    switch (e.phase) {
      case 'send':
        return;
      case 'headers':
        p.response = responseOf(e);
        this.#c.cacheHits.record(p.owner.id, p.request, p.response);
        break;
      case 'completed':
        if (p.response === null) p.response = responseOf(e);
        this.#done(p, e);
        break;
      case 'error':
        p.error = e.error ?? 'error';
        this.#done(p, e);
        break;
    }
    this.#c.changed(p.owner);
  }

  #done(p: PreflightState, e: CaptureEvent): void {
    p.done = true;
    p.doneAt = e.time;
    this.#c.pool.finished(p);
    // Keep the mapping only while the preflight may still be claimed.
    if (p.owner.unclaimed !== p) this.#c.byRequestId.delete(p.requestId);
  }

  /** The unclaimed preflight that guards `request`, taken from the pool. */
  claim(tabId: number, request: ObservedRequest, initiatorOrigin: string): PreflightState | null {
    const claimed = this.#c.pool.claim(tabId, request, initiatorOrigin);
    // A finished preflight has no more events to route.
    if (claimed?.done === true) this.#c.byRequestId.delete(claimed.requestId);
    return claimed;
  }

  /** Finished preflights whose actual request never appeared (cancelled, or filtered out) stand alone. */
  endOrphans(now: number): void {
    for (const p of this.#c.pool.takeOrphans(now)) {
      const x = p.owner;
      x.unclaimed = null;
      x.pending = false;
      x.outcome = p.error !== undefined ? { kind: 'failed', error: p.error } : UNKNOWN_OUTCOME;
      this.#c.byRequestId.delete(p.requestId);
      this.#c.changed(x);
    }
  }
}
