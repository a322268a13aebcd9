/**
 * Explanations and fixes, once per shape of blocked exchange: a report's blocked exchanges repeat
 * a few shapes, and proving a fix re-evaluates the exchange with the changes applied (hundreds of
 * microseconds each). Within one report the fix context is fixed, so the answer depends on the
 * verdict and the exchange — and of the exchange not on its `id` or its times: neither the
 * catalog nor `serverFix` reads them, and the evaluator reads time only to tell whether a
 * preflight-cache hit's entry had expired (`http/preflight-cache.ts`). Exchanges with a cache hit
 * are therefore never shared (a fix may change `Access-Control-Max-Age`, and with it the expiry).
 */
import type { ObservedExchange } from '../model/exchange.ts';
import type { Verdict } from '../cors/verdict.ts';
import type { FixContext } from './explain.ts';
import type { ExplanationLookup } from './build.ts';

const TIMES = new Set(['startedAt', 'receivedAt']);

/** The exchange as text without its id and times; null when it has a cache hit (see the file comment). */
export function explanationKey(exchange: ObservedExchange): string | null {
  if (exchange.legs.some((leg) => leg.preflight?.kind === 'cache-hit')) return null;
  const { id: _unread, ...rest } = exchange;
  return JSON.stringify(rest, (name, value: unknown) => (TIMES.has(name) ? undefined : value));
}

/** `explain`, for one report (one `context`): each verdict and exchange shape asked once. */
export function memoizedExplanations(explain: ExplanationLookup, context: FixContext): (exchange: ObservedExchange, verdict: Verdict) => ReturnType<ExplanationLookup> {
  const known = new WeakMap<Verdict, Map<string, ReturnType<ExplanationLookup>>>();
  return (exchange, verdict) => {
    const key = explanationKey(exchange);
    if (key === null) return explain(exchange, verdict, context);
    let byShape = known.get(verdict);
    if (byShape === undefined) known.set(verdict, (byShape = new Map()));
    if (byShape.has(key)) return byShape.get(key) ?? null;
    const answer = explain(exchange, verdict, context);
    byShape.set(key, answer);
    return answer;
  };
}
