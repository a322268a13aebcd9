// The evaluator's inferences: classification, the credentials mode, hidden causes, Chromium's header order.
import { describe, expect, it } from 'vitest';
import { evaluateExchange } from './evaluate.ts';
import type { HttpHeader, ObservedExchange } from '../model/exchange.ts';
import { ACAO, ACAO_NULL, API, PAGE, PUT_OK, fromOpaqueOrigin, preflighted, redirectedPreflighted, simple } from './build-exchange.test-util.ts';

describe('classification', () => {
  it('same-origin requests are not CORS', () => {
    const v = evaluateExchange(simple({ url: `${PAGE}/api`, response: [] }));
    expect(v.outcome).toBe('not-cors');
    expect(v.classification.kind).toBe('same-origin');
    expect(v.chromium.allowed).toBe(true);
  });

  it('Origin: null on a same-origin request is the referrer policy, not an opaque origin', () => {
    // https://fetch.spec.whatwg.org/#append-a-request-origin-header: a POST whose response
    // tainting is not "cors" sends `Origin: null` under referrer policy no-referrer.
    const v = evaluateExchange(fromOpaqueOrigin(simple({ method: 'POST', url: `${PAGE}/api`, response: [] })));
    expect(v.outcome).toBe('not-cors');
    expect(v.classification.origin).toBe(PAGE);
    const opaque = evaluateExchange(fromOpaqueOrigin(simple({ response: [ACAO_NULL] })));
    expect(opaque.classification.origin).toBe('null');
    expect(opaque.inferred.find((f) => f.code === 'opaque-request-origin')).toMatchObject({ page: PAGE });
  });

  it('no-cors and navigations are not CORS', () => {
    const noCors: ObservedExchange = { ...simple({ response: [] }), mode: 'no-cors' };
    expect(evaluateExchange(noCors).classification.kind).toBe('no-cors');
    const nav: ObservedExchange = { ...simple({ response: [] }), mode: 'navigate' };
    expect(evaluateExchange(nav).classification.kind).toBe('navigation');
  });

  it('infers the mode from Sec-Fetch-Mode and otherwise marks it inferred', () => {
    const v = evaluateExchange(simple({ response: [ACAO] }));
    expect(v.checks.find((c) => c.id === 'request.mode')?.provenance).toBe('observed');
    const img = simple({ resourceType: 'image', response: [] });
    const noSecFetch: ObservedExchange = {
      ...img,
      legs: img.legs.map((l) => ({ ...l, request: { ...l.request, headers: l.request.headers.filter((x) => !/^(sec-fetch-mode|origin)$/i.test(x.name)) } })),
    };
    const nv = evaluateExchange(noSecFetch);
    expect(nv.classification.kind).toBe('no-cors');
    expect(nv.inferred.find((f) => f.code === 'request-mode')).toMatchObject({ mode: 'no-cors' });
  });

  // Chromium DevTools' export of a no-cors fetch: provisional request headers, the opaque-filtered
  // response (a status, no header), net::ERR_ABORTED. A CORS-mode fetch keeps its raw headers.
  it('a headerless response ending in net::ERR_ABORTED is an opaque response, not a CORS block', () => {
    const provisional = (x: ObservedExchange, response: readonly HttpHeader[], error: string): ObservedExchange => ({
      ...x,
      outcome: { kind: 'failed', error },
      legs: x.legs.map((l) => ({
        ...l,
        request: { ...l.request, headersProvisional: true, headers: l.request.headers.filter((h) => !/^(sec-fetch-mode|origin)$/i.test(h.name)) },
        response: l.response === null ? null : { ...l.response, headers: response },
      })),
    });
    const base = simple({ response: [] });
    const opaque = evaluateExchange(provisional(base, [], 'net::ERR_ABORTED'));
    expect(opaque.classification.kind).toBe('no-cors');
    expect(opaque.outcome).toBe('not-cors');
    expect(opaque.inferred.find((f) => f.code === 'request-mode')).toMatchObject({ mode: 'no-cors' });
    // The same response with a header, or ending in net::ERR_FAILED, is still read as CORS.
    for (const [response, error] of [[[{ name: 'Content-Type', value: 'text/plain' }], 'net::ERR_ABORTED'], [[], 'net::ERR_FAILED']] as const) {
      expect(evaluateExchange(provisional(base, response, error)).classification.kind).not.toBe('no-cors');
    }
  });

  it('reports the triggers of a preflighted request', () => {
    const v = evaluateExchange(preflighted({ method: 'PUT', request: [['X-Api-Key', 'k']], preflightResponse: [ACAO, PUT_OK, ['Access-Control-Allow-Headers', 'x-api-key']] }));
    expect(v.classification.preflightNeeded).toBe(true);
    expect(v.classification.preflightTriggers).toEqual([
      { kind: 'method', method: 'PUT' },
      { kind: 'header', name: 'x-api-key' },
    ]);
    expect(v.outcome).toBe('allowed');
  });
});

