/**
 * The capture state machine: normalized webRequest events in, `ObservedExchange`s out.
 *
 * webRequest reports a CORS-preflight (https://fetch.spec.whatwg.org/#cors-preflight-fetch) as a
 * request of its own, with its own `requestId` and nothing linking it to the request it guards.
 * This tracker links them with the shared pairing rules (`src/shared/pairing`: same URL,
 * `Access-Control-Request-Method` = method, `Access-Control-Request-Headers` = CORS-unsafe header
 * names, same origin, time window), in whichever order the browser reports them:
 * - Chrome: the actual request's `onSendHeaders` comes after its preflight completed; when the
 *   preflight fails, the actual request only gets `onErrorOccurred` (it never left).
 * - Firefox: the actual request's `onSendHeaders` comes first, then the preflight's events.
 * So a preflight seen first opens an exchange of its own that the actual request later claims,
 * and an actual request that needs a preflight waits for one until its response arrives; if none
 * came, the browser used its CORS-preflight cache (https://fetch.spec.whatwg.org/#cors-preflight-cache)
 * and the leg is marked as an inferred cache hit, linked through the `PreflightLedger`.
 *
 * Redirects (https://fetch.spec.whatwg.org/#concept-http-redirect-fetch) keep the `requestId` in
 * both browsers: the next `onSendHeaders` (or `onErrorOccurred`) at another URL opens a new leg,
 * which may get its own preflight (with `Origin: null` after a cross-origin hop).
 *
 * Same-origin traffic is dropped on its first event with one map lookup and one string compare.
 * Pure: no browser globals; the worker feeds it live events, the tests feed it fixtures.
 */
import type {
  BrowserName,
  ExchangeLeg,
  HttpHeader,
  ObservedExchange,
  ObservedOutcome,
  ObservedPreflight,
  ObservedRequest,
  ObservedResponse,
  PreflightRecord,
} from '../model/exchange.ts';
import {
  PreflightLedger,
  getHeader,
  matchPreflight,
  needsCorsPreflight,
  urlWithoutFragment,
  type PairingSubject,
  type PairingWindow,
} from '../pairing/index.ts';
import { originOfUrl, readEvent, type CaptureEvent, type RawWebRequestEvent } from './raw-event.ts';
import { originOf, resolveUrl, sameOrigin } from '../http/origin.ts';

/** Decides whether `preflight` guards `actual`. Injected so the HAR reader's rule is the one used. */
export type PreflightMatcher = (preflight: PairingSubject, actual: PairingSubject) => boolean;

export interface TrackerOptions {
  readonly browser: BrowserName;
  /** Origins whose requests are ignored (the extension's own pages). */
  readonly ignoreOrigins?: readonly string[];
  readonly matcher?: PreflightMatcher;
  /** Called (synchronously) whenever an exchange changed; cheap — the store only marks it dirty. */
  readonly onChange: (exchange: TrackedExchange) => void;
  /**
   * Whether the tab is recording (default: always). A request whose first event arrives while its
   * tab is not recording is never followed — not even when recording resumes before it ends — and
   * neither is its preflight, whichever order the browser reports them in.
   */
  readonly isRecording?: (tabId: number) => boolean;
}

/**
 * Pairing window for live capture. Wider than the HAR default lead: under load Chrome reports
 * the actual request's `onSendHeaders` when its headers leave, after queueing for a socket, so
 * its preflight may have started seconds earlier.
 */
export const CAPTURE_WINDOW: PairingWindow = { maxLeadMs: 30_000, maxLagMs: 60_000 };

/** How long an unclaimed, finished preflight waits for its actual request before it stands alone. */
export const ORPHAN_PREFLIGHT_MS = 60_000;

/**
 * How long a redirect may go unfollowed before its exchange ends with an unknown outcome.
 * Firefox quirk (test/fixtures/webrequest/firefox/redirect-to-ftp-url.json): a redirect it refuses
 * to follow (to `ftp:`) gets no further webRequest event at all, neither error nor completion.
 */
export const REDIRECT_STALL_MS = 10_000;

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

