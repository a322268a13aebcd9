/**
 * The capture state machine: normalized webRequest events in, changed `TrackedExchange`s out.
 *
 * The tracker is the dispatch: each event goes to the exchange its `requestId` belongs to, or
 * opens one. The jobs around it live beside it:
 * - `recording-gate.ts`: which requests are followed at all (the tab's recording state);
 * - `preflight-events.ts`: a CORS-preflight's own events (it joins its request, or waits for it);
 * - `preflight-pool.ts`: a CORS-preflight and its request waiting for each other, in both
 *   browsers' arrival orders (Chrome reports the preflight first, Firefox the request);
 * - `redirect-watch.ts`: exchanges between a 3xx and their next leg, and same-origin hops that
 *   may turn cross-origin;
 * - `cache-hits.ts`: a request that needed a preflight and got its response without one was
 *   answered by the CORS-preflight cache (https://fetch.spec.whatwg.org/#cors-preflight-cache);
 * - `exchange-state.ts`: the exchange's live state and its plain `ObservedExchange` form;
 * - `initiators.ts`: who made each request (page, frame, worker, service worker), and which
 *   inspected tabs a tabless worker's request (`tabId` −1) is shown in;
 * - `internal-probes.ts`: requests the browser makes for itself (Chromium's cache-only font
 *   lookup), dropped rather than shown as failures.
 * - `request-body.ts`: request bodies from `onBeforeRequest`, kept until their request is followed.
 *
 * Same-origin traffic is dropped on its first event with one map lookup and one string compare.
 * Pure: no browser globals; the worker feeds it live events, the tests feed it fixtures.
 */
import type { BrowserJarFacts, BrowserName, ObservedExchange } from '../model/exchange.ts';
import { originOf, sameOrigin } from '../http/origin.ts';
import { isRedirectStatus } from '../http/status.ts';
import { urlWithoutFragment } from '../pairing/index.ts';
import { CacheHits } from './cache-hits.ts';
import { currentLeg, isPreflightEvent, newExchange, requestOf, responseOf, withOpaqueInitiator, type LegState, type TrackedExchange } from './exchange-state.ts';
import { Initiators } from './initiators.ts';
import { endsInternalProbe } from './internal-probes.ts';
import { PreflightEvents, type Tracked } from './preflight-events.ts';
import { defaultMatcher, PreflightPool, type PreflightMatcher } from './preflight-pool.ts';
import { readEvent, type CaptureEvent, type RawWebRequestEvent } from './raw-event.ts';
import { RecordingGate } from './recording-gate.ts';
import { BodyStash } from './request-body.ts';
import { RedirectWatch, redirectsToOtherOrigin } from './redirect-watch.ts';

export type { TrackedExchange } from './exchange-state.ts';
export { toObservedExchange } from './exchange-state.ts';

export interface TrackerOptions {
  readonly browser: BrowserName;
  /** Origins whose requests are ignored (the extension's own pages). */
  readonly ignoreOrigins?: readonly string[];
  readonly matcher?: PreflightMatcher;
  /**
   * Called (synchronously) whenever an exchange changed, or was retired (folded into another);
   * cheap — the store only marks it dirty.
   */
  readonly onChange: (exchange: TrackedExchange) => void;
}

export class CaptureTracker {
  readonly #browser: BrowserName;
  readonly #ignore: readonly string[];
  readonly #onChange: (exchange: TrackedExchange) => void;
  readonly #gate: RecordingGate;
  readonly #pool: PreflightPool;
  readonly #redirects = new RedirectWatch();
  readonly #cacheHits: CacheHits;
  readonly #bodies = new BodyStash();
  readonly #initiators: Initiators;
  /** requestId → what it belongs to. */
  readonly #byRequestId = new Map<string, Tracked>();
  readonly #preflights: PreflightEvents;

