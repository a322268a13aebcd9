/**
 * Does a request need a CORS-preflight, and which header names would its preflight list?
 *
 * Thin producer-side wrappers over the Fetch Standard's request rules (`http/safelist.ts`): a recorded
 * header list mixes page-set headers with headers the browser or DevTools added, so those are
 * split off first (`splitPageHeaders`), and HTTP/2 pseudo-headers (`:authority`) are ignored.
 */
import type { BrowserName, HttpHeader, ObservedRequest } from '../model/exchange.ts';
import {
  corsUnsafeRequestHeaderNames as unsafeNamesOfPageHeaders,
  isCorsSafelistedMethod,
  splitPageHeaders,
} from '../http/safelist.ts';
import { getHeader } from '../http/headers.ts';
import { firefoxMayHaveJudgedApart } from '../http/init-pairs.ts';

export { isCorsSafelistedMethod };

/**
 * https://fetch.spec.whatwg.org/#cors-unsafe-request-header-names over the headers the page set:
 * sorted, lower-cased, deduplicated — the shape of the `Access-Control-Request-Headers` a browser
 * sends. Both browsers judge the header list alike (`http/safelist.ts`).
 */
export function corsUnsafeRequestHeaderNames(headers: readonly HttpHeader[]): readonly string[] {
  // Pairing asks for the same request's names once per candidate preflight: memoize per list.
  const known = MEMO.get(headers);
  if (known !== undefined) return known;
  // Names are case-insensitive; lower-casing them once here keeps the per-lookup work cheap.
  const wire: HttpHeader[] = [];
  for (const { name, value } of headers) if (!name.startsWith(':')) wire.push({ name: name.toLowerCase(), value });
  const names = unsafeNamesOfPageHeaders(splitPageHeaders(wire, null).page);
  MEMO.set(headers, names);
  return names;
}

const MEMO = new WeakMap<readonly HttpHeader[], readonly string[]>();

/**
 * Whether `browser` sent the request, as recorded, only after a CORS-preflight
 * (https://fetch.spec.whatwg.org/#cors-preflight-fetch): a non-safelisted method or at least one
 * CORS-unsafe request-header name. The capture and the HAR reader ask it to know whether a
 * request with no preflight in front of it was served by the preflight cache.
 *
 * Firefox quirk (`http/init-pairs.ts`): a value unsafe only as a whole may have been fetch()
 * init pairs that Firefox judged one by one and sent with no preflight, so such a name alone
 * does not show that Firefox needed one (no phantom cache hit).
 */
export function needsCorsPreflight(request: ObservedRequest, browser: BrowserName | 'spec' = 'spec'): boolean {
  if (!isCorsSafelistedMethod(request.method)) return true;
  const names = corsUnsafeRequestHeaderNames(request.headers);
  if (browser !== 'firefox') return names.length > 0;
  return names.some((name) => !firefoxMayHaveJudgedApart(name, getHeader(request.headers, name) ?? ''));
}

/**
 * A CORS-preflight is an `OPTIONS` request carrying `Access-Control-Request-Method` and `Origin`
 * (https://fetch.spec.whatwg.org/#cors-preflight-fetch steps 1–3). Firefox's HAR does not mark
 * preflights; Chromium's marks them `_resourceType: "preflight"` but has the same headers.
 */
export function isPreflightRequest(request: ObservedRequest): boolean {
  return (
    request.method.toUpperCase() === 'OPTIONS' &&
    getHeader(request.headers, 'access-control-request-method') !== null &&
    getHeader(request.headers, 'origin') !== null
  );
}
