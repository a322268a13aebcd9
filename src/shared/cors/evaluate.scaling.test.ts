/**
 * The evaluator is near-linear in what a page or a HAR controls: request header lines, and the
 * items of Access-Control-Allow-Headers on an observed preflight or a cached one. Each case
 * doubles one dimension and requires the CPU time to at most ~2.5× (`scalingRatio`: a ratio
 * within one run, never a time limit).
 */
import { describe, expect, it } from 'vitest';
import type { ObservedExchange } from '../model/exchange.ts';
import { evaluateExchange } from './evaluate.ts';
import { ACAO, PAGE, PUT_OK, preflighted } from './build-exchange.test-util.ts';
import { scalingRatio, type ScalingCase } from '../../../test/harness/scaling.ts';

const LIMIT = 2.5;
/**
 * N, kept where 2N lines or items stay well under 4,000: past that V8 moves a `Set`'s table to the
 * large-object space, a one-off step that even linear code shows as a ~3× jump.
 */
const N = 1_000;

const names = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

/** A PUT with `headers` CORS-unsafe request headers, preflighted with `items` Allow-Headers items. */
function hostile(headers: number, items: number, listed: boolean): ObservedExchange {
  const request = names('x-h', headers).map((name) => [name, 'v'] as const);
  const allow = [...names('x-a', items), ...(listed ? names('x-h', headers) : [])].join(',');
  return preflighted({ request, preflightResponse: [ACAO, PUT_OK, ['Access-Control-Allow-Headers', allow]], actual: listed ? [ACAO] : null });
}

/** The same PUT answered from the preflight cache, whose answer lists every header (all are checked). */
function cachedHostile(headers: number, items: number): ObservedExchange {
  const x = hostile(headers, items, true);
  const leg = x.legs[0];
  const source = leg?.preflight?.kind === 'observed' ? leg.preflight.response : null;
  if (leg === undefined || source === null || source === undefined) throw new Error('no preflight');
  const request = { ...leg.request, headersProvisional: false, startedAt: 1_000 };
  return { ...x, legs: [{ request, preflight: { kind: 'cache-hit', cachedAt: 900, maxAgeSeconds: 600, sourceResponse: source }, response: { status: 200, headers: [{ name: 'Access-Control-Allow-Origin', value: PAGE }] } }] };
}

const evaluating = (build: (n: number) => ObservedExchange): ScalingCase<ObservedExchange> => ({ build, run: (x) => evaluateExchange(x, { now: 2_000 }) });

describe('evaluateExchange scales linearly', { timeout: 120_000 }, () => {
  it.each([
    { dimension: 'request headers, all listed', build: (n: number) => hostile(n, 1, true), n: N },
    { dimension: 'request headers, none listed', build: (n: number) => hostile(n, 1, false), n: N },
    { dimension: 'Allow-Headers items', build: (n: number) => hostile(3, n, false), n: N },
    { dimension: 'request headers × Allow-Headers items', build: (n: number) => hostile(n, n, false), n: N },
    { dimension: 'request headers × cached Allow-Headers items', build: (n: number) => cachedHostile(n, 1), n: N },
  ])('$dimension', ({ build, n }) => {
    const result = scalingRatio(evaluating(build), { n, limit: LIMIT });
    expect(result.ratio, JSON.stringify(result)).toBeLessThanOrEqual(LIMIT);
  });
});