describe('credentials inference', () => {
  it('a Cookie header on a cross-origin request means include (inferred)', () => {
    const v = evaluateExchange(simple({ request: [['Cookie', 'a=1']], response: [['Access-Control-Allow-Origin', '*']] }));
    expect(v.chromium.corsError).toBe('WildcardOriginNotAllowed');
    expect(v.checks.find((c) => c.id === 'request.credentials')?.provenance).toBe('inferred');
  });

  it('Sec-Fetch-Storage-Access on the request or (Firefox) its preflight means include (inferred), without any cookie', () => {
    const onRequest = simple({ request: [['Sec-Fetch-Storage-Access', 'none']], response: [ACAO] });
    const blocked = preflighted({ recorder: 'firefox', preflightResponse: [ACAO, PUT_OK], actual: null });
    const onPreflight: ObservedExchange = {
      ...blocked,
      legs: blocked.legs.map((l) =>
        l.preflight?.kind === 'observed' ? { ...l, preflight: { ...l.preflight, request: { ...l.preflight.request, headers: [...l.preflight.request.headers, { name: 'Sec-Fetch-Storage-Access', value: 'none' }] } } } : l,
      ),
    };
    for (const [x, corsError] of [[onRequest, 'InvalidAllowCredentials'], [onPreflight, 'PreflightInvalidAllowCredentials']] as const) {
      const v = evaluateExchange(x);
      expect(v.chromium.corsError).toBe(corsError);
      // Known from the header: one reading only, so no other reading to state.
      expect(v.inferred.find((f) => f.code === 'credentials-mode')).toMatchObject({ credentialed: true, otherReading: null });
      expect(v.warnings.some((w) => w.code === 'credentials-mode-inferred')).toBe(false);
    }
  });

  it('unknown credentials: a failed outcome selects the credentialed reading', () => {
    const v = evaluateExchange(simple({ response: [['Access-Control-Allow-Origin', '*']], outcome: { kind: 'failed', error: 'net::ERR_FAILED' } }));
    expect(v.chromium.corsError).toBe('WildcardOriginNotAllowed');
    const fact = v.inferred.find((f) => f.code === 'credentials-mode');
    expect(fact).toMatchObject({ credentialed: true, otherReading: { credentialed: false, chromium: { allowed: true }, firefox: { allowed: true } } });
    expect(v.warnings.map((w) => w.code)).toContain('credentials-mode-inferred');
  });

  it('unknown credentials: a completed request selects the other reading', () => {
    const v = evaluateExchange(simple({ response: [['Access-Control-Allow-Origin', '*']], outcome: { kind: 'succeeded' } }));
    expect(v.outcome).toBe('allowed');
    expect(v.inferred.find((f) => f.code === 'credentials-mode')).toMatchObject({ credentialed: false, otherReading: { credentialed: true, chromium: { allowed: false } } });
  });

  it('unknown credentials without an outcome: fetch() default, alternative stated', () => {
    const v = evaluateExchange(simple({ response: [ACAO] }));
    expect(v.outcome).toBe('allowed');
    expect(v.inferred.find((f) => f.code === 'credentials-mode')).toMatchObject({
      credentialed: false,
      otherReading: { credentialed: true, chromium: { corsError: 'InvalidAllowCredentials', failedParameter: '' }, firefox: { firefoxReason: 'CORSMissingAllowCredentials' } },
    });
  });

  it('Chromium\'s reported CorsError decides between readings', () => {
    const v = evaluateExchange(simple({ response: [ACAO], outcome: { kind: 'failed', error: 'net::ERR_FAILED', chromiumCorsError: 'InvalidAllowCredentials' } }));
    expect(v.chromium.corsError).toBe('InvalidAllowCredentials');
    expect(v.chromium.failedParameter).toBe('');
  });
});

