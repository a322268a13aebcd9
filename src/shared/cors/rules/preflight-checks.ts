/**
 * The checks of a CORS-preflight's answer (https://fetch.spec.whatwg.org/#cors-preflight-fetch),
 * as pure functions: each returns null or a failure value carrying the offending value (as
 * Chromium's `cors.cc` returns a `CorsErrorStatus` with its failed parameter). Each browser's
 * order of the checks is data (`PREFLIGHT_ORDER`), and so is which value each browser names in
 * its report (`NAMES_OFFENDING_VALUE`). The CORS check of the answer is `access-check.ts`.
 */
import type { BrowserName, ExchangeLeg, HttpHeader } from '../../model/exchange.ts';
import type { ListParse } from '../../http/list.ts';
import { membership } from '../../http/list.ts';
import { asciiLower, getHeader } from '../../http/headers.ts';
import { isRedirect } from '../../http/redirect.ts';
import { isCorsSafelistedMethod, isNonWildcardRequestHeaderName } from '../../http/safelist.ts';
import { isOkStatus } from '../../http/status.ts';

/** The reason codes a preflight check fails with (the CORS check's are `AccessCheckCode`). */
export type PreflightCheckCode =
  | 'preflight-redirect'
  | 'preflight-invalid-status'
  | 'invalid-allow-methods'
  | 'invalid-allow-headers'
  | 'method-disallowed-by-preflight'
  | 'header-disallowed-by-preflight';

export interface PreflightFailure {
  readonly code: PreflightCheckCode;
  /** The offending value: the Location, the status, the bad token, the method or the header name. */
  readonly value: string;
}

/**
 * Whether each browser's report names the offending value: Chromium as `failedParameter` (`''`
 * otherwise), Firefox as its message's parameter (none otherwise). Verified in Chromium 156 and
 * Firefox 153 (VERIFIED.md): Firefox quotes the status and the bad token, Chromium neither.
 */
export const NAMES_OFFENDING_VALUE: Readonly<Record<PreflightCheckCode, Readonly<Record<BrowserName, boolean>>>> = {
  'preflight-redirect': { chromium: false, firefox: false },
  'preflight-invalid-status': { chromium: false, firefox: true },
  'invalid-allow-methods': { chromium: false, firefox: true },
  'invalid-allow-headers': { chromium: false, firefox: true },
  'method-disallowed-by-preflight': { chromium: true, firefox: false },
  'header-disallowed-by-preflight': { chromium: true, firefox: true },
};

/** One step of the preflight stage; `cors-check` is the CORS check of the answer. */
export type PreflightStep = 'redirect' | 'cors-check' | 'status' | 'allow-methods-syntax' | 'allow-headers-syntax' | 'method' | 'headers';

/**
 * Each browser's order of the preflight checks, in groups: every row of a group is written, the
 * first failure in it is the browser's, and nothing after a failed group runs.
 * - Chromium checks the redirect before the CORS check; Firefox after it (verified: a 302
 *   preflight without ACAO is PreflightDisallowedRedirect in Chromium, CORSMissingAllowOrigin
 *   `302` in Firefox).
 * - Both report the CORS-check error rather than the status error (verified: 404 without ACAO →
 *   PreflightMissingAllowOriginHeader / CORSMissingAllowOrigin `404`); the spec joins the two
 *   conditions with "and", without an order.
 * - Chromium parses both lists before matching either (verified: an invalid ACAH wins over a
 *   method that ACAM does not list); Firefox parses and matches ACAM, then ACAH (verified:
 *   CORSMethodNotFound wins over an invalid ACAH token).
 */
export const PREFLIGHT_ORDER: Readonly<Record<BrowserName, readonly (readonly PreflightStep[])[]>> = {
  chromium: [['redirect'], ['cors-check'], ['status'], ['allow-methods-syntax', 'allow-headers-syntax'], ['method', 'headers']],
  firefox: [['cors-check'], ['redirect'], ['status'], ['allow-methods-syntax'], ['method'], ['allow-headers-syntax'], ['headers']],
};

/** A preflight must be answered directly: browsers never follow its redirects. */
export function checkPreflightRedirect(response: { readonly status: number; readonly headers: readonly HttpHeader[] }): PreflightFailure | null {
  return isRedirect(response) ? { code: 'preflight-redirect', value: getHeader(response.headers, 'location') ?? '' } : null;
}

/** https://fetch.spec.whatwg.org/#ok-status */
export function checkPreflightStatus(status: number): PreflightFailure | null {
  return isOkStatus(status) ? null : { code: 'preflight-invalid-status', value: String(status) };
}

/** Access-Control-Allow-Methods / -Allow-Headers parse (absent parses as an empty list). */
export function checkListSyntax(list: ListParse | null, code: 'invalid-allow-methods' | 'invalid-allow-headers'): PreflightFailure | null {
  return list !== null && !list.ok ? { code, value: list.invalid } : null;
}