interface LegState {
  request: ObservedRequest;
  /** Set when the request was never seen on its own (built from a preflight or an error). */
  provisional: boolean;
  preflight: PreflightState | CacheHit | null;
  response: ObservedResponse | null;
}

interface CacheHit {
  readonly kind: 'cache-hit';
  readonly record: PreflightRecord;
}

interface PreflightState {
  readonly kind: 'observed';
  readonly requestId: string;
  readonly request: ObservedRequest;
  readonly initiatorOrigin: string | undefined;
  response: ObservedResponse | null;
  error: string | undefined;
  done: boolean;
  doneAt: number;
  /** The exchange it belongs to (its own until an actual request claims it). */
  owner: TrackedExchange;
}

/** The live state of one exchange. Read it with `toObservedExchange`. */
export interface TrackedExchange {
  readonly id: string;
  readonly tabId: number;
  readonly frameId: number;
  readonly initiatorOrigin: string | undefined;
  resourceType: string;
  readonly legs: LegState[];
  /** requestId of the actual request, once seen. */
  actualRequestId: string | null;
  /** The current leg waits for a preflight that has not been seen yet. */
  awaitingPreflight: boolean;
  /**
   * The wait is only in case one comes: the request does not need one by its method and headers,
   * but the browser may preflight it anyway (an XHR with upload listeners,
   * https://xhr.spec.whatwg.org/#the-send()-method "use-CORS-preflight flag"). No cache hit is
   * inferred when none comes.
   */
  preflightOptional: boolean;
  /** Where it waits in the tracker's `#awaiting` table. */
  awaitKey: string | null;
  outcome: ObservedOutcome;
  pending: boolean;
  /** Set on a preflight-born exchange until an actual request claims it. */
  unclaimed: PreflightState | null;
  /** After a 3xx: the pairing key of the next leg, and a preflight already seen for it (Chrome). */
  redirectKey: string | null;
  nextPreflight: PreflightState | null;
  /** Bumped on every change. */
  revision: number;
  /** Time of the last event seen for it. */
  lastAt: number;
}

type Tracked = { readonly kind: 'actual'; readonly exchange: TrackedExchange } | { readonly kind: 'preflight'; readonly preflight: PreflightState };

const UNKNOWN_OUTCOME: ObservedOutcome = { kind: 'unknown' };