describe('hidden causes and cache hits', () => {
  it('a cache-hit preflight is inferred, never observed', () => {
    const x = preflighted({ preflightResponse: [ACAO, PUT_OK] });
    const leg = x.legs[0];
    if (leg === undefined) throw new Error('no leg');
    const cached: ObservedExchange = {
      ...x,
      legs: [{ ...leg, preflight: { kind: 'cache-hit', cachedAt: 1_000, sourceResponse: { status: 204, headers: [{ name: 'Access-Control-Allow-Origin', value: PAGE }, { name: 'Access-Control-Allow-Methods', value: 'PUT' }, { name: 'Access-Control-Max-Age', value: '60' }] } } }],
    };
    const v = evaluateExchange(cached, { now: 2_000 });
    const row = v.checks.find((c) => c.id === 'preflight.cache');
    expect(row?.provenance).toBe('inferred');
    expect(row?.status).toBe('pass');
    expect(v.outcome).toBe('allowed');
    const stale = evaluateExchange(cached, { now: 1_000 + 61_000 });
    expect(stale.checks.find((c) => c.id === 'preflight.cache')?.status).toBe('unknown');
  });

  it('a blocked request with no visible preflight is a hidden cause, or Chromium\'s reported one', () => {
    const x = simple({ method: 'PUT', outcome: { kind: 'failed', error: 'net::ERR_FAILED' } });
    const leg = x.legs[0];
    if (leg === undefined) throw new Error('no leg');
    const blocked: ObservedExchange = { ...x, legs: [{ ...leg, response: null, request: { ...leg.request, headersProvisional: true } }] };
    const v = evaluateExchange(blocked);
    expect(v.code).toBe('blocked-cause-not-visible');
    expect(v.checks.find((c) => c.id === 'preflight.seen')?.status).toBe('unknown');
    const reported = evaluateExchange({ ...blocked, outcome: { kind: 'failed', error: 'net::ERR_FAILED', chromiumCorsError: 'MethodDisallowedByPreflightResponse' } });
    expect(reported.chromium.corsError).toBe('MethodDisallowedByPreflightResponse');
    expect(reported.chromium.failedParameter).toBe('PUT');
    expect(reported.inferred.find((f) => f.code === 'chromium-reported-cors-error')).toMatchObject({ corsError: 'MethodDisallowedByPreflightResponse' });
  });

  it('a preflight without a response is a network error: no CorsError in Chromium, CORSDidNotSucceed in Firefox', () => {
    const v = evaluateExchange(preflighted({ preflightResponse: null, actual: null, outcome: { kind: 'failed', error: 'net::ERR_EMPTY_RESPONSE' } }));
    expect(v.chromium.allowed).toBe(false);
    expect(v.chromium.corsError).toBeNull();
    expect(v.chromium.consoleMessage).toBe('Failed to load resource: net::ERR_EMPTY_RESPONSE');
    expect(v.firefox.firefoxReason).toBe('CORSDidNotSucceed');
    expect(v.code).toBe('preflight-network-error');
  });

  it('Firefox reports a blocked simple request as completed; the headers decide', () => {
    const v = evaluateExchange(simple({ recorder: 'firefox', response: [], outcome: { kind: 'succeeded' } }));
    expect(v.outcome).toBe('blocked');
    expect(v.code).toBe('missing-allow-origin');
    expect(v.warnings.map((w) => w.code)).not.toContain('outcome-contradicts-headers');
  });
});

