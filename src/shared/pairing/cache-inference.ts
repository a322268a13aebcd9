/**
 * Inferring CORS-preflight cache hits (https://fetch.spec.whatwg.org/#cors-preflight-cache).
 *
 * A request that needed a preflight but went out without one was allowed by a cache entry. A
 * ledger of the preflights seen so far finds the one that created that entry, how long it lives
 * in the recording browser, and how long it still had to live when the request was made.
 * The result is always an inference, never an observation.
 */
import type { BrowserName, CachedPreflight, ObservedRequest, ObservedResponse } from '../model/exchange.ts';
import { corsUnsafeRequestHeaderNames } from './cors-request.ts';
import { getHeader } from '../http/headers.ts';
import { maxAgeSeconds } from '../http/max-age.ts';
import { cachedPreflightCovers, preflightLifetime } from '../http/preflight-cache.ts';
import { isOkStatus } from '../http/status.ts';
import { urlWithoutFragment, type PairingSubject } from './match.ts';
import { firstGreater } from '../sorted.ts';

/** A preflight that went on the wire, as the ledger stores it. */
export interface PreflightObservation {
  /** The exchange the preflight belongs to (reported as `sourceExchangeId`). */
  readonly exchangeId: string;
  /** The `OPTIONS` request. */
  readonly request: ObservedRequest;
  readonly response: ObservedResponse | null;
  /** The request it guarded was credentialed (credentials mode `include`); false when unknown. */
  readonly credentialed?: boolean;
}

export interface CacheHitInference {
  readonly record: CachedPreflight;
  /** Seconds the entry lives in the recording browser (`Access-Control-Max-Age` after its rules). */
  readonly lifetimeSeconds: number;
  /** Seconds the entry still had to live when the request started; null when a time is unknown. */
  readonly remainingSeconds: number | null;
}

export interface CacheLookupOptions {
  /** The request's credentials mode is `include` (a `Cookie` header is evidence). */
  readonly credentialed?: boolean;
}

/** Firefox's cache holds 100 entries (cors-taxonomy §6.3); scanning further back is pointless. */
const MAX_ENTRIES_SCANNED = 100;

interface LedgerEntry {
  readonly observation: PreflightObservation;
  readonly cachedAt: number;
  readonly lifetimeSeconds: number;
}

/** Key of a cache entry: byte-serialized origin and URL (https://fetch.spec.whatwg.org/#concept-cache-match). */
function cacheKey(origin: string, url: string): string {
  return `${origin}\n${urlWithoutFragment(url)}`;
}

/**
 * Whether a preflight response could have created a cache entry that lets `request` skip its
 * preflight in `browser`: ok status, an `Access-Control-Allow-Origin` for the origin, and
 * https://fetch.spec.whatwg.org/#concept-cache-match-method /
 * https://fetch.spec.whatwg.org/#concept-cache-match-header with each browser's deviations
 * (`cachedPreflightCovers`).
 */
export function preflightResponseCovers(
  browser: BrowserName,
  response: ObservedResponse,
  origin: string,
  request: ObservedRequest,
  entry: { readonly credentialed: boolean },
  options: CacheLookupOptions = {},
): boolean {
  if (!isOkStatus(response.status)) return false;
  const allowOrigin = getHeader(response.headers, 'access-control-allow-origin');
  const credentialed = options.credentialed ?? false;
  if (allowOrigin !== origin && !(allowOrigin === '*' && !credentialed)) return false;
  const unsafeHeaderNames = corsUnsafeRequestHeaderNames(request.headers);
  return cachedPreflightCovers(browser, {
    response: response.headers,
    entryCredentials: entry.credentialed,
    method: request.method,
    unsafeHeaderNames,
    credentialed,
  }).covered;
}

/**
 * The preflights of one capture, by cache key. Record them in any order; lookups only consider
 * entries cached before the request started.
 */
export class PreflightLedger {
  readonly #browser: BrowserName;
  readonly #entries = new Map<string, LedgerEntry[]>();
  #sorted = true;

  constructor(browser: BrowserName) {
    this.#browser = browser;
  }

  /** Adds an observed preflight. Failed preflights are ignored: browsers cache only successes. */
  record(observation: PreflightObservation): void {
    const { request, response } = observation;
    if (response === null || !isOkStatus(response.status)) return;
    const origin = getHeader(request.headers, 'origin');
    const cachedAt = response.receivedAt ?? request.startedAt;
    if (origin === null || cachedAt === undefined) return;
    const lifetimeSeconds = preflightLifetime(this.#browser, getHeader(response.headers, 'access-control-max-age')).seconds;
    const key = cacheKey(origin, request.url);
    const list = this.#entries.get(key);
    const entry: LedgerEntry = { observation, cachedAt, lifetimeSeconds };
    if (list === undefined) this.#entries.set(key, [entry]);
    else {
      const last = list[list.length - 1];
      if (last !== undefined && last.cachedAt > cachedAt) this.#sorted = false;
      list.push(entry);
    }
  }

  /**
   * The cache entry that let `actual` skip its preflight, or null when no recorded preflight
   * explains it.
   *
   * Chromium keeps one entry per (origin, URL) and a new preflight replaces it, so only the latest
   * earlier preflight counts (cors-taxonomy §5.3). Firefox keeps an entry per method and header
   * name, each with its own expiry; we take the latest earlier preflight that alone covers the
   * request (an approximation of its per-token merge).
   * Note: Chromium's key also holds the network partition (top-level site), which a recording
   * rarely shows; entries are matched on origin and URL only.
   */
  findCacheSource(actual: PairingSubject, options: CacheLookupOptions = {}): CacheHitInference | null {
    const origin = getHeader(actual.request.headers, 'origin') ?? actual.initiatorOrigin;
    const at = actual.request.startedAt;
    if (origin === undefined || at === undefined) return null;
    const list = this.#entries.get(cacheKey(origin, actual.request.url));
    if (list === undefined) return null;
    if (!this.#sorted) {
      for (const entries of this.#entries.values()) entries.sort((a, b) => a.cachedAt - b.cachedAt);
      this.#sorted = true;
    }
    const newest = firstGreater(list, (e) => e.cachedAt, at) - 1;
    for (let i = newest; i >= 0 && newest - i < MAX_ENTRIES_SCANNED; i--) {
      const entry = list[i];
      if (entry === undefined) continue;
      const remainingSeconds = (entry.cachedAt + entry.lifetimeSeconds * 1000 - at) / 1000;
      const response = entry.observation.response;
      const usable =
        remainingSeconds > 0 &&
        response !== null &&
        preflightResponseCovers(this.#browser, response, origin, actual.request, {
          credentialed: entry.observation.credentialed ?? false,
        }, options);
      if (usable) return inference(entry, response, remainingSeconds);
      if (this.#browser === 'chromium') return null;
    }
    return null;
  }
}

function inference(entry: LedgerEntry, response: ObservedResponse, remainingSeconds: number): CacheHitInference {
  return {
    record: {
      kind: 'cache-hit',
      sourceExchangeId: entry.observation.exchangeId,
      cachedAt: entry.cachedAt,
      maxAgeSeconds: maxAgeSeconds(getHeader(response.headers, 'access-control-max-age')),
      sourceResponse: response,
    },
    lifetimeSeconds: entry.lifetimeSeconds,
    remainingSeconds,
  };
}
