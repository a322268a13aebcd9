/**
 * Request-side rules of the Fetch Standard: safelisted methods and headers, forbidden headers,
 * CORS-unsafe header names, and why a request needs a CORS-preflight.
 */
import type { HttpHeader } from '../model/exchange.ts';
import { asciiLower, asciiUpper, headerValues, normalizeValue } from './headers.ts';
import { splitList } from './list.ts';
import { mimeEssence } from './mime.ts';
import { parseSingleRange } from './range.ts';

/** Why a request needed a CORS-preflight (https://fetch.spec.whatwg.org/#cors-preflight-fetch). */
export type PreflightTrigger =
  | { readonly kind: 'method'; readonly method: string }
  | { readonly kind: 'header'; readonly name: string }
  | {
      readonly kind: 'header-value';
      readonly name: string;
      readonly value: string;
      readonly why: 'content-type-essence' | 'unsafe-byte' | 'too-long' | 'total-too-long' | 'invalid-value';
    };

/** https://fetch.spec.whatwg.org/#cors-safelisted-method — byte-exact; the method is already normalized. */
export function isCorsSafelistedMethod(method: string): boolean {
  return method === 'GET' || method === 'HEAD' || method === 'POST';
}

/** https://fetch.spec.whatwg.org/#concept-method-normalize */
export function normalizeMethod(method: string): string {
  const upper = asciiUpper(method);
  return ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT'].includes(upper) ? upper : method;
}

/** https://fetch.spec.whatwg.org/#forbidden-method */
export function isForbiddenMethod(method: string): boolean {
  return ['CONNECT', 'TRACE', 'TRACK'].includes(asciiUpper(method));
}

const FORBIDDEN_NAMES = new Set([
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

/** https://fetch.spec.whatwg.org/#forbidden-request-header — script can never set these. */
export function isForbiddenRequestHeader(name: string, value: string): boolean {
  return isForbiddenLowerName(asciiLower(name), value);
}

/** `isForbiddenRequestHeader` for a name already lower-cased. */
function isForbiddenLowerName(lower: string, value: string): boolean {
  if (FORBIDDEN_NAMES.has(lower)) return true;
  if (lower.startsWith('proxy-') || lower.startsWith('sec-')) return true;
  if (lower === 'x-http-method' || lower === 'x-http-method-override' || lower === 'x-method-override') {
    return splitList(value).some(isForbiddenMethod);
  }
  return false;
}

/**
 * Names that are not forbidden but that the browser itself adds to the wire request, so their
 * presence in an observed request says nothing about what the page set. Chromium also safelists
 * the client hints among them (`IsCorsSafelistedHeader` in cors.cc); Firefox never sends them.
 * `user-agent` is settable by script in the spec and in Firefox, but it is always on the wire, so
 * only an observed `Access-Control-Request-Headers` can show that the page set it.
 */
const BROWSER_ADDED_NAMES = new Set([
  'user-agent',
  'priority',
  'upgrade-insecure-requests',
  'x-client-data',
  'purpose',
  'if-none-match',
  'if-modified-since',
  'intervention',
  'device-memory',
  'dpr',
  'downlink',
  'ect',
  'rtt',
  'save-data',
  'viewport-width',
  'width',
]);

/** https://fetch.spec.whatwg.org/#cors-unsafe-request-header-byte */
export function hasCorsUnsafeByte(value: string): boolean {
  for (let i = 0; i < value.length; i += 1) {
    const c = value.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09) || c === 0x7f) return true;
    if ('"():<>?@[\\]{}'.includes(value.charAt(i))) return true;
  }
  return false;
}

export type SafelistFailure = 'content-type-essence' | 'unsafe-byte' | 'too-long' | 'invalid-value';

const SAFELISTED_NAMES = new Set(['accept', 'accept-language', 'content-language', 'content-type', 'range']);

/** Whether `name` is one of the names https://fetch.spec.whatwg.org/#cors-safelisted-request-header can accept. */
export function isSafelistableName(name: string): boolean {
  return SAFELISTED_NAMES.has(asciiLower(name));
}

