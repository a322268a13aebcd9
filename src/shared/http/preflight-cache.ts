/**
 * The CORS-preflight cache (https://fetch.spec.whatwg.org/#cors-preflight-cache): how long each
 * browser keeps an entry, and whether an entry covers a later request.
 */
import type { BrowserName, CachedPreflight, HttpHeader, ObservedRequest, ObservedResponse } from '../model/exchange.ts';
import { asciiLower, getHeader } from './headers.ts';
import type { ListParse } from './list.ts';
import { membership, parseTokenList } from './list.ts';
import { parseMaxAge } from './max-age.ts';
import { isCorsSafelistedMethod } from './safelist.ts';

/** https://fetch.spec.whatwg.org/#http-access-control-max-age: "5 by default". */
export const DEFAULT_MAX_AGE = 5;

export type MaxAgeParse = 'absent' | 'valid' | 'invalid' | 'negative' | 'capped';

export interface MaxAge {
  /** Seconds the entry lives; 0 means "not cached" (or cached already expired). */
  readonly seconds: number;
  readonly parse: MaxAgeParse;
  readonly raw: string | null;
}

/** How a browser turns `Access-Control-Max-Age` into an entry's lifetime. */
interface LifetimeRule {
  /** A leading `+` or `-` is read as a sign; otherwise the value is invalid. */
  readonly signed: boolean;
  /** Values outside a signed 64-bit integer are invalid (rather than capped). */
  readonly int64: boolean;
  /** Seconds an invalid value gives. */
  readonly whenInvalid: number;
  /** The longest lifetime; the spec leaves the cap to the user agent. */
  readonly cap: number;
}

/**
 * - Chromium (`ParseAccessControlMaxAge`, preflight_result.cc): absent → 5 s; not an int64 →
 *   5 s; negative → 0; otherwise capped at 7200 (`kMaxTimeout`). Verified in Chromium 156:
 *   `60abc` and `60, 60` expired after 5 s, `+60` lived past 5 s (base::StringToInt64 accepts a
 *   leading `+`), `0` and `-1` were not reused, `99999999999` was reused.
 * - Firefox (nsCORSListenerProxy.cpp `AddResultToCache`): digits only, else not cached at all;
 *   capped at 86400; absent → 5 s (source). Verified in Firefox 153: `60abc`, `+60`, `0`, `-1`
 *   were never reused; `60` and `99999999999` were reused. Firefox's reuse was erratic (some
 *   immediate repeats with Max-Age 60 preflighted again), so a repeated Firefox preflight proves
 *   nothing.
 */
const LIFETIME: Readonly<Record<BrowserName, LifetimeRule>> = {
  chromium: { signed: true, int64: true, whenInvalid: DEFAULT_MAX_AGE, cap: 7200 },
  firefox: { signed: false, int64: false, whenInvalid: 0, cap: 86400 },
};

/** Chromium's `kMaxTimeout` (2 h) and Firefox's cap (24 h). */
export const MAX_AGE_CAP: Readonly<Record<BrowserName, number>> = { chromium: LIFETIME.chromium.cap, firefox: LIFETIME.firefox.cap };

const INT64_MAX = 9223372036854775807n;
const INT64_MIN = -INT64_MAX - 1n;

/** How long `browser` keeps a preflight answered with `Access-Control-Max-Age: raw` (null: absent). */
export function preflightLifetime(browser: BrowserName, raw: string | null): MaxAge {
  if (raw === null) return { seconds: DEFAULT_MAX_AGE, parse: 'absent', raw };
  const rule = LIFETIME[browser];
  const parsed = parseMaxAge(raw);
  if (parsed === null || (parsed.sign !== '' && !rule.signed)) return { seconds: rule.whenInvalid, parse: 'invalid', raw };
  const value = BigInt(parsed.sign === '-' ? `-${parsed.digits}` : parsed.digits);
  if (rule.int64 && (value > INT64_MAX || value < INT64_MIN)) return { seconds: rule.whenInvalid, parse: 'invalid', raw };
  if (value < 0n) return { seconds: 0, parse: 'negative', raw };
  if (value > BigInt(rule.cap)) return { seconds: rule.cap, parse: 'capped', raw };
  return { seconds: Number(value), parse: 'valid', raw };
}

