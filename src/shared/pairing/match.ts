/**
 * Does this CORS-preflight guard that request? (https://fetch.spec.whatwg.org/#cors-preflight-fetch)
 *
 * A preflight is built from the request it guards: same current URL, `Access-Control-Request-Method`
 * = the request's method, `Access-Control-Request-Headers` = its CORS-unsafe request-header names,
 * `Origin` = its serialized origin (`null` once tainted by a cross-origin redirect). Browsers do
 * not link the two in what they record (HAR, webRequest), so we match on those facts plus a time
 * window.
 */
import type { ObservedRequest } from '../model/exchange.ts';
import { corsUnsafeRequestHeaderNames, isPreflightRequest } from './cors-request.ts';
import { getHeader } from '../http/headers.ts';
import { splitList } from '../http/list.ts';

/** One request as the pairing sees it: an id chosen by the producer, the request, its initiator. */
export interface PairingSubject {
  readonly id: string;
  readonly request: ObservedRequest;
  /** The initiator's origin when known from outside the headers (HAR page, webRequest initiator). */
  readonly initiatorOrigin?: string;
  /**
   * The request is a redirect hop (not the chain's first URL), so its `Origin` may have become
   * `null` (https://fetch.spec.whatwg.org/#concept-request-tainted-origin).
   */
  readonly afterRedirect?: boolean;
}

export interface PairingWindow {
  /** How long before the request's start a preflight may start, in ms. Default 5,000. */
  readonly maxLeadMs?: number;
  /**
   * How long after the request's start a preflight may start, in ms. Default 60,000: Chromium
   * stamps the request when script issues it and the preflight when it leaves, after any queueing.
   */
  readonly maxLagMs?: number;
}

export const DEFAULT_MAX_LEAD_MS = 5_000;
export const DEFAULT_MAX_LAG_MS = 60_000;

export type PreflightMismatch = 'not-preflight' | 'url' | 'method' | 'origin' | 'headers' | 'time';

export type PreflightMatch =
  | {
      readonly matches: true;
      /**
       * `exact`: `Access-Control-Request-Headers` equals the request's CORS-unsafe names.
       * `compatible`: every name it lists is on the request, but the sets differ (browser-added
       * headers, provisional headers).
       */
      readonly headers: 'exact' | 'compatible';
      /** Preflight start minus request start, in ms; null when either time is unknown. */
      readonly deltaMs: number | null;
    }
  | { readonly matches: false; readonly mismatch: PreflightMismatch };

/** The URL a preflight is keyed on: the fragment never reaches the network. */
export function urlWithoutFragment(url: string): string {
  const hash = url.indexOf('#');
  return hash === -1 ? url : url.slice(0, hash);
}

/** The origin the request was sent with: its `Origin` header, else the initiator's origin. */
export function requestOrigin(subject: Pick<PairingSubject, 'request' | 'initiatorOrigin'>): string | null {
  return getHeader(subject.request.headers, 'origin') ?? subject.initiatorOrigin ?? null;
}

/** The method a preflight asks about (`Access-Control-Request-Method`), null when it is not a preflight. */
export function requestedMethod(preflight: ObservedRequest): string | null {
  return getHeader(preflight.headers, 'access-control-request-method');
}

const requestedNames = new WeakMap<ObservedRequest, readonly string[]>();

/** `Access-Control-Request-Headers` as a sorted, lower-cased set. */
export function requestedHeaderNames(preflight: ObservedRequest): readonly string[] {
  const known = requestedNames.get(preflight);
  if (known !== undefined) return known;
  const names = [...new Set(splitList(getHeader(preflight.headers, 'access-control-request-headers')).map((n) => n.toLowerCase()))].sort();
  requestedNames.set(preflight, names);
  return names;
}

/**
 * Request headers an export may have removed: Chromium DevTools' "Export HAR (sanitized)" drops
 * `Authorization` (with `Cookie` and `Set-Cookie`, which no preflight lists), so a preflight asking
 * for `authorization` still guards a request recorded without it (verified on a real export of
 * Chromium 156, test/fixtures/recorded/chromium-devtools-lab-sanitized.har).
 */
const SANITIZED_AWAY: ReadonlySet<string> = new Set(['authorization']);

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}

/** Tests one preflight against one request. Pure; no state. */
export function matchPreflight(
  preflight: PairingSubject,
  actual: PairingSubject,
  window: PairingWindow = {},
): PreflightMatch {
  if (!isPreflightRequest(preflight.request)) return { matches: false, mismatch: 'not-preflight' };
  if (urlWithoutFragment(preflight.request.url) !== urlWithoutFragment(actual.request.url)) {
    return { matches: false, mismatch: 'url' };
  }
  if (requestedMethod(preflight.request) !== actual.request.method) return { matches: false, mismatch: 'method' };

  const preflightOrigin = getHeader(preflight.request.headers, 'origin');
  const actualOrigin = requestOrigin(actual);
  // Firefox (not in spec): after a tainting redirect the request says `Origin: null` but its
  // preflight carries the page's origin (verified in Firefox 153 by the evaluator's lab runs).
  const taintedMatch = actualOrigin === 'null' && preflightOrigin === actual.initiatorOrigin;
  // Chromium lists a redirect hop blocked at its preflight with provisional headers and no
  // Origin, so the hop's own `null` is not visible; its re-preflight says `Origin: null`.
  const hiddenTaint =
    preflightOrigin === 'null' && actual.afterRedirect === true && actual.request.headersProvisional === true && getHeader(actual.request.headers, 'origin') === null;
  if (preflightOrigin !== null && actualOrigin !== null && preflightOrigin !== actualOrigin && !taintedMatch && !hiddenTaint) {
    return { matches: false, mismatch: 'origin' };
  }

  let deltaMs: number | null = null;
  const preflightStart = preflight.request.startedAt;
  const actualStart = actual.request.startedAt;
  if (preflightStart !== undefined && actualStart !== undefined) {
    deltaMs = preflightStart - actualStart;
    const maxLead = window.maxLeadMs ?? DEFAULT_MAX_LEAD_MS;
    const maxLag = window.maxLagMs ?? DEFAULT_MAX_LAG_MS;
    if (deltaMs < -maxLead || deltaMs > maxLag) return { matches: false, mismatch: 'time' };
  }

  const requested = requestedHeaderNames(preflight.request);
  if (sameList(requested, corsUnsafeRequestHeaderNames(actual.request.headers))) {
    return { matches: true, headers: 'exact', deltaMs };
  }
  if (!actual.request.headersProvisional) {
    const present = new Set(actual.request.headers.map((h) => h.name.toLowerCase()));
    if (!requested.every((name) => present.has(name) || SANITIZED_AWAY.has(name))) return { matches: false, mismatch: 'headers' };
  }
  return { matches: true, headers: 'compatible', deltaMs };
}
