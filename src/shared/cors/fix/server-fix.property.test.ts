/**
 * Property: for random CORS exchanges near the rules' edges (credentials, preflight triggers,
 * preflight status and lists, origin variants, a cross-origin redirect), whenever a browser blocks
 * for a reason a server can fix, `serverFix` finds a fix, and the fix is proven: applied, both
 * browsers allow the exchange. The one exception is a credentialed request tainted by a
 * cross-origin redirect (no safe header exists: see requirements.ts).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ExchangeLeg, HttpHeader, ObservedExchange } from '../../model/exchange.ts';
import { evaluateExchange } from '../evaluate.ts';
import { EXPLANATIONS } from '../content/explanations.ts';
import { evaluateWithChanges } from './apply.ts';
import { serverFix } from './server-fix.ts';
import { API, OTHER, PAGE } from '../build-exchange.test-util.ts';

const line = (name: string) => (value: string | null): HttpHeader[] => (value === null ? [] : [{ name, value }]);
const acao = fc.constantFrom(null, PAGE, `${PAGE}/`, '*', 'null', `${PAGE}, ${PAGE}`).map(line('Access-Control-Allow-Origin'));
const acac = fc.constantFrom(null, 'true', 'TRUE').map(line('Access-Control-Allow-Credentials'));
const acam = fc.constantFrom(null, 'PUT', 'GET PUT', '*', 'put', 'DELETE, PATCH').map(line('Access-Control-Allow-Methods'));
const acah = fc.constantFrom(null, '*', 'x-api-key', 'content-type', 'x;', 'range, authorization').map(line('Access-Control-Allow-Headers'));
const vary = fc.constantFrom(null, 'Accept-Encoding', 'Origin').map(line('Vary'));
const pageHeaders = fc.subarray<HttpHeader>([
  { name: 'Content-Type', value: 'application/json' },
  { name: 'X-Api-Key', value: 'k' },
  { name: 'Authorization', value: 'Bearer t' },
  { name: 'Range', value: 'bytes=-5' },
]);
const corsHeaders = fc.tuple(acao, acac, vary).map((parts) => parts.flat());

const exchange: fc.Arbitrary<ObservedExchange> = fc
  .record({
    credentials: fc.constantFrom('include' as const, 'omit' as const),
    method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH'),
    headers: pageHeaders,
    preflightStatus: fc.constantFrom(200, 204, 301, 404, 500),
    preflight: fc.tuple(acao, acac, acam, acah).map((parts) => parts.flat()),
    sent: fc.boolean(),
    actual: corsHeaders,
    redirect: fc.option(corsHeaders, { nil: null }),
  })
  .map((s): ObservedExchange => {
    const needs = !['GET', 'POST'].includes(s.method) || s.headers.length > 0;
    // A request without a preflight always goes out.
    const sent = s.sent || !needs;
    const request = (url: string, origin: string) => ({ url, method: s.method, headers: [{ name: 'Origin', value: origin }, { name: 'Sec-Fetch-Mode', value: 'cors' }, ...s.headers], headersProvisional: !sent });
    const preflightResponse = { status: s.preflightStatus, headers: [...s.preflight, ...(s.preflightStatus === 301 ? [{ name: 'Location', value: OTHER }] : [])] };
    const acrh = [...new Set(s.headers.map((h) => h.name.toLowerCase()))].sort().join(',');
    const preflight = needs
      ? ({ kind: 'observed', request: { url: API, method: 'OPTIONS', headers: [{ name: 'Origin', value: PAGE }, { name: 'Access-Control-Request-Method', value: s.method }, ...(acrh === '' ? [] : [{ name: 'Access-Control-Request-Headers', value: acrh }])] }, response: preflightResponse } as const)
      : null;
    const first: ExchangeLeg = {
      request: request(API, PAGE),
      preflight,
      response: !sent ? null : s.redirect === null ? { status: 200, headers: s.actual } : { status: 307, headers: [...s.redirect, { name: 'Location', value: OTHER }] },
    };
    const second: ExchangeLeg[] = sent && s.redirect !== null ? [{ request: { ...request(OTHER, 'null'), headersProvisional: true }, preflight: null, response: { status: 200, headers: s.actual } }] : [];
    return { id: 'p', recorder: 'chromium', initiatorOrigin: PAGE, resourceType: 'fetch', credentialsMode: s.credentials, legs: [first, ...second], outcome: { kind: 'unknown' } };
  });

describe('serverFix on random exchanges', () => {
  it('finds a proven fix whenever a server can fix it', () => {
    fc.assert(
      fc.property(exchange, (x) => {
        const verdict = evaluateExchange(x, { now: 0 });
        const codes = [verdict.chromium, verdict.firefox].flatMap((v) => (v.code === null ? [] : [v.code]));
        const fix = serverFix(x, verdict, { now: 0 });
        if (codes.length === 0) {
          expect(fix.server).toEqual([]);
          return;
        }
        if (fix.server === null) {
          const tainted = x.credentialsMode === 'include' && x.legs.length > 1;
          expect(tainted || codes.some((c) => !EXPLANATIONS[c].serverCanFix), `${codes.join(', ')}: ${fix.note ?? ''}`).toBe(true);
          return;
        }
        const after = evaluateWithChanges(x, verdict, fix.server, 0);
        expect([after.chromium.code, after.firefox.code]).toEqual([null, null]);
      }),
      { numRuns: 400 },
    );
  }, 120_000);
});
