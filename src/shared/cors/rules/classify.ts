/**
 * Is CORS involved, and for which legs of the redirect chain? Mode comes from the producer, else
 * `Sec-Fetch-Mode`, else an inference from `Origin`, the initiator and the resource type.
 */
import type { BrowserName, ObservedExchange, ObservedRequest, RequestMode } from '../../model/exchange.ts';
import type { Provenance } from '../verdict.ts';
import { asciiLower, getHeader } from '../../http/headers.ts';
import { isDataUrl, originOf, sameOrigin } from '../../http/origin.ts';

export interface ModeGuess {
  readonly mode: RequestMode;
  readonly provenance: Provenance;
  readonly because: string;
}

const MODES: readonly RequestMode[] = ['same-origin', 'cors', 'no-cors', 'navigate', 'websocket'];
const NAVIGATION_TYPES = new Set(['main_frame', 'sub_frame', 'document', 'navigation', 'outermost_frame']);
const CORS_BY_DEFAULT_TYPES = new Set(['fetch', 'xhr', 'xmlhttprequest', 'eventsource', 'font', 'preflight']);

function isMode(value: string): value is RequestMode {
  return (MODES as readonly string[]).includes(value);
}

/** The request's mode (https://fetch.spec.whatwg.org/#concept-request-mode). */
export function requestMode(x: ObservedExchange, requestOrigin: string | null): ModeGuess {
  if (x.mode !== undefined && isMode(x.mode)) return { mode: x.mode, provenance: 'observed', because: 'the recorder reported the mode' };
  const first = x.legs[0]?.request;
  const secFetchMode = first === undefined ? null : getHeader(first.headers, 'sec-fetch-mode');
  if (secFetchMode !== null && isMode(asciiLower(secFetchMode))) {
    return { mode: asciiLower(secFetchMode) as RequestMode, provenance: 'observed', because: `Sec-Fetch-Mode: ${secFetchMode}` };
  }
  const type = asciiLower(x.resourceType ?? '');
  if (NAVIGATION_TYPES.has(type)) return { mode: 'navigate', provenance: 'inferred', because: `resource type ${type}` };
  if (type === 'websocket') return { mode: 'websocket', provenance: 'inferred', because: 'resource type websocket' };
  const hasPreflight = x.legs.some((l) => l.preflight !== null);
  if (hasPreflight) return { mode: 'cors', provenance: 'inferred', because: 'a CORS-preflight guarded the request' };
  const originHeader = first === undefined ? null : getHeader(first.headers, 'origin');
  if (originHeader === null && receivedOpaqueResponse(x)) {
    return {
      mode: 'no-cors',
      provenance: 'inferred',
      because:
        'the response was handed over without a single header and the load ended in net::ERR_ABORTED, which is how Chromium DevTools records an opaque (no-cors) response',
    };
  }
  if (CORS_BY_DEFAULT_TYPES.has(type)) {
    return { mode: 'cors', provenance: 'inferred', because: `resource type ${type} defaults to mode cors` };
  }
  const method = first?.method ?? 'GET';
  if (originHeader !== null && (method === 'GET' || method === 'HEAD')) {
    // https://fetch.spec.whatwg.org/#append-a-request-origin-header: GET/HEAD carry Origin only
    // when the response tainting is cors.
    return { mode: 'cors', provenance: 'inferred', because: `an Origin header on a ${method} request` };
  }
  if (type !== '' && type !== 'other') {
    return { mode: 'no-cors', provenance: 'inferred', because: `resource type ${type} without an Origin header` };
  }
  const target = first === undefined ? null : originOf(first.url);
  if (requestOrigin !== null && target !== null && !sameOrigin(requestOrigin, target) && originHeader !== null) {
    return { mode: 'cors', provenance: 'inferred', because: 'a cross-origin request carrying an Origin header' };
  }
  return { mode: 'no-cors', provenance: 'inferred', because: 'no Origin header and no CORS resource type' };
}

/**
 * Chromium quirk (verified in Chromium 156's DevTools HAR export): a `no-cors` fetch announces its
 * opaque response with `hasExtraInfo: false`, so DevTools keeps only the provisional request
 * headers (no `Origin`, no `Sec-Fetch-Mode`) and the opaque-filtered response — a status and not
 * one header (https://fetch.spec.whatwg.org/#concept-filtered-response-opaque) — and the load ends
 * in net::ERR_ABORTED. A CORS-mode response that fails the CORS check keeps its raw headers and
 * ends in net::ERR_FAILED; one that passes keeps at least its CORS-safelisted headers.
 */
function receivedOpaqueResponse(x: ObservedExchange): boolean {
  if (x.legs.length !== 1 || x.outcome.error !== 'net::ERR_ABORTED') return false;
  const leg = x.legs[0];
  return leg !== undefined && leg.preflight === null && leg.response !== null && leg.response.status !== 0 && leg.response.headers.length === 0;
}