function isRedirectStatus(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

/** The pairing key: tab, method asked about, URL without fragment. */
function pairKey(tabId: number, method: string, url: string): string {
  return `${tabId} ${method} ${urlWithoutFragment(url)}`;
}

function isPreflightEvent(e: CaptureEvent): boolean {
  return e.method === 'OPTIONS' && e.headers !== undefined && getHeader(e.headers, 'access-control-request-method') !== null;
}

function responseOf(e: CaptureEvent): ObservedResponse {
  const statusText = e.statusLine === undefined ? undefined : statusTextOf(e.statusLine);
  return {
    status: e.status ?? 0,
    ...(statusText ? { statusText } : {}),
    headers: e.headers ?? [],
    receivedAt: e.time,
  };
}

/** `HTTP/1.1 404 Not Found` → `Not Found`. */
function statusTextOf(statusLine: string): string {
  const match = /^\S+\s+\d{3}\s*(.*)$/.exec(statusLine);
  return match?.[1] ?? '';
}

function requestOf(e: CaptureEvent, headers: readonly HttpHeader[], provisional: boolean): ObservedRequest {
  return {
    url: e.url,
    method: e.method,
    headers,
    ...(provisional ? { headersProvisional: true } : {}),
    startedAt: e.time,
  };
}

/**
 * Firefox quirk: a request from a document with an opaque origin (a sandboxed frame, a `data:`
 * page) has neither `originUrl` nor `documentUrl` (verified in Firefox 153, scenario
 * null-origin-acao-null); its `Origin: null` header names the initiator. Chrome says
 * `initiator: "null"` itself. Without an initiator the request would be dropped as unattributable.
 */
function withOpaqueInitiator(e: CaptureEvent): CaptureEvent {
  const opaque = e.phase === 'send' && e.headers !== undefined && getHeader(e.headers, 'origin') === 'null';
  return opaque ? { ...e, initiatorOrigin: 'null' } : e;
}

/** A fresh exchange opened by event `e` (an actual request, or a preflight that comes first). */
/** The held redirect's Location names another origin than the initiator's. */
function redirectsToOtherOrigin(leg: LegState, initiator: string): boolean {
  const location = leg.response === null ? null : getHeader(leg.response.headers, 'location');
  if (location === null) return false;
  const target = originOf(resolveUrl(location, leg.request.url));
  return target !== null && !sameOrigin(initiator, target);
}

function newExchange(e: CaptureEvent, legs: LegState[]): TrackedExchange {
  return {
    id: e.requestId,
    tabId: e.tabId,
    frameId: e.frameId,
    initiatorOrigin: e.initiatorOrigin,
    resourceType: e.type,
    legs,
    actualRequestId: null,
    awaitingPreflight: false,
    preflightOptional: false,
    awaitKey: null,
    outcome: UNKNOWN_OUTCOME,
    pending: true,
    unclaimed: null,
    redirectKey: null,
    nextPreflight: null,
    revision: 0,
    lastAt: e.time,
  };
}

export class CaptureTracker {
  readonly #browser: BrowserName;
  readonly #ignore: readonly string[];
  readonly #matcher: PreflightMatcher;
  readonly #onChange: (exchange: TrackedExchange) => void;
  #ledger: PreflightLedger;
  #ledgerSize = 0;
  /** requestId → what it belongs to. */
  readonly #byRequestId = new Map<string, Tracked>();
  /** pairKey → preflight-born exchanges not yet claimed by an actual request (Chrome order). */
  readonly #unclaimed = new Map<string, PreflightState[]>();
  /** pairKey → exchanges whose current leg waits for its preflight (Firefox order). */
  readonly #awaiting = new Map<string, TrackedExchange[]>();
  /** requestId → a same-origin 3xx leg kept in case the redirect goes cross-origin. */
  readonly #sameOriginRedirects = new Map<string, LegState>();
  /** pairKey of the next leg → exchange that just received a 3xx (its re-preflight may come first). */
  readonly #redirecting = new Map<string, TrackedExchange>();
  /** requestId → tab, of requests first seen while their tab was not recording: dropped until they end. */
  readonly #ignored = new Map<string, number>();
  /**
   * pairKey → times of unrecorded requests whose counterpart (Chrome: the actual request after its
   * preflight; Firefox: the preflight after its actual request) has not been seen yet.
   */
  readonly #ignoredPairs = new Map<string, number[]>();
  readonly #isRecording: (tabId: number) => boolean;

  constructor(options: TrackerOptions) {
    this.#browser = options.browser;
    this.#ignore = options.ignoreOrigins ?? [];
    this.#matcher = options.matcher ?? defaultMatcher;
    this.#onChange = options.onChange;
    this.#isRecording = options.isRecording ?? (() => true);
    this.#ledger = new PreflightLedger(options.browser);
  }

  /** Feeds one raw webRequest event. */
  push(raw: RawWebRequestEvent): void {
    const e = readEvent(raw);
    if (e !== null) this.handle(e);
  }

  handle(e: CaptureEvent): void {
    if (this.#ignored.has(e.requestId)) {
      if (e.phase === 'completed' || e.phase === 'error') this.#ignored.delete(e.requestId);
      return;
    }
    const tracked = this.#byRequestId.get(e.requestId);
    if (tracked === undefined) {
      if (this.#unrecorded(e)) {
        if (e.phase !== 'completed' && e.phase !== 'error') this.#ignored.set(e.requestId, e.tabId);
        return;
      }
      this.#first(e);
      return;
    }
    const owner = tracked.kind === 'preflight' ? tracked.preflight.owner : tracked.exchange;
    owner.lastAt = e.time;
    if (tracked.kind === 'preflight') this.#preflightEvent(tracked.preflight, e);
    else this.#actualEvent(tracked.exchange, e);
  }

  /**
   * Teaches the cache-hit inference the preflights of exchanges recorded before (after the worker
   * restarted), so later cache hits still link to their source.
   */
  seed(exchanges: Iterable<ObservedExchange>): void {
    for (const x of exchanges) {
      for (const leg of x.legs) {
        if (leg.preflight?.kind === 'observed') this.#recordInLedger(x.id, leg.preflight.request, leg.preflight.response);
      }
    }
  }

  /** Forgets every in-flight request of a tab (navigation cleared its log, or the tab closed). */
  forgetTab(tabId: number): void {
    for (const [requestId, tracked] of this.#byRequestId) {
      const tab = tracked.kind === 'actual' ? tracked.exchange.tabId : tracked.preflight.owner.tabId;
      if (tab === tabId) this.#byRequestId.delete(requestId);
    }
    for (const [requestId, tab] of this.#ignored) if (tab === tabId) this.#ignored.delete(requestId);
    const prefix = `${tabId} `;
    for (const map of [this.#unclaimed, this.#awaiting, this.#redirecting, this.#ignoredPairs]) {
      for (const key of map.keys()) if (key.startsWith(prefix)) map.delete(key);
    }
  }

  /**
   * Lets finished preflights whose actual request never appeared stand alone (the request was
   * cancelled, or filtered out), and ends their exchange. Call it now and then with the clock.
   */
  sweep(now: number): void {
    for (const [key, list] of this.#unclaimed) {
      const keep = list.filter((p) => !(p.done && now - p.doneAt > ORPHAN_PREFLIGHT_MS));
      for (const p of list) {
        if (keep.includes(p)) continue;
        const x = p.owner;
        x.unclaimed = null;
        x.pending = false;
        x.outcome = p.error !== undefined ? { kind: 'failed', error: p.error } : UNKNOWN_OUTCOME;
        this.#byRequestId.delete(p.requestId);
        this.#changed(x);
      }
      if (keep.length === 0) this.#unclaimed.delete(key);
      else if (keep.length !== list.length) this.#unclaimed.set(key, keep);
    }
    for (const x of [...this.#redirecting.values()]) {
      if (now - x.lastAt <= REDIRECT_STALL_MS || x.nextPreflight !== null) continue;
      this.#endRedirect(x);
      x.pending = false;
      if (x.actualRequestId !== null) this.#byRequestId.delete(x.actualRequestId);
      this.#changed(x);
    }
  }

  /** Whether `sweep` may still have something to end (the worker then sweeps on a timer). */
  get needsSweep(): boolean {
    return this.#unclaimed.size > 0 || this.#redirecting.size > 0;
  }

  /** How many requests are being followed (for tests and the heap benchmark). */
  get inFlight(): number {
    return this.#byRequestId.size;
  }

  // ── first event of a requestId ────────────────────────────────────────────────────────────

  /**
   * Whether a request seen for the first time belongs to no recording: its tab is not recording,
   * or it is the counterpart (preflight or actual request) of one that began while it was not.
   * Counterparts are found by pairing key: Chrome reports the preflight first, Firefox the actual
   * request first (and then only one that needs a preflight gets one for sure).
   */
  #unrecorded(e: CaptureEvent): boolean {
    const recording = this.#isRecording(e.tabId);
    if (recording && this.#ignoredPairs.size === 0) return false;
    if (e.phase !== 'send' && e.phase !== 'error') return !recording;
    const preflight = e.phase === 'send' && isPreflightEvent(e);
    const method = preflight ? (getHeader(e.headers ?? [], 'access-control-request-method')?.trim() ?? '') : e.method;
    const key = pairKey(e.tabId, method, e.url);
    const counterpartComesLater = this.#browser === 'firefox' ? !preflight : preflight;
    if (!counterpartComesLater && this.#takeIgnoredPair(key, e.time)) return true;
    if (recording) return false;
    const actualNeedsOne = !preflight && e.phase === 'send' && needsCorsPreflight(requestOf(e, e.headers ?? [], false));
    if (counterpartComesLater && (preflight || actualNeedsOne)) {
      const list = this.#ignoredPairs.get(key);
      if (list === undefined) this.#ignoredPairs.set(key, [e.time]);
      else list.push(e.time);
    }
    return true;
  }

  /** Consumes one unrecorded counterpart waiting under `key` (stale ones are dropped). */
  #takeIgnoredPair(key: string, time: number): boolean {
    const list = this.#ignoredPairs.get(key);
    if (list === undefined) return false;
    const fresh = list.filter((t) => time - t <= ORPHAN_PREFLIGHT_MS);
    const taken = fresh.length > 0;
    if (taken) fresh.shift();
    if (fresh.length === 0) this.#ignoredPairs.delete(key);
    else this.#ignoredPairs.set(key, fresh);
    return taken;
  }

  #first(event: CaptureEvent): void {
    const e = event.initiatorOrigin === undefined ? withOpaqueInitiator(event) : event;
    const initiator = e.initiatorOrigin;
    if (initiator !== undefined && this.#ignore.includes(initiator)) return;
    if (e.phase === 'send' && isPreflightEvent(e)) {
      this.#newPreflight(e);
      return;
    }
    const crossOrigin = initiator === undefined || originOfUrl(e.url) !== initiator;
    if (!crossOrigin) {
      // Same-origin: dropped, unless a redirect may take it cross-origin (kept leg, 3xx only).
      if (e.phase === 'headers' && e.status !== undefined && isRedirectStatus(e.status)) {
        this.#sameOriginRedirects.set(e.requestId, {
          request: { url: e.url, method: e.method, headers: [], headersProvisional: true, startedAt: e.time },
          provisional: true,
          preflight: null,
          response: responseOf(e),
        });
      } else if (e.phase !== 'send' && e.phase !== 'headers') {
        const held = this.#sameOriginRedirects.get(e.requestId);
        this.#sameOriginRedirects.delete(e.requestId);
        // Failed at a redirect to another origin before any request went there (Chrome refuses a
        // `user:pass@` Location of a CORS request: RedirectContainsCredentials): the CORS
        // redirect rules decided it, so it is recorded (scenario redirect-same-origin-to-userinfo).
        if (e.phase === 'error' && held !== undefined && initiator !== undefined && redirectsToOtherOrigin(held, initiator)) {
          const x = newExchange(e, [held]);
          x.actualRequestId = e.requestId;
          this.#byRequestId.set(e.requestId, { kind: 'actual', exchange: x });
          this.#fail(x, e);
        }
      }
      return;
    }
    if (initiator === undefined) return;
    // Cross-origin. `send` opens the exchange; `error` without `send` is a request that never
    // left (Chrome: blocked at its preflight). `headers`/`completed` without `send` are requests
    // that began before recording started: not ours.
    if (e.phase !== 'send' && e.phase !== 'error') return;
    const legs: LegState[] = [];
    const before = this.#sameOriginRedirects.get(e.requestId);
    if (before !== undefined) {
      this.#sameOriginRedirects.delete(e.requestId);
      legs.push(before);
    }
    const provisional = e.phase === 'error';
    const request = requestOf(e, e.headers !== undefined && e.phase === 'send' ? e.headers : [], provisional);
    const leg: LegState = { request, provisional, preflight: null, response: null };
    legs.push(leg);
    const claimed = this.#claimPreflight(e.tabId, request, initiator);
    let x: TrackedExchange;
    if (claimed !== null) {
      // The preflight's exchange becomes this request's: keep its id, replace the placeholder leg.
      x = claimed.owner;
      x.unclaimed = null;
      x.legs.length = 0;
      x.legs.push(...legs);
      leg.preflight = claimed;
      x.resourceType = e.type;
    } else {
      x = newExchange(e, legs);
    }
    x.actualRequestId = e.requestId;
    this.#byRequestId.set(e.requestId, { kind: 'actual', exchange: x });
    if (claimed === null && e.phase === 'send') this.#awaitIfPreflightable(x, request);
    if (e.phase === 'error') this.#fail(x, e);
    else this.#changed(x);
  }

  #newPreflight(e: CaptureEvent): void {
    const headers = e.headers ?? [];
    const request = requestOf(e, headers, false);
    const subject: PairingSubject = { id: e.requestId, request, ...(e.initiatorOrigin ? { initiatorOrigin: e.initiatorOrigin } : {}) };
    const method = getHeader(headers, 'access-control-request-method')?.trim() ?? '';
    const key = pairKey(e.tabId, method, e.url);
    const adopt = (owner: TrackedExchange): PreflightState => {
      const preflight: PreflightState = {
        kind: 'observed',
        requestId: e.requestId,
        request,
        initiatorOrigin: e.initiatorOrigin,
        response: null,
        error: undefined,
        done: false,
        doneAt: 0,
        owner,
      };
      this.#byRequestId.set(e.requestId, { kind: 'preflight', preflight });
      return preflight;
    };

    // A redirected request's re-preflight at its new URL (Chrome sends it before the next leg).
    const redirecting = this.#redirecting.get(key);
    if (redirecting !== undefined && redirecting.nextPreflight === null) {
      this.#redirecting.delete(key);
      redirecting.nextPreflight = adopt(redirecting);
      this.#changed(redirecting);
      return;
    }
    // Firefox order: the actual request was sent first and is waiting.
    const waiting = this.#awaiting.get(key);
    const index = waiting?.findIndex((x) => this.#matches(subject, x)) ?? -1;
    const waiter = index === -1 ? undefined : waiting?.[index];
    if (waiting !== undefined && waiter !== undefined) {
      waiting.splice(index, 1);
      if (waiting.length === 0) this.#awaiting.delete(key);
      waiter.awaitingPreflight = false;
      waiter.awaitKey = null;
      const leg = waiter.legs[waiter.legs.length - 1];
      if (leg !== undefined) leg.preflight = adopt(waiter);
      this.#changed(waiter);
      return;
    }
    // Chrome order: the preflight comes first; it opens an exchange the actual request claims.
    const x = newExchange(e, []);
    const preflight = adopt(x);
    x.unclaimed = preflight;
    x.legs.push({
      request: { url: e.url, method, headers: [], headersProvisional: true, startedAt: e.time },
      provisional: true,
      preflight,
      response: null,
    });
    const list = this.#unclaimed.get(key);
    if (list === undefined) this.#unclaimed.set(key, [preflight]);
    else list.push(preflight);
    this.#changed(x);
  }

  // ── later events ──────────────────────────────────────────────────────────────────────────

  #preflightEvent(p: PreflightState, e: CaptureEvent): void {
    switch (e.phase) {
      case 'send':
        return;
      case 'headers':
        p.response = responseOf(e);
        this.#recordInLedger(p.owner.id, p.request, p.response);
        break;
      case 'completed':
        if (p.response === null) p.response = responseOf(e);
        p.done = true;
        p.doneAt = e.time;
        // Keep the mapping only while the preflight may still be claimed.
        if (p.owner.unclaimed !== p) this.#byRequestId.delete(p.requestId);
        break;
      case 'error':
        p.error = e.error ?? 'error';
        p.done = true;
        p.doneAt = e.time;
        if (p.owner.unclaimed !== p) this.#byRequestId.delete(p.requestId);
        break;
    }
    this.#changed(p.owner);
  }

  #actualEvent(x: TrackedExchange, e: CaptureEvent): void {
    let leg = x.legs[x.legs.length - 1];
    if (leg === undefined) return;
    const redirected = leg.response !== null && isRedirectStatus(leg.response.status);
    if ((e.phase === 'send' || e.phase === 'error') && redirected && urlWithoutFragment(e.url) !== urlWithoutFragment(leg.request.url)) {
      // A redirect was followed: a new leg at the new URL (its preflight, if any, came first in
      // Chrome and is claimed now; in Firefox it comes next).
      const provisional = e.phase === 'error';
      const request = requestOf(e, e.phase === 'send' ? (e.headers ?? []) : [], provisional);
      leg = { request, provisional, preflight: null, response: null };
      x.legs.push(leg);
      this.#stopAwaiting(x);
      this.#endRedirect(x);
      const early = x.nextPreflight;
      x.nextPreflight = null;
      if (early !== null) {
        leg.preflight = early;
      } else if (x.initiatorOrigin !== undefined) {
        const claimed = this.#claimPreflight(x.tabId, request, x.initiatorOrigin);
        if (claimed !== null) {
          claimed.owner.unclaimed = null;
          // The preflight opened an exchange of its own meanwhile; fold it into this one.
          if (claimed.owner !== x) this.#retire(claimed.owner);
          claimed.owner = x;
          leg.preflight = claimed;
        } else if (e.phase === 'send') {
          this.#awaitIfPreflightable(x, request);
        }
      }
    }
    switch (e.phase) {
      case 'send':
        if (leg.provisional && e.headers !== undefined) {
          leg.request = requestOf(e, e.headers, false);
          leg.provisional = false;
        }
        break;
      case 'headers':
        leg.response = responseOf(e);
        this.#settleCacheHit(x, leg);
        if (isRedirectStatus(leg.response.status)) this.#expectRedirect(x, leg);
        break;
      case 'completed':
        if (leg.response === null) leg.response = responseOf(e);
        this.#settleCacheHit(x, leg);
        this.#endRedirect(x);
        x.outcome = { kind: 'succeeded' };
        x.pending = false;
        this.#byRequestId.delete(e.requestId);
        break;
      case 'error':
        this.#fail(x, e);
        return;
    }
    this.#changed(x);
  }

  #fail(x: TrackedExchange, e: CaptureEvent): void {
    const leg = x.legs[x.legs.length - 1];
    if (leg !== undefined && leg.response !== null) this.#settleCacheHit(x, leg);
    else this.#stopAwaiting(x);
    this.#endRedirect(x);
    x.outcome = { kind: 'failed', error: e.error ?? 'error' };
    x.pending = false;
    this.#byRequestId.delete(e.requestId);
    this.#changed(x);
  }

  // ── pairing helpers ───────────────────────────────────────────────────────────────────────

  #matches(preflight: PairingSubject, x: TrackedExchange): boolean {
    const leg = x.legs[x.legs.length - 1];
    if (leg === undefined) return false;
    return this.#matcher(preflight, { id: x.id, request: leg.request, ...(x.initiatorOrigin ? { initiatorOrigin: x.initiatorOrigin } : {}) });
  }

  /**
   * The unclaimed preflight that guards `request`, removed from the pool. Among several identical
   * ones (concurrent identical fetches), a finished one first, then the earliest: the browser sends
   * the actual request right after its own preflight finished.
   */
  #claimPreflight(tabId: number, request: ObservedRequest, initiatorOrigin: string): PreflightState | null {
    const key = pairKey(tabId, request.method, request.url);
    const list = this.#unclaimed.get(key);
    if (list === undefined) return null;
    const actual: PairingSubject = { id: '', request, initiatorOrigin };
    let best = -1;
    for (let i = 0; i < list.length; i++) {
      const p = list[i];
      if (p === undefined) continue;
      const subject: PairingSubject = { id: p.requestId, request: p.request, ...(p.initiatorOrigin ? { initiatorOrigin: p.initiatorOrigin } : {}) };
      if (!this.#matcher(subject, actual)) continue;
      const current = best === -1 ? undefined : list[best];
      if (current === undefined || (p.done && !current.done) || (p.done === current.done && p.doneAt < current.doneAt)) best = i;
    }
    const chosen = best === -1 ? undefined : list[best];
    if (chosen === undefined) return null;
    list.splice(best, 1);
    if (list.length === 0) this.#unclaimed.delete(key);
    if (chosen.done) this.#byRequestId.delete(chosen.requestId);
    return chosen;
  }

  /**
   * https://fetch.spec.whatwg.org/#concept-http-redirect-fetch: the next leg goes to `Location`;
   * 303 (except HEAD), and 301/302 for POST, continue as GET.
   */
  #expectRedirect(x: TrackedExchange, leg: LegState): void {
    const location = leg.response === null ? null : getHeader(leg.response.headers, 'location');
    if (location === null) return;
    let next: string;
    try {
      next = new URL(location, leg.request.url).href;
    } catch {
      return;
    }
    const status = leg.response?.status ?? 0;
    const method = leg.request.method;
    const nextMethod = (status === 303 && method !== 'HEAD') || ((status === 301 || status === 302) && method === 'POST') ? 'GET' : method;
    this.#endRedirect(x);
    x.redirectKey = pairKey(x.tabId, nextMethod, next);
    this.#redirecting.set(x.redirectKey, x);
  }

  #endRedirect(x: TrackedExchange): void {
    if (x.redirectKey === null) return;
    if (this.#redirecting.get(x.redirectKey) === x) this.#redirecting.delete(x.redirectKey);
    x.redirectKey = null;
  }

  /**
   * A request whose preflight has not been seen: it waits for one if it needs one (Firefox reports
   * the preflight after the request; Chrome's came first, so none coming means a cache hit), or —
   * in Firefox only, where the order allows it — in case the browser preflights it anyway.
   */
  #awaitIfPreflightable(x: TrackedExchange, request: ObservedRequest): void {
    if (needsCorsPreflight(request)) {
      x.preflightOptional = false;
      this.#await(x);
    } else if (this.#browser === 'firefox' && getHeader(request.headers, 'origin') !== null) {
      x.preflightOptional = true;
      this.#await(x);
    }
  }

  #await(x: TrackedExchange): void {
    const leg = x.legs[x.legs.length - 1];
    if (leg === undefined) return;
    x.awaitingPreflight = true;
    const key = pairKey(x.tabId, leg.request.method, leg.request.url);
    x.awaitKey = key;
    const list = this.#awaiting.get(key);
    if (list === undefined) this.#awaiting.set(key, [x]);
    else list.push(x);
  }

  #stopAwaiting(x: TrackedExchange): boolean {
    if (!x.awaitingPreflight) return false;
    x.awaitingPreflight = false;
    const key = x.awaitKey;
    x.awaitKey = null;
    const list = key === null ? undefined : this.#awaiting.get(key);
    const index = list?.indexOf(x) ?? -1;
    if (list !== undefined && index !== -1) {
      list.splice(index, 1);
      if (list.length === 0 && key !== null) this.#awaiting.delete(key);
    }
    return true;
  }

  /**
   * The response arrived and no preflight was seen although one was needed: the browser's
   * CORS-preflight cache answered (inferred, never observed).
   */
  #settleCacheHit(x: TrackedExchange, leg: LegState): void {
    if (!this.#stopAwaiting(x) || leg.preflight !== null || x.preflightOptional) return;
    const credentialed = getHeader(leg.request.headers, 'cookie') !== null;
    const found = this.#ledger.findCacheSource(
      { id: x.id, request: leg.request, ...(x.initiatorOrigin ? { initiatorOrigin: x.initiatorOrigin } : {}) },
      { credentialed },
    );
    leg.preflight = { kind: 'cache-hit', record: found?.record ?? { kind: 'cache-hit' } };
  }

  #recordInLedger(exchangeId: string, request: ObservedRequest, response: ObservedResponse | null): void {
    // Bounded: the longest cache lifetime is Firefox's 24 h; past this many entries start afresh.
    if (this.#ledgerSize >= 50_000) {
      this.#ledger = new PreflightLedger(this.#browser);
      this.#ledgerSize = 0;
    }
    this.#ledger.record({ exchangeId, request, response });
    this.#ledgerSize += 1;
  }

  /** An exchange absorbed into another (a redirect's re-preflight had opened its own). */
  #retire(x: TrackedExchange): void {
    x.pending = false;
    x.legs.length = 0;
    this.#changed(x);
  }

  #changed(x: TrackedExchange): void {
    x.revision += 1;
    this.#onChange(x);
  }
}

function preflightRecordOf(state: PreflightState | CacheHit | null): PreflightRecord | null {
  if (state === null) return null;
  if (state.kind === 'cache-hit') return state.record;
  const observed: ObservedPreflight = {
    kind: 'observed',
    request: state.request,
    response: state.response,
    ...(state.error !== undefined ? { error: state.error } : {}),
  };
  return observed;
}

/**
 * The exchange as plain, immutable data (what the evaluator, the store and the panel see).
 * An exchange with no legs was folded into another and should be dropped by the caller.
 */
export function toObservedExchange(x: TrackedExchange, recorder: BrowserName): ObservedExchange {
  const legs: ExchangeLeg[] = x.legs.map((leg) => ({
    request: leg.request,
    preflight: preflightRecordOf(leg.preflight),
    response: leg.response,
  }));
  return {
    id: x.id,
    recorder,
    ...(x.initiatorOrigin !== undefined ? { initiatorOrigin: x.initiatorOrigin } : {}),
    resourceType: x.resourceType,
    legs,
    outcome: x.outcome,
  };
}