/**
 * https://fetch.spec.whatwg.org/#cors-safelisted-request-header. Returns null when safelisted,
 * otherwise why not; `not-safelisted-name` for names outside the list. A name set twice is one
 * value, `a, b`, judged whole by both browsers (verified in Chromium 156 and Firefox 153 with
 * `Headers.append` and XHR); Firefox's fetch() init pairs are judged apart before they become
 * one value (`init-pairs.ts`).
 */
export function safelistFailure(name: string, value: string): SafelistFailure | 'not-safelisted-name' | null {
  const lower = asciiLower(name);
  if (!SAFELISTED_NAMES.has(lower)) return 'not-safelisted-name';
  if (byteLength(value) > 128) return 'too-long';
  switch (lower) {
    case 'accept':
      return hasCorsUnsafeByte(value) ? 'unsafe-byte' : null;
    case 'accept-language':
    case 'content-language':
      return /^[0-9A-Za-z *,\-.;=]*$/.test(value) ? null : 'invalid-value';
    case 'content-type': {
      if (hasCorsUnsafeByte(value)) return 'unsafe-byte';
      const essence = mimeEssence(value);
      if (essence === null) return 'content-type-essence';
      return ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'].includes(essence)
        ? null
        : 'content-type-essence';
    }
    case 'range': {
      const range = parseSingleRange(value);
      return range === null || range.start === null ? 'invalid-value' : null;
    }
    default:
      return 'not-safelisted-name';
  }
}

/**
 * The length of `value` in UTF-8, as `new TextEncoder().encode(value).length` counts it (a lone
 * surrogate becomes U+FFFD, 3 bytes), without allocating the encoded bytes.
 */
export function byteLength(value: string): number {
  let bytes = 0;
  for (let i = 0; i < value.length; i += 1) {
    const c = value.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < value.length && isLowSurrogate(value.charCodeAt(i + 1))) {
      bytes += 4;
      i += 1;
    } else bytes += 3;
  }
  return bytes;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

export interface HeaderOrigin {
  /** Headers the page (script) set: these decide the preflight. */
  readonly page: readonly HttpHeader[];
  /** Headers the browser added (forbidden names and browser-added names). */
  readonly browser: readonly HttpHeader[];
  /** True when the split came from an observed `Access-Control-Request-Headers` (authoritative). */
  readonly fromPreflight: boolean;
}

/**
 * Separate page-set headers from browser-added ones. An observed preflight's
 * `Access-Control-Request-Headers` is authoritative for the unsafe names the page set; without
 * one, forbidden and browser-added names are attributed to the browser. A `Pragma: no-cache` +
 * `Cache-Control: no-cache` pair is what DevTools' "Disable cache" and fetch's `cache` modes add
 * after the CORS decision (https://fetch.spec.whatwg.org/#concept-http-network-or-cache-fetch).
 */
export function splitPageHeaders(headers: readonly HttpHeader[], acrh: readonly string[] | null): HeaderOrigin {
  const listed = acrh === null ? null : new Set(acrh.map(asciiLower));
  const uaCachePair =
    headerValues(headers, 'pragma').join(',') === 'no-cache' && headerValues(headers, 'cache-control').join(',') === 'no-cache';
  const page: HttpHeader[] = [];
  const browser: HttpHeader[] = [];
  for (const h of headers) {
    const lower = asciiLower(h.name);
    if (isForbiddenLowerName(lower, h.value)) {
      browser.push(h);
      continue;
    }
    if (listed !== null && listed.has(lower)) {
      page.push(h);
      continue;
    }
    const browserAdded = BROWSER_ADDED_NAMES.has(lower) || (uaCachePair && (lower === 'pragma' || lower === 'cache-control'));
    if (browserAdded) browser.push(h);
    else page.push(h);
  }
  return { page, browser, fromPreflight: listed !== null };
}

/**
 * https://fetch.spec.whatwg.org/#cors-unsafe-request-header-names over page-set headers:
 * sorted, lower-cased, deduplicated. Duplicates are judged on the combined value, as the spec's
 * header list does, in both browsers (`safelistFailure`; Firefox's fetch() init pairs: `init-pairs.ts`).
 */
