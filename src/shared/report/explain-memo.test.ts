import { describe, expect, it } from 'vitest';
import type { ObservedExchange } from '../model/exchange.ts';
import { evaluateExchange } from '../cors/evaluate.ts';
import { API, preflighted, simple } from '../cors/build-exchange.test-util.ts';
import { explainFromCatalog } from './explain.ts';
import { explanationKey, memoizedExplanations } from './explain-memo.ts';

const NOW = Date.parse('2026-01-01T00:00:00Z');

function moved(x: ObservedExchange, id: string, by: number): ObservedExchange {
  return {
    ...x,
    id,
    legs: x.legs.map((leg) => ({
      ...leg,
      request: { ...leg.request, startedAt: (leg.request.startedAt ?? NOW) + by },
      response: leg.response === null ? null : { ...leg.response, receivedAt: (leg.response.receivedAt ?? NOW) + by },
    })),
  };
}

describe('explanationKey', () => {
  const blocked = simple({ response: [] });

  it('ignores the id and the times', () => {
    expect(explanationKey(moved(blocked, 'other', 5_000))).toBe(explanationKey(blocked));
  });

  it.each([
    ['another URL', simple({ url: `${API}/other`, response: [] })],
    ['another header value', simple({ request: [['X-Trace', 'b']], response: [] })],
    ['another method', simple({ method: 'POST', request: [['X-Trace', 'a']], response: [] })],
  ])('tells apart %s', (_name, other) => {
    expect(explanationKey(other)).not.toBe(explanationKey(simple({ request: [['X-Trace', 'a']], response: [] })));
  });

  it('never shares an exchange with a preflight-cache hit', () => {
    const hit: ObservedExchange = { ...blocked, legs: blocked.legs.map((leg) => ({ ...leg, preflight: { kind: 'cache-hit' as const } })) };
    expect(explanationKey(hit)).toBeNull();
  });
});

describe('memoizedExplanations', () => {
  it.each([
    ['a simple request without ACAO', simple({ response: [] })],
    ['a preflight refused', preflighted({ method: 'PUT', preflightResponse: [] })],
  ])('answers %s as the catalog does, and asks it once per shape', (_name, x) => {
    const verdict = evaluateExchange(x, { now: NOW });
    expect(verdict.outcome).toBe('blocked');
    let asked = 0;
    const explain = memoizedExplanations((e, v, c) => {
      asked++;
      return explainFromCatalog(e, v, c);
    }, { now: NOW });
    const first = explain(x, verdict);
    expect(first).toEqual(explainFromCatalog(x, verdict, { now: NOW }));
    expect(explain(moved(x, 'again', 1_000), verdict)).toBe(first);
    expect(asked).toBe(1);
  });

  it('does not share between verdicts', () => {
    const x = simple({ response: [] });
    const explain = memoizedExplanations(explainFromCatalog, {});
    const a = explain(x, evaluateExchange(x, { now: NOW }));
    expect(explain(x, evaluateExchange(x, { now: NOW }))).not.toBe(a);
  });
});