describe("Chromium's header order after a redirect", () => {
  // A preflighted PUT [X-Zed, X-Abc] redirected (307, allowed) to a URL whose preflight allows
  // neither header. The second request was never sent.
  const redirected = (secondHeaders: readonly (readonly [string, string])[]): ObservedExchange => {
    const x = redirectedPreflighted(`${API}/b`, [['X-Zed', '1'], ['X-Abc', '2']], { preflightResponse: [ACAO_NULL, PUT_OK], actual: null });
    return { ...x, legs: x.legs.map((l, i) => (i === 1 ? { ...l, request: { ...l.request, headers: secondHeaders.map(([name, value]) => ({ name, value })) } } : l)) };
  };
  const orderFact = (v: ReturnType<typeof evaluateExchange>) => v.inferred.find((f) => f.code === 'header-order-unrecorded');

  it("takes the first request's order, and says the failed parameter is inferred, when the hop is recorded without the page's headers", () => {
    const v = evaluateExchange(redirected([['User-Agent', 'x'], ['Referer', `${PAGE}/`]]));
    expect([v.chromium.corsError, v.chromium.failedParameter]).toEqual(['HeaderDisallowedByPreflightResponse', 'x-zed']);
    expect(orderFact(v)).toMatchObject({ header: 'x-zed', candidates: ['x-zed', 'x-abc'] });
  });

  it("uses the hop's own order when it was recorded (webRequest lists every hop's headers)", () => {
    const v = evaluateExchange(redirected([['X-Abc', '2'], ['X-Zed', '1']]));
    expect(v.chromium.failedParameter).toBe('x-abc');
    expect(orderFact(v)).toBeUndefined();
  });
});


describe('request headers of a request blocked at its preflight', () => {
  // Chromium reports no request headers for a request its preflight stopped (VERIFIED.md): a POST
  // with Content-Type: application/json shows only its preflight's Access-Control-Request-Headers.
  // Lab, both browsers: a preflight allowing only x-requested-with blocks it (content-type).
  const unseen = (allowHeaders: string | null, recorder: 'chromium' | 'firefox' = 'chromium'): ObservedExchange => {
    const x = preflighted({
      recorder,
      method: 'POST',
      request: [['Content-Type', 'application/json']],
      preflightResponse: [ACAO, ...(allowHeaders === null ? [] : [['Access-Control-Allow-Headers', allowHeaders] as const])],
      actual: null,
    });
    return { ...x, legs: x.legs.map((l) => ({ ...l, request: { ...l.request, headers: l.request.headers.filter((h) => h.name.toLowerCase() !== 'content-type') } })) };
  };
  const fact = (v: ReturnType<typeof evaluateExchange>) => v.inferred.find((f) => f.code === 'request-headers-from-preflight');

  it.each<[string, string | null, boolean]>([
    ['Allow-Headers lists another header', 'x-requested-with', false],
    ['no Allow-Headers', null, false],
    ['Allow-Headers lists content-type', 'content-type', true],
    ['Allow-Headers: *', '*', true],
  ])('%s: both browsers judge the names the preflight lists', (_name, allowHeaders, allowed) => {
    const v = evaluateExchange({ ...unseen(allowHeaders), outcome: { kind: 'unknown' } });
    expect([v.chromium.allowed, v.firefox.allowed]).toEqual([allowed, allowed]);
    if (!allowed) expect([v.chromium.code, v.firefox.code]).toEqual(['header-disallowed-by-preflight', 'header-disallowed-by-preflight']);
    expect(fact(v)).toMatchObject({ names: ['content-type'] });
  });

  it('states nothing when the recording shows every header the preflight names', () => {
    const x = preflighted({ method: 'POST', request: [['Content-Type', 'application/json']], preflightResponse: [ACAO], actual: null });
    expect(fact(evaluateExchange(x))).toBeUndefined();
  });
});
