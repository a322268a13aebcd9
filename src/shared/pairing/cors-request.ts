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

export { isCorsSafelistedMethod };

/**
 * https://fetch.spec.whatwg.org/#cors-unsafe-request-header-names over the headers the page set:
 * sorted, lower-cased, deduplicated — the shape of the `Access-Control-Request-Headers` a browser
 * sends. `browser` selects the browser's own reading where it differs from the spec.
 */
export function corsUnsafeRequestHeaderNames(
  headers: readonly HttpHeader[],
  browser: BrowserName | 'spec' = 'spec',
): readonly string[] {
  // Pairing asks for the same request's names once per candidate preflight: memoize per list.
  const memo = MEMO[browser];
  const known = memo.get(headers);
  if (known !== undefined) return known;
  // Names are case-insensitive; lower-casing them once here keeps the per-lookup work cheap.
  const wire: HttpHeader[] = [];
  for (const { name, value } of headers) if (!name.startsWith(':')) wire.push({ name: name.toLowerCase(), value });
  const names = unsafeNamesOfPageHeaders(splitPageHeaders(wire, null).page, browser);
  memo.set(headers, names);
  return names;
}

const MEMO: Record<BrowserName | 'spec', WeakMap<readonly HttpHeader[], readonly string[]>> = {
  spec: new WeakMap(),
  chromium: new WeakMap(),
  firefox: new WeakMap(),
};

/**
 * Whether the request, sent in CORS mode, needs a CORS-preflight
 * (https://fetch.spec.whatwg.org/#cors-preflight-fetch): a non-safelisted method or at least one
 * CORS-unsafe request-header name.
 */
export function needsCorsPreflight(request: ObservedRequest, browser: BrowserName | 'spec' = 'spec'): boolean {
  return !isCorsSafelistedMethod(request.method) || corsUnsafeRequestHeaderNames(request.headers, browser).length > 0;
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
