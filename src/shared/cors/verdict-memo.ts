/**
 * Evaluating a whole capture: the exchanges of a HAR repeat a few shapes (the same endpoint with
 * the same headers), so a verdict is computed once per shape and shared. The key is the
 * sanitized exchange itself (only the fields the model knows, so nothing unknown can alias two
 * different inputs), minus what the evaluator provably never reads:
 * - the exchange's `id`;
 * - the timestamps (`startedAt`, `receivedAt`) unless a leg is a preflight-cache hit: its
 *   freshness is the only reader of time (`walk/preflight-stage.ts`), and then the clock joins
 *   the key too;
 * - the values of custom `x-` request headers (other than the `x-http-method` overrides, which
 *   the forbidden-header rule reads): a non-safelisted name makes a request unsafe whatever its
 *   value (https://fetch.spec.whatwg.org/#cors-safelisted-request-header), so only the name,
 *   its position and its count are kept.
 * `verdict-memo.test.ts` checks memoized and unmemoized verdicts are deep-equal over the
 * recorded lab HARs and random exchanges built to collide. Verdicts are shared between
 * exchanges: callers must not mutate them (they are read-only types).
 */
import type { ExchangeLeg, HttpHeader, ObservedExchange, ObservedRequest, ObservedResponse } from '../model/exchange.ts';
import type { Verdict } from './verdict.ts';
import type { EvaluateOptions } from './evaluate.ts';
import { clockOf, evaluateSanitized } from './evaluate.ts';
import { sanitizeExchange } from './walk/sanitize.ts';
import { asciiLower } from '../http/headers.ts';

/** `x-` names whose value the forbidden-request-header rule reads (`http/safelist.ts`). */
const VALUE_READ = new Set(['x-http-method', 'x-http-method-override', 'x-method-override']);

function isValueUnread(name: string): boolean {
  const lower = asciiLower(name);
  return lower.startsWith('x-') && !VALUE_READ.has(lower);
}

function requestKey(request: ObservedRequest, withTime: boolean, maskCustom: boolean): ObservedRequest {
  const { startedAt, headers, ...rest } = request;
  const keyed = maskCustom && headers.some((h) => isValueUnread(h.name)) ? headers.map((h): HttpHeader => (isValueUnread(h.name) ? { name: h.name, value: '' } : h)) : headers;
  return { ...rest, headers: keyed, ...(withTime && startedAt !== undefined ? { startedAt } : {}) };
}

function responseKey(response: ObservedResponse | null, withTime: boolean): ObservedResponse | null {
  if (response === null || withTime) return response;
  const { receivedAt: _unread, ...rest } = response;
  return rest;
}

function legKey(leg: ExchangeLeg, withTime: boolean): ExchangeLeg {
  const pre = leg.preflight;
  return {
    request: requestKey(leg.request, withTime, true),
    preflight: pre === null || pre.kind === 'cache-hit' ? pre : { ...pre, request: requestKey(pre.request, withTime, false), response: responseKey(pre.response, withTime) },
    response: responseKey(leg.response, withTime),
  };
}

/** The memo key of a sanitized exchange evaluated at `now`. */
export function verdictKey(x: ObservedExchange, now: number): string {
  const withTime = x.legs.some((leg) => leg.preflight?.kind === 'cache-hit');
  const { id: _unread, legs, ...rest } = x;
  return JSON.stringify([withTime ? now : null, rest, legs.map((leg) => legKey(leg, withTime))]);
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
