/**
 * Does a request need a CORS-preflight, and which header names would its preflight list?
 *
 * A producer-side approximation used to pair preflights with requests and to infer cache hits.
 * The evaluator decides the verdict; here we only need to recognise the browser's own
 * `Access-Control-Request-Headers`. A recorded header list mixes author headers with headers the
 * browser or DevTools added (`User-Agent`, `Pragma`/`Cache-Control` with "Disable cache", client
 * hints, `sec-*`), so those are left out (see `isBrowserAddedHeaderName`).
 */
import type { HttpHeader, ObservedRequest } from '../cors/model.ts';
import { getHeader } from './headers.ts';

/** https://fetch.spec.whatwg.org/#cors-safelisted-method: `GET`, `HEAD` or `POST` (byte-case-sensitive). */
export function isCorsSafelistedMethod(method: string): boolean {
  return method === 'GET' || method === 'HEAD' || method === 'POST';
}

/** https://fetch.spec.whatwg.org/#forbidden-request-header (names only; `X-HTTP-Method*` values are not checked). */
const FORBIDDEN_REQUEST_HEADER_NAMES: ReadonlySet<string> = new Set([
  'accept-charset',
  'accept-encoding',
  'access-control-request-headers',
  'access-control-request-method',
  'connection',
  'content-length',
  'cookie',
  'cookie2',
  'date',
  'dnt',
  'expect',
  'host',
  'keep-alive',
  'origin',
  'referer',
  'set-cookie',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'via',
]);

export function isForbiddenRequestHeaderName(lowerName: string): boolean {
  return (
    FORBIDDEN_REQUEST_HEADER_NAMES.has(lowerName) ||
    lowerName.startsWith('proxy-') ||
    lowerName.startsWith('sec-')
  );
}

/**
 * Not in the spec: headers a recording shows although no script set them. Chromium leaves
 * UA-set headers out of the preflight (`CorsUnsafeNotForbiddenRequestHeaderNames` skips what
 * `net::HttpUtil::IsSafeHeader` rejects), DevTools' "Disable cache" adds `Pragma` and
 * `Cache-Control`, revalidation adds `If-None-Match`/`If-Modified-Since`, and Chromium sends
 * client hints from its own safelist (cors-taxonomy §5.4).
 */
const BROWSER_ADDED_HEADER_NAMES: ReadonlySet<string> = new Set([
  'user-agent',
  'pragma',
  'cache-control',
  'if-none-match',
  'if-modified-since',
  'priority',
  'purpose',
  'x-client-data',
  'device-memory',
  'dpr',
  'downlink',
  'ect',
  'rtt',
  'save-data',
  'viewport-width',
  'width',
]);

export function isBrowserAddedHeaderName(lowerName: string): boolean {
  return BROWSER_ADDED_HEADER_NAMES.has(lowerName) || lowerName.startsWith(':');
}

/** https://fetch.spec.whatwg.org/#cors-unsafe-request-header-byte */
function hasCorsUnsafeRequestHeaderByte(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 && c !== 0x09) return true;
    if ('"():<>?@[\\]{}\x7f'.includes(value.charAt(i))) return true;
  }
  return false;
}

const LANGUAGE_VALUE = /^[0-9A-Za-z *,\-.;=]*$/;
const SAFELISTED_CONTENT_TYPE_ESSENCES: ReadonlySet<string> = new Set([
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'text/plain',
]);
/** https://fetch.spec.whatwg.org/#simple-range-header-value, suffix ranges excluded. */
const SIMPLE_RANGE = /^bytes=(\d+)-(\d*)$/;

/** https://fetch.spec.whatwg.org/#cors-safelisted-request-header */
export function isCorsSafelistedRequestHeader(name: string, value: string): boolean {
  // 1. If value's length is greater than 128, then return false.
  if (value.length > 128) return false;
  switch (name.toLowerCase()) {
    case 'accept':
      return !hasCorsUnsafeRequestHeaderByte(value);
    case 'accept-language':
    case 'content-language':
      return LANGUAGE_VALUE.test(value);
    case 'content-type': {
      if (hasCorsUnsafeRequestHeaderByte(value)) return false;
      const essence = (value.split(';', 1)[0] ?? '').trim().toLowerCase();
      return SAFELISTED_CONTENT_TYPE_ESSENCES.has(essence);
    }
    case 'range': {
      const match = SIMPLE_RANGE.exec(value);
      if (match === null) return false;
      const end = match[2];
      return end === undefined || end === '' || Number(match[1]) <= Number(end);
    }
    default:
      return false;
  }
}

/**
 * https://fetch.spec.whatwg.org/#cors-unsafe-request-header-names, over author headers only:
 * forbidden and browser-added names are skipped. Sorted, lower-cased, deduplicated — the shape of
 * the `Access-Control-Request-Headers` a browser sends.
 */
export function corsUnsafeRequestHeaderNames(headers: readonly HttpHeader[]): string[] {
  const unsafeNames = new Set<string>();
  const potentiallyUnsafeNames = new Set<string>();
  let safelistValueSize = 0;
  for (const { name, value } of headers) {
    const lowerName = name.toLowerCase();
    if (isForbiddenRequestHeaderName(lowerName) || isBrowserAddedHeaderName(lowerName)) continue;
    if (!isCorsSafelistedRequestHeader(lowerName, value)) {
      unsafeNames.add(lowerName);
    } else {
      potentiallyUnsafeNames.add(lowerName);
      safelistValueSize += value.length;
    }
  }
  // 4. If safelistValueSize is greater than 1024, then for each name of potentiallyUnsafeNames,
  //    append name to unsafeNames.
  if (safelistValueSize > 1024) for (const name of potentiallyUnsafeNames) unsafeNames.add(name);
  return [...unsafeNames].sort();
}

/**
 * Whether the request, sent in CORS mode, needs a CORS-preflight
 * (https://fetch.spec.whatwg.org/#cors-preflight-fetch): a non-safelisted method or at least one
 * CORS-unsafe request-header name.
 */
export function needsCorsPreflight(request: ObservedRequest): boolean {
  return !isCorsSafelistedMethod(request.method) || corsUnsafeRequestHeaderNames(request.headers).length > 0;
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