  constructor(options: TrackerOptions) {
    this.#browser = options.browser;
    this.#ignore = options.ignoreOrigins ?? [];
    this.#onChange = options.onChange;
    this.#gate = new RecordingGate(options.browser);
    this.#pool = new PreflightPool(options.browser, options.matcher ?? defaultMatcher);
    this.#cacheHits = new CacheHits(options.browser);
    this.#initiators = new Initiators(options.browser);
    this.#preflights = new PreflightEvents({
      byRequestId: this.#byRequestId,
      pool: this.#pool,
      redirects: this.#redirects,
      cacheHits: this.#cacheHits,
      attributionOf: (e) => this.#initiators.attributionOf(e),
      changed: (x) => this.#changed(x),
    });
  }

  /** Feeds one raw webRequest event. */
  push(raw: RawWebRequestEvent): void {
    if (raw.event === 'onBeforeRequest') {
      this.#bodies.offer(raw.details);
      return;
    }
    const e = readEvent(raw);
    if (e === null) return;
    this.handle(e);
    // A followed request took its body; any other is not wanted.
    if (e.phase === 'send' || e.phase === 'error') this.#bodies.forget(e.requestId);
  }

  handle(e: CaptureEvent): void {
    if (this.#gate.turnedAway(e)) return;
    const tracked = this.#byRequestId.get(e.requestId);
    if (tracked === undefined) {
      if (!this.#gate.turnsAway(e)) this.#first(e);
      return;
    }
    const owner = tracked.kind === 'preflight' ? tracked.preflight.owner : tracked.exchange;
    owner.lastAt = e.time;
    if (tracked.kind === 'preflight') this.#preflights.later(tracked.preflight, e);
    else this.#actualEvent(tracked.exchange, e);
  }

  /**
   * Starts or stops following the tab's new requests (every tab records until told otherwise).
   * Requests already followed are unaffected.
   */
  setRecording(tabId: number, recording: boolean): void {
    this.#gate.setRecording(tabId, recording);
  }

  /**
   * Teaches the cache-hit inference the preflights of exchanges recorded before (after the worker
   * restarted), so later cache hits still link to their source.
   */
  seed(exchanges: Iterable<ObservedExchange>): void {
    this.#cacheHits.seed(exchanges);
  }

  /**
   * The tab is inspected from now on (`url`: its page, when known). A tabless worker's requests
   * are shown in the inspected tabs with a document of the worker's origin.
   */
  watchTab(tabId: number, url?: string): void {
    this.#initiators.watch(tabId, url);
  }

  /** A document arrived in an inspected tab: a navigation (`topLevel`), or a frame. */
  tabDocument(tabId: number, url: string, topLevel: boolean): void {
    this.#initiators.document(tabId, url, topLevel);
  }

  /** The tab is no longer inspected: its in-flight requests are forgotten too. */
  unwatchTab(tabId: number): void {
    this.#initiators.unwatch(tabId);
    this.forgetTab(tabId);
  }

  /** Forgets every in-flight request of a tab (navigation cleared its log, or the tab closed). */
  forgetTab(tabId: number): void {
    for (const [requestId, tracked] of this.#byRequestId) {
      const tab = tracked.kind === 'actual' ? tracked.exchange.tabId : tracked.preflight.owner.tabId;
      if (tab === tabId) this.#byRequestId.delete(requestId);
    }
    this.#gate.forgetTab(tabId);
    this.#pool.forgetTab(tabId);
    this.#redirects.forgetTab(tabId);
  }

  /**
   * Ends what the browser will never report an end for: finished preflights whose actual request
   * never appeared (it was cancelled, or filtered out) stand alone, and redirects left unfollowed
   * end with an unknown outcome. Call it now and then with the clock.
   */
  sweep(now: number): void {
    this.#preflights.endOrphans(now);
    for (const x of this.#redirects.takeStalled(now)) {
      x.pending = false;
      if (x.actualRequestId !== null) this.#byRequestId.delete(x.actualRequestId);
      this.#changed(x);
    }
  }

  /**
   * What the browser's cookie jar said about hop `leg` of `x`, read by the worker once the
   * exchange ended (src/background/jar-watch.ts): a change like any other.
   */
  browserJar(x: TrackedExchange, leg: number, facts: BrowserJarFacts): void {
    const state = x.legs[leg];
    if (state === undefined || x.retired) return;
    state.browserJar = facts;
    this.#onChange(x);
  }

  /** Whether `sweep` may still have something to end (the worker then sweeps on a timer). */
  get needsSweep(): boolean {
    return this.#pool.hasUnclaimed || this.#redirects.watching;
  }

  /** How many requests are being followed (for tests and the heap benchmark). */
  get inFlight(): number {
    return this.#byRequestId.size;
  }

  // ── first event of a requestId ────────────────────────────────────────────────────────────

  #first(event: CaptureEvent): void {
    const e = withOpaqueInitiator(event);
    this.#initiators.note(e);
    const initiator = e.initiatorOrigin;
    if (initiator !== undefined && this.#ignore.includes(initiator)) return;
    // A tabless worker's request (`tabId` −1) is ours only when an inspected tab has its origin.
    if (e.tabId < 0 && (initiator === undefined || this.#initiators.tabsFor(initiator).length === 0)) return;
    if (e.phase === 'send' && isPreflightEvent(e)) this.#preflights.first(e);
    else if (initiator === undefined) return;
    else if (sameOrigin(initiator, originOf(e.url))) this.#sameOrigin(e, initiator);
    else this.#newActual(e, initiator);
  }

  /** Same-origin: dropped, unless a redirect may take it cross-origin (kept leg, 3xx only). */
  #sameOrigin(e: CaptureEvent, initiator: string): void {
    if (e.phase === 'headers' && e.status !== undefined && isRedirectStatus(e.status)) {
      this.#redirects.hold(e);
      return;
    }
    if (e.phase === 'send' || e.phase === 'headers') return;
    const held = this.#redirects.release(e.requestId);
    // Failed at a redirect to another origin before any request went there (Chrome refuses a
    // `user:pass@` Location of a CORS request: RedirectContainsCredentials): the CORS redirect
    // rules decided it, so it is recorded (scenario redirect-same-origin-to-userinfo).
    if (e.phase === 'error' && held !== undefined && redirectsToOtherOrigin(held, initiator)) {
      const x = newExchange(e, [held], this.#initiators.attributionOf(e));
      x.actualRequestId = e.requestId;
      this.#byRequestId.set(e.requestId, { kind: 'actual', exchange: x });
      this.#fail(x, e);
    }
  }

  /**
   * Cross-origin. `send` opens the exchange; `error` without `send` is a request that never left
   * (Chrome: blocked at its preflight). `headers`/`completed` without `send` are requests that
   * began before recording started: not ours.
   */
  #newActual(e: CaptureEvent, initiator: string): void {
    if (e.phase !== 'send' && e.phase !== 'error') return;
    if (endsInternalProbe(this.#browser, e, undefined)) return;
    const legs: LegState[] = [];
    const before = this.#redirects.release(e.requestId);
    if (before !== undefined) legs.push(before);
    const provisional = e.phase === 'error';
    const request = this.#bodies.withBody(requestOf(e, e.headers !== undefined && e.phase === 'send' ? e.headers : [], provisional), e.requestId);
    const leg: LegState = { request, provisional, preflight: null, response: null };
    legs.push(leg);
    const claimed = this.#preflights.claim(e.tabId, request, initiator);
    let x: TrackedExchange;
    if (claimed !== null) {
      // The preflight's exchange becomes this request's: keep its id, replace the placeholder leg.
      x = claimed.owner;
      x.unclaimed = null;
      x.legs.splice(0, x.legs.length, ...legs);
      leg.preflight = claimed;
      x.resourceType = e.type;
    } else {
      x = newExchange(e, legs, this.#initiators.attributionOf(e));
    }
    x.actualRequestId = e.requestId;
    this.#byRequestId.set(e.requestId, { kind: 'actual', exchange: x });
    if (claimed === null && e.phase === 'send') this.#pool.awaitIfPreflightable(x, request);
    if (e.phase === 'error') this.#fail(x, e);
    else this.#changed(x);
  }

  // ── later events ──────────────────────────────────────────────────────────────────────────

  #actualEvent(x: TrackedExchange, e: CaptureEvent): void {
    let leg = currentLeg(x);
    if (leg === undefined) return;
    const redirected = leg.response !== null && isRedirectStatus(leg.response.status);
    if ((e.phase === 'send' || e.phase === 'error') && redirected && urlWithoutFragment(e.url) !== urlWithoutFragment(leg.request.url)) {
      leg = this.#nextLeg(x, e);
    }
    switch (e.phase) {
      case 'send':
        if (leg.provisional && e.headers !== undefined) {
          const body = leg.request.body;
          leg.request = body === undefined ? this.#bodies.withBody(requestOf(e, e.headers, false), e.requestId) : { ...requestOf(e, e.headers, false), body };
          leg.provisional = false;
        }
        break;
      case 'headers':
        leg.response = responseOf(e);
        this.#settleCacheHit(x, leg);
        if (isRedirectStatus(leg.response.status)) this.#redirects.expect(x, leg);
        break;
      case 'completed':
        if (leg.response === null) leg.response = responseOf(e);
        this.#settleCacheHit(x, leg);
        this.#redirects.end(x);
        x.outcome = { kind: 'succeeded' };
        x.pending = false;
        this.#byRequestId.delete(e.requestId);
        break;
      case 'error':
        if (x.legs.length === 1 && endsInternalProbe(this.#browser, e, leg)) this.#retire(x, e);
        else this.#fail(x, e);
        return;
    }
    this.#changed(x);
  }

  /**
   * A redirect was followed: a new leg at the new URL. Its preflight, if any, came first in
   * Chrome (seen by the redirect watch, or unclaimed in the pool) and is claimed now; in Firefox
   * it comes next.
   */
  #nextLeg(x: TrackedExchange, e: CaptureEvent): LegState {
    const provisional = e.phase === 'error';
    const request = this.#bodies.withBody(requestOf(e, e.phase === 'send' ? (e.headers ?? []) : [], provisional), e.requestId);
    const leg: LegState = { request, provisional, preflight: null, response: null };
    x.legs.push(leg);
    this.#pool.stopAwaiting(x);
    this.#redirects.end(x);
    const early = x.nextPreflight;
    x.nextPreflight = null;
    if (early !== null) {
      leg.preflight = early;
    } else if (x.initiatorOrigin !== undefined) {
      const claimed = this.#preflights.claim(x.tabId, request, x.initiatorOrigin);
      if (claimed !== null) {
        claimed.owner.unclaimed = null;
        // The preflight opened an exchange of its own meanwhile; fold it into this one.
        if (claimed.owner !== x) this.#retire(claimed.owner);
        claimed.owner = x;
        leg.preflight = claimed;
      } else if (e.phase === 'send') {
        this.#pool.awaitIfPreflightable(x, request);
      }
    }
    return leg;
  }

  #fail(x: TrackedExchange, e: CaptureEvent): void {
    const leg = currentLeg(x);
    if (leg !== undefined && leg.response !== null) this.#settleCacheHit(x, leg);
    else this.#pool.stopAwaiting(x);
    this.#redirects.end(x);
    x.outcome = { kind: 'failed', error: e.error ?? 'error' };
    x.pending = false;
    this.#byRequestId.delete(e.requestId);
    this.#changed(x);
  }

  /**
   * The response arrived and no preflight was seen although one was needed: the browser's
   * CORS-preflight cache answered (inferred, never observed).
   */
  #settleCacheHit(x: TrackedExchange, leg: LegState): void {
    if (!this.#pool.stopAwaiting(x) || leg.preflight !== null || x.preflightOptional) return;
    leg.preflight = this.#cacheHits.hitFor(x, leg);
  }

  /**
   * An exchange absorbed into another (a redirect's re-preflight had opened its own), or dropped
   * at `probeEnd`, the end of a request the browser made for itself (internal-probes.ts): its
   * record is removed.
   */
  #retire(x: TrackedExchange, probeEnd?: CaptureEvent): void {
    if (probeEnd !== undefined) {
      this.#pool.stopAwaiting(x);
      this.#redirects.end(x);
      this.#byRequestId.delete(probeEnd.requestId);
    }
    x.pending = false;
    x.retired = true;
    this.#changed(x);
  }

  #changed(x: TrackedExchange): void {
    this.#onChange(x);
  }
}