/** `preflightLifetime` of a preflight response's headers. */
export function maxAgeFor(browser: BrowserName, headers: readonly HttpHeader[]): MaxAge {
  return preflightLifetime(browser, getHeader(headers, 'access-control-max-age'));
}

/** Whether an entry created at `cachedAt` (ms) is still fresh at `now` (ms). */
export function isFresh(cachedAt: number, maxAge: MaxAge, now: number): boolean {
  return maxAge.seconds > 0 && now - cachedAt < maxAge.seconds * 1000;
}

/**
 * Whether a preflight-cache hit's entry would already have expired in `browser`, by its Max-Age
 * rules, when the request started (`now` when the recording lacks the start). The evaluator's
 * only reading of time: the verdict memo keys cache hits by it (`cors/verdict-memo.ts`).
 */
export function cacheEntryExpired(browser: BrowserName, request: ObservedRequest, hit: CachedPreflight, source: ObservedResponse, now: number): boolean {
  const startedAt = request.startedAt ?? now;
  const cachedAt = hit.cachedAt ?? source.receivedAt;
  return cachedAt !== undefined && !isFresh(cachedAt, maxAgeFor(browser, source.headers), startedAt);
}

export interface CoverageInput {
  /** The earlier preflight's response headers. */
  readonly response: readonly HttpHeader[];
  /** Whether the earlier preflight was for a credentialed (`include`) request. */
  readonly entryCredentials: boolean;
  readonly method: string;
  /** The later request's CORS-unsafe header names (lower-case). */
  readonly unsafeHeaderNames: readonly string[];
  readonly credentialed: boolean;
}

export type Coverage =
  | { readonly covered: true }
  | { readonly covered: false; readonly why: 'credentials' | 'method' | 'header' | 'unparsable'; readonly item?: string };

/**
 * Does a cached preflight answer cover a later request?
 * - Spec (https://fetch.spec.whatwg.org/#concept-cache-match): an entry made without credentials
 *   never serves an `include` request; methods and header names match per entry, `*` only for
 *   non-credentialed entries, and `*` never covers `Authorization`.
 * - Chromium: one entry per (origin, URL, partition), replaced wholesale. Verified in 156: a
 *   non-credentialed entry did not serve a credentialed PUT; a credentialed entry served a plain
 *   PUT; an entry listing `PUT, DELETE` served a later DELETE.
 * - Firefox: the key includes the credentials flag (a credentialed entry did not serve a plain
 *   PUT), and only the preflighted method is cached (a later DELETE was preflighted again although
 *   the answer listed it — verified in 153). GET/POST skip the method lookup; HEAD does not.
 */
export function cachedPreflightCovers(browser: BrowserName, input: CoverageInput): Coverage {
  return coverageOfLists(browser, input, (name) => parseTokenList(input.response, name));
}

/**
 * `cachedPreflightCovers`, reading the answer's Allow-Methods and Allow-Headers lists through
 * `list(name)` (`parseTokenList` of `input.response`, which the evaluator memoizes per exchange).
 */
export function coverageOfLists(browser: BrowserName, input: CoverageInput, list: (name: string) => ListParse | null): Coverage {
  if (input.credentialed && !input.entryCredentials) return { covered: false, why: 'credentials' };
  if (browser === 'firefox' && input.credentialed !== input.entryCredentials) return { covered: false, why: 'credentials' };
  const methods = list('access-control-allow-methods');
  const headers = list('access-control-allow-headers');
  if ((methods !== null && !methods.ok) || (headers !== null && !headers.ok)) return { covered: false, why: 'unparsable' };
  const methodItems = methods?.items ?? [];
  const headerListed = membership((headers?.items ?? []).map(asciiLower));
  const wildcard = !input.credentialed && !input.entryCredentials;
  const methodSkips = browser === 'firefox' ? input.method === 'GET' || input.method === 'POST' : isCorsSafelistedMethod(input.method);
  const methodOk =
    methodSkips || methodItems.includes(input.method) || (browser === 'chromium' && wildcard && methodItems.includes('*'));
  if (!methodOk) return { covered: false, why: 'method', item: input.method };
  for (const name of input.unsafeHeaderNames) {
    const lower = asciiLower(name);
    if (headerListed(lower)) continue;
    if (browser === 'chromium' && wildcard && headerListed('*')) continue;
    return { covered: false, why: 'header', item: lower };
  }
  return { covered: true };
}