/**
 * `Origin: null` on the first URL of a CORS request means the request's origin is opaque (a
 * sandboxed frame, a `data:` or `file:` page): the first URL has no redirect taint, and the
 * referrer policy nulls the Origin only of requests whose response tainting is not "cors"
 * (https://fetch.spec.whatwg.org/#serializing-a-request-origin,
 * https://fetch.spec.whatwg.org/#append-a-request-origin-header). A recorder's initiator (the
 * document's URL, a Referer) then names where the document was served from, not its origin.
 * Verified: Chromium 156 and Firefox 153 send `Origin: null` from a `sandbox="allow-scripts"`
 * frame, with the page's URL as Referer, and check ACAO against `null`.
 */
export function sentOpaqueOrigin(x: ObservedExchange): boolean {
  const first = x.legs[0];
  if (first === undefined) return false;
  const preflight = first.preflight?.kind === 'observed' ? first.preflight.request : undefined;
  const request = first.request.headersProvisional === true ? undefined : first.request;
  if (![preflight, request].some((r) => r !== undefined && getHeader(r.headers, 'origin') === 'null')) return false;
  const mode = x.mode ?? getHeader(first.request.headers, 'sec-fetch-mode');
  if (mode !== null && asciiLower(mode) !== 'cors') return false;
  // A same-origin request is never CORS: its `Origin: null` comes from the referrer policy.
  return x.initiatorOrigin === undefined || !sameOrigin(originOf(x.initiatorOrigin), originOf(first.request.url));
}

/** The origin of the page that made the request (the request's origin before tainting). */
export function requestOriginOf(x: ObservedExchange): { origin: string | null; provenance: Provenance } {
  if (sentOpaqueOrigin(x)) return { origin: 'null', provenance: 'observed' };
  if (typeof x.initiatorOrigin === 'string' && x.initiatorOrigin !== '') {
    const parsed = originOf(x.initiatorOrigin);
    return { origin: parsed ?? x.initiatorOrigin, provenance: 'observed' };
  }
  for (const leg of x.legs) {
    const candidates: (ObservedRequest | undefined)[] = [
      leg.preflight?.kind === 'observed' ? leg.preflight.request : undefined,
      leg.request,
    ];
    for (const r of candidates) {
      const o = r === undefined ? null : getHeader(r.headers, 'origin');
      if (o !== null && o !== 'null') return { origin: o, provenance: 'inferred' };
    }
  }
  return { origin: null, provenance: 'inferred' };
}

export interface LegContext {
  readonly index: number;
  readonly url: string;
  readonly urlOrigin: string | null;
  /** Response tainting is `cors` at this leg (https://fetch.spec.whatwg.org/#concept-request-response-tainting). */
  readonly corsTainted: boolean;
  /**
   * The serialized origin the browser sends (and checks ACAO against) on this leg's actual request:
   * `null` once a cross-origin hop tainted it (https://fetch.spec.whatwg.org/#concept-request-tainted-origin).
   */
  readonly actualOrigin: string | null;
  /**
   * The origin sent on this leg's preflight. Chromium sends `null` when tainted; Firefox 153 sent
   * the page's origin on the preflight and `null` on the actual request (verified).
   */
  readonly preflightOrigin: Record<BrowserName, string | null>;
}

/** Per-leg CORS context: tainting and the serialized origin, per the spec's redirect-taint walk. */
export function legContexts(x: ObservedExchange, requestOrigin: string | null, mode: RequestMode): LegContext[] {
  const out: LegContext[] = [];
  let corsTainted = false;
  let redirectTainted = false;
  for (let i = 0; i < x.legs.length; i += 1) {
    const leg = x.legs[i];
    if (leg === undefined) continue;
    const url = leg.request.url;
    const urlOrigin = originOf(url);
    if (i > 0) {
      // Chromium's CheckTainted and the spec's redirect-taint: a hop whose new URL is cross-origin
      // with the previous URL, while the request's origin is cross-origin with the previous URL.
      const prevOrigin = out[i - 1]?.urlOrigin ?? null;
      if (prevOrigin !== urlOrigin && !sameOrigin(requestOrigin, prevOrigin)) redirectTainted = true;
    }
    // A `data:` URL is a scheme fetch: its response is basic, whatever the request's origin
    // (https://fetch.spec.whatwg.org/#concept-main-fetch). A redirect to one is refused earlier.
    if (mode === 'cors' && !sameOrigin(requestOrigin, urlOrigin) && !isDataUrl(url)) corsTainted = true;
    const serialized = redirectTainted ? 'null' : requestOrigin;
    out.push({
      index: i,
      url,
      urlOrigin,
      corsTainted,
      actualOrigin: serialized,
      preflightOrigin: { chromium: serialized, firefox: requestOrigin },
    });
  }
  return out;
}
