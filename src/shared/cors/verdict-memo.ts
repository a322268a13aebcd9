/**
 * Evaluating a whole capture: the exchanges of a HAR repeat a few shapes (the same endpoint with
 * the same headers), so a verdict is computed once per shape and shared. The key is the
 * sanitized exchange itself (only the fields the model knows, so nothing unknown can alias two
 * different inputs), minus what the evaluator provably never reads:
 * - the exchange's `id`;
 * - the timestamps (`startedAt`, `receivedAt`, `cachedAt`) and the clock: the evaluator reads
 *   time only to ask whether a preflight-cache hit's entry had expired in each browser
 *   (`cacheEntryExpired`, `http/preflight-cache.ts`), so the key holds those answers instead;
 * - a cache hit's `sourceExchangeId`, which the evaluator never reads;
 * - the values of custom `x-` request headers (other than the `x-http-method` overrides, which
 *   the forbidden-header rule reads): a non-safelisted name makes a request unsafe whatever its
 *   value (https://fetch.spec.whatwg.org/#cors-safelisted-request-header), so only the name,
 *   its position and its count are kept.
 * `verdict-memo.test.ts` checks memoized and unmemoized verdicts are deep-equal over the
 * recorded lab HARs and random exchanges built to collide. Verdicts are shared between
 * exchanges: callers must not mutate them (they are read-only types).
 */
import type { BrowserName, ExchangeLeg, HttpHeader, ObservedExchange, ObservedRequest, ObservedResponse } from '../model/exchange.ts';
import type { Verdict } from './verdict.ts';
import type { EvaluateOptions } from './evaluate.ts';
import { clockOf, evaluateSanitized } from './evaluate.ts';
import { sanitizeExchange } from './walk/sanitize.ts';
import { asciiLower } from '../http/headers.ts';
import { cacheEntryExpired } from '../http/preflight-cache.ts';

/** `x-` names whose value the forbidden-request-header rule reads (`http/safelist.ts`). */
const VALUE_READ = new Set(['x-http-method', 'x-http-method-override', 'x-method-override']);

function isValueUnread(name: string): boolean {
  const lower = asciiLower(name);
  return lower.startsWith('x-') && !VALUE_READ.has(lower);
}

function requestKey(request: ObservedRequest, maskCustom: boolean): ObservedRequest {
  const { startedAt: _time, headers, ...rest } = request;
  const keyed = maskCustom && headers.some((h) => isValueUnread(h.name)) ? headers.map((h): HttpHeader => (isValueUnread(h.name) ? { name: h.name, value: '' } : h)) : headers;
  return { ...rest, headers: keyed };
}

function responseKey(response: ObservedResponse | null): ObservedResponse | null {
  if (response === null) return null;
  const { receivedAt: _time, ...rest } = response;
  return rest;
}

/** A leg without its times; a cache hit with whether its entry had expired in each browser. */
function legKey(leg: ExchangeLeg, now: number): unknown {
  const pre = leg.preflight;
  const request = requestKey(leg.request, true);
  const response = responseKey(leg.response);
  if (pre === null) return { request, preflight: null, response };
  if (pre.kind === 'observed') return { request, preflight: { ...pre, request: requestKey(pre.request, false), response: responseKey(pre.response) }, response };
  const { cachedAt: _time, sourceExchangeId: _unread, sourceResponse, ...hit } = pre;
  const expired = sourceResponse === undefined ? null : BROWSERS.map((b) => cacheEntryExpired(b, leg.request, pre, sourceResponse, now));
  return { request, preflight: { ...hit, sourceResponse: sourceResponse === undefined ? null : responseKey(sourceResponse), expired }, response };
}

const BROWSERS: readonly BrowserName[] = ['chromium', 'firefox'];

/** The memo key of a sanitized exchange evaluated at `now`. */
export function verdictKey(x: ObservedExchange, now: number): string {
  const { id: _unread, legs, ...rest } = x;
  return JSON.stringify([rest, legs.map((leg) => legKey(leg, now))]);
}

/** Evaluates exchanges one by one, each shape once: equal to `evaluateExchange` on each. */
export class VerdictMemo {
  private readonly verdicts = new Map<string, Verdict>();
  private readonly now: number;

  constructor(options?: EvaluateOptions) {
    this.now = clockOf(options);
  }

  evaluate(x: ObservedExchange): Verdict {
    let sanitized: ObservedExchange;
    let key: string;
    try {
      sanitized = sanitizeExchange(x);
      key = verdictKey(sanitized, this.now);
    } catch {
      return evaluateSanitized(x, () => sanitizeExchange(x), this.now);
    }
    const known = this.verdicts.get(key);
    if (known !== undefined) return known;
    const verdict = evaluateSanitized(x, () => sanitized, this.now);
    // A verdict the evaluator could not explain quotes its error: never shared.
    if (verdict.checks[0]?.id !== 'evaluator.input') this.verdicts.set(key, verdict);
    return verdict;
  }
}

/** `exchanges.map((x) => evaluateExchange(x, options))`, each shape evaluated once. */
export function evaluateExchanges(exchanges: readonly ObservedExchange[], options?: EvaluateOptions): Verdict[] {
  const memo = new VerdictMemo(options);
  return exchanges.map((x) => memo.evaluate(x));
}