export function corsUnsafeRequestHeaderNames(pageHeaders: readonly HttpHeader[]): string[] {
  return unsafeNamesWithReasons(pageHeaders).map((t) => t.name);
}

/**
 * Every lower-cased name with its normalized values, in first-seen order: what `getAll` returns
 * for each distinct name, in one pass instead of one scan per name.
 */
function valuesByName(headers: readonly HttpHeader[]): Map<string, string[]> {
  const byName = new Map<string, string[]>();
  for (const h of headers) {
    const lower = asciiLower(h.name);
    const values = byName.get(lower);
    if (values === undefined) byName.set(lower, [normalizeValue(h.value)]);
    else values.push(normalizeValue(h.value));
  }
  return byName;
}

interface UnsafeName {
  readonly name: string;
  readonly trigger: PreflightTrigger;
}

function unsafeNamesWithReasons(pageHeaders: readonly HttpHeader[]): UnsafeName[] {
  const unsafe = new Map<string, PreflightTrigger>();
  const potentially: { name: string; value: string }[] = [];
  let safelistValueSize = 0;
  for (const [lower, values] of valuesByName(pageHeaders)) {
    const value = values.join(', ');
    const failure = safelistFailure(lower, value);
    if (failure === null) {
      potentially.push({ name: lower, value });
      safelistValueSize += byteLength(value);
    } else if (failure === 'not-safelisted-name') {
      unsafe.set(lower, { kind: 'header', name: lower });
    } else {
      unsafe.set(lower, { kind: 'header-value', name: lower, value, why: failure });
    }
  }
  // Unreachable while each value is capped at 128 bytes (5 names × 128 < 1024); kept because the
  // spec states it and a future safelist name could make it reachable.
  if (safelistValueSize > 1024) {
    for (const p of potentially) unsafe.set(p.name, { kind: 'header-value', name: p.name, value: p.value, why: 'total-too-long' });
  }
  return [...unsafe.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, trigger]) => ({ name, trigger }));
}

export interface TriggerInput {
  readonly method: string;
  /** The request's headers as observed (browser-added ones included). */
  readonly headers: readonly HttpHeader[];
  /** Names from an observed preflight's `Access-Control-Request-Headers`, when there is one. */
  readonly requestHeadersFromPreflight?: readonly string[] | null;
}

/**
 * Why this request needs a CORS-preflight (https://fetch.spec.whatwg.org/#cors-preflight-fetch):
 * its method is not safelisted, or it carries CORS-unsafe request-headers. With an observed
 * preflight, its `Access-Control-Request-Headers` names are the header triggers (the browser's
 * own list is authoritative); each is explained from the observed value when one is visible.
 */
export function preflightTriggers(input: TriggerInput): PreflightTrigger[] {
  const triggers: PreflightTrigger[] = [];
  if (!isCorsSafelistedMethod(input.method)) triggers.push({ kind: 'method', method: input.method });
  const acrh = input.requestHeadersFromPreflight ?? null;
  const split = splitPageHeaders(input.headers, acrh);
  const computed = unsafeNamesWithReasons(split.page);
  if (acrh === null) {
    for (const u of computed) triggers.push(u.trigger);
    return triggers;
  }
  const byName = new Map(computed.map((u) => [u.name, u.trigger]));
  const names = [...new Set(acrh.map(asciiLower))].sort();
  for (const name of names) triggers.push(byName.get(name) ?? { kind: 'header', name });
  return triggers;
}

/** Whether `name` is the CORS non-wildcard request-header name (https://fetch.spec.whatwg.org/#cors-non-wildcard-request-header-name). */
export function isNonWildcardRequestHeaderName(name: string): boolean {
  return asciiLower(name) === 'authorization';
}

/** https://fetch.spec.whatwg.org/#cors-safelisted-response-header-name (before exposure). */
export const SAFELISTED_RESPONSE_HEADER_NAMES: readonly string[] = [
  'cache-control',
  'content-language',
  'content-length',
  'content-type',
  'expires',
  'last-modified',
  'pragma',
];
