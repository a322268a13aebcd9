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
  return unsafeTriggers(buildHeaderTable(pageHeaders, 'all-lines'), () => true).map((t) => t.name);
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type HeaderTrigger = Exclude<PreflightTrigger, { readonly kind: 'method' }>;

/** One distinct lower-cased name of a header list, with what the unsafe-name rules read of it. */
interface NameFacts {
  readonly lower: string;
  /** Attributed to the browser unless an observed `Access-Control-Request-Headers` lists it. */
  readonly browserAdded: boolean;
  /** Safelisted on its own (it may still fail the 1024-byte total). */
  readonly safelisted: boolean;
  /** The combined value of its non-forbidden lines (`a, b`), as `getAll` would give it. */
  readonly value: string;
  /** Its trigger when not safelisted. */
  readonly trigger: HeaderTrigger | null;
}

/**
 * A header list read once for every unsafe-name question: its distinct names (those with at
 * least one non-forbidden line) sorted, each with its combined value and safelist verdict.
 * Whether a non-forbidden line is the page's depends only on its name (listed in an observed
 * `Access-Control-Request-Headers`, or not browser-added: `splitPageHeaders`), so every page
 * split of the list is a filter over these names.
 */
interface HeaderTable {
  readonly length: number;
  readonly sorted: readonly NameFacts[];
  readonly byName: ReadonlyMap<string, NameFacts>;
  /** The few names that are safelisted on their own, for the 1024-byte total. */
  readonly safelisted: readonly NameFacts[];
}

/**
 * Memo of `buildHeaderTable` per header list: the pairing, the evaluation's walks and the fix all
 * ask about the same request's list. Lists are never mutated once recorded; the length check
 * also recomputes if one grew.
 */
const TABLES = new WeakMap<readonly HttpHeader[], HeaderTable>();

function headerTable(headers: readonly HttpHeader[]): HeaderTable {
  const known = TABLES.get(headers);
  if (known !== undefined && known.length === headers.length) return known;
  const table = buildHeaderTable(headers, 'not-forbidden');
  TABLES.set(headers, table);
  return table;
}

/** `lines`: every line (a list already split to the page's), or only the lines script may set. */
function buildHeaderTable(headers: readonly HttpHeader[], lines: 'all-lines' | 'not-forbidden'): HeaderTable {
  const uaCachePair =
    headerValues(headers, 'pragma').join(',') === 'no-cache' && headerValues(headers, 'cache-control').join(',') === 'no-cache';
  // Each distinct name's combined value (`getAll`, then joined with `, `), in one pass.
  const byName = new Map<string, Mutable<NameFacts>>();
  for (const h of headers) {
    const lower = asciiLower(h.name);
    if (lines === 'not-forbidden' && isForbiddenLowerName(lower, h.value)) continue;
    const value = normalizeValue(h.value);
    const earlier = byName.get(lower);
    if (earlier === undefined) byName.set(lower, { lower, browserAdded: false, safelisted: false, value, trigger: null });
    else earlier.value = `${earlier.value}, ${value}`;
  }
  const safelisted: NameFacts[] = [];
  for (const facts of byName.values()) {
    const { lower, value } = facts;
    const failure = safelistFailure(lower, value);
    facts.trigger = failure === null ? null : failure === 'not-safelisted-name' ? { kind: 'header', name: lower } : { kind: 'header-value', name: lower, value, why: failure };
    facts.safelisted = failure === null;
    facts.browserAdded = BROWSER_ADDED_NAMES.has(lower) || (uaCachePair && (lower === 'pragma' || lower === 'cache-control'));
    if (failure === null) safelisted.push(facts);
  }
  const sorted = [...byName.values()].sort((a, b) => (a.lower < b.lower ? -1 : a.lower > b.lower ? 1 : 0));
  return { length: headers.length, sorted, byName, safelisted };
}

/**
 * The unsafe names of the page's part of `table` (`isPage` picks its names), sorted, with why.
 * Safelisted values whose total passes 1024 bytes are all unsafe (`total-too-long`).
 */
function unsafeTriggers(table: HeaderTable, isPage: (facts: NameFacts) => boolean): HeaderTrigger[] {
  const tooLong = totalTooLong(table, isPage);
  const triggers: HeaderTrigger[] = [];
  for (const facts of table.sorted) {
    if (!isPage(facts)) continue;
    const trigger = triggerOf(facts, tooLong);
    if (trigger !== null) triggers.push(trigger);
  }
  return triggers;
}

function triggerOf(facts: NameFacts, tooLong: boolean): HeaderTrigger | null {
  if (!facts.safelisted) return facts.trigger;
  return tooLong ? { kind: 'header-value', name: facts.lower, value: facts.value, why: 'total-too-long' } : null;
}

function totalTooLong(table: HeaderTable, isPage: (facts: NameFacts) => boolean): boolean {
  // Unreachable while each value is capped at 128 bytes (5 names × 128 < 1024); kept because the
  // spec states it and a future safelist name could make it reachable.
  let size = 0;
  for (const facts of table.safelisted) if (isPage(facts)) size += byteLength(facts.value);
  return size > 1024;
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
 * Linear in the header list and the names (one sort of each); the list is read once per object.
 */
export function preflightTriggers(input: TriggerInput): PreflightTrigger[] {
  const triggers: PreflightTrigger[] = [];
  if (!isCorsSafelistedMethod(input.method)) triggers.push({ kind: 'method', method: input.method });
  const acrh = input.requestHeadersFromPreflight ?? null;
  const table = headerTable(input.headers);
  if (acrh === null) {
    for (const t of unsafeTriggers(table, (facts) => !facts.browserAdded)) triggers.push(t);
    return triggers;
  }
  // The page's names are those listed, and those not browser-added (`splitPageHeaders`).
  const names = sortedDistinctLower(acrh);
  const isPage = (facts: NameFacts): boolean => !facts.browserAdded || inSorted(names, facts.lower);
  const tooLong = totalTooLong(table, isPage);
  for (const name of names) {
    // A listed name with a non-forbidden line is the page's; otherwise it has no observed value.
    const facts = table.byName.get(name);
    triggers.push((facts === undefined ? null : triggerOf(facts, tooLong)) ?? { kind: 'header', name });
  }
  return triggers;
}

/** `names` lower-cased, deduplicated and sorted; the list itself when it already is (as browsers send it). */
function sortedDistinctLower(names: readonly string[]): readonly string[] {
  let ready = true;
  for (let i = 0; i < names.length && ready; i += 1) {
    const name = names[i] ?? '';
    const previous = names[i - 1];
    ready = asciiLower(name) === name && (previous === undefined || previous < name);
  }
  return ready ? names : [...new Set(names.map(asciiLower))].sort();
}

/** Whether `sorted` (ascending, distinct) holds `name`: a binary search. */
function inSorted(sorted: readonly string[], name: string): boolean {
  let low = 0;
  let high = sorted.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const at = sorted[middle] ?? '';
    if (at === name) return true;
    if (at < name) low = middle + 1;
    else high = middle - 1;
  }
  return false;
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