export interface MethodMatch {
  readonly failure: PreflightFailure | null;
  /** Why it passed: a safelisted method, listed byte for byte, or `*` without credentials. */
  readonly allowedBy: 'safelisted' | 'listed' | 'wildcard' | null;
  /** A listed method that differs from the request's only in case (methods compare byte for byte). */
  readonly caseOnly: string | null;
}

/**
 * The method is a CORS-safelisted method, or in Access-Control-Allow-Methods byte for byte, or the
 * list has `*` and the request is not credentialed (`*` is a literal method name otherwise).
 */
export function matchMethod(method: string, items: readonly string[], credentialed: boolean): MethodMatch {
  if (isCorsSafelistedMethod(method)) return { failure: null, allowedBy: 'safelisted', caseOnly: null };
  if (items.includes(method)) return { failure: null, allowedBy: 'listed', caseOnly: null };
  if (!credentialed && items.includes('*')) return { failure: null, allowedBy: 'wildcard', caseOnly: null };
  const upper = method.toUpperCase();
  const caseOnly = items.find((m) => m.toUpperCase() === upper) ?? null;
  return { failure: { code: 'method-disallowed-by-preflight', value: method }, allowedBy: null, caseOnly };
}

export interface HeadersMatch {
  readonly failure: PreflightFailure | null;
  /** Every name the list lacks, in the order given: the first is the one the browser names. */
  readonly missing: readonly string[];
  /** `*` covered `Authorization`, which the spec says it never does (browsers still let it). */
  readonly authorizationByWildcard: boolean;
}

/**
 * Every CORS-unsafe request-header name (in the browser's order) is in Access-Control-Allow-Headers
 * (lower-cased `items`), or the list has `*` and the request is not credentialed. The spec never
 * lets `*` cover Authorization (https://fetch.spec.whatwg.org/#cors-non-wildcard-request-header-name);
 * Chromium 156 and Firefox 153 both still do (verified), Firefox with a deprecation warning.
 */
export function matchHeaders(
  names: readonly string[],
  items: readonly string[],
  credentialed: boolean,
  listed: (name: string) => boolean = membership(items),
): HeadersMatch {
  const wildcard = !credentialed && listed('*');
  const missing: string[] = [];
  let authorizationByWildcard = false;
  for (const name of names) {
    if (listed(name)) continue;
    if (wildcard) {
      if (isNonWildcardRequestHeaderName(name)) authorizationByWildcard = true;
      continue;
    }
    missing.push(name);
  }
  const first = missing[0];
  return { failure: first === undefined ? null : { code: 'header-disallowed-by-preflight', value: first }, missing, authorizationByWildcard };
}

/**
 * `names` (sorted, distinct) in a recorded header list's order, and whether the list holds them
 * all; names it does not hold come last, sorted. One pass over the list (a stable sort by first
 * position, without comparing).
 */
function inListOrder(names: readonly string[], headers: readonly HttpHeader[]): { readonly names: readonly string[]; readonly holdsAll: boolean } {
  const pending = new Set(names);
  const ordered: string[] = [];
  for (const h of headers) {
    if (pending.size === 0) break;
    const lower = asciiLower(h.name);
    if (pending.delete(lower)) ordered.push(lower);
  }
  const holdsAll = pending.size === 0;
  for (const name of names) if (pending.has(name)) ordered.push(name);
  return { names: ordered, holdsAll };
}

export interface HeaderOrder {
  readonly names: readonly string[];
  /** The leg's own recorded request headers hold every name, so Chromium's order is observed. */
  readonly observed: boolean;
}

/**
 * `names` (sorted) in the order Chromium checks them against Access-Control-Allow-Headers: the
 * order of the request's own header list (Blink's header map, then net::HttpRequestHeaders),
 * which a recording shows in a leg's provisional headers (and webRequest in every leg), so
 * HeaderDisallowedByPreflightResponse names the first missing one in that order. Verified in
 * Chromium 156 by the lab's differential fuzzing: recorded [Range, Content-Language, Content-Type]
 * → `range`; [Cache-Control, Accept, Content-Type] → `cache-control`; and after a redirect the
 * same page headers keep the first request's order ([X-Custom, …, Range, Content-Type] →
 * `x-custom` on both legs). Firefox keeps the sorted list.
 *
 * A redirect hop blocked at its preflight is recorded without the page's headers, so its order
 * falls back to the earliest leg that holds them — in a DevTools HAR that leg was sent, and its raw
 * headers are listed sorted, not in Chromium's order: then `observed` is false.
 */
export function chromiumHeaderOrder(names: readonly string[], legs: readonly ExchangeLeg[], index: number): HeaderOrder {
  if (names.length <= 1) return { names, observed: true };
  const own = legs[index];
  if (own !== undefined) {
    const inOwn = inListOrder(names, own.request.headers);
    if (inOwn.holdsAll) return { names: inOwn.names, observed: true };
  }
  for (const earlier of legs.slice(0, index)) {
    const inEarlier = inListOrder(names, earlier.request.headers);
    if (inEarlier.holdsAll) return { names: inEarlier.names, observed: false };
  }
  return { names, observed: false };
}
