/**
 * `serverFix` on hand-built exchanges: which response gets which header, the smallest change, lists
 * extended with what the server already allowed, the origin a redirect tainted, and the reasons no
 * server change fixes. Every non-null fix is also proven: applied, both browsers allow it.
 */
import { describe, expect, it } from 'vitest';
import type { ObservedExchange } from '../../model/exchange.ts';
import type { ServerChange } from './types.ts';
import { evaluateExchange } from '../evaluate.ts';
import { captureEvidence } from './evidence.ts';
import { evaluateWithChanges } from './apply.ts';
import { serverFix } from './server-fix.ts';
import { ACAC, ACAO, API, OTHER, PAGE, PUT_OK, chain, fromOpaqueOrigin, preflighted, simple } from '../build-exchange.test-util.ts';

const fixOf = (x: ObservedExchange, capture: readonly ObservedExchange[] = [x]) => {
  const verdicts = capture.map((c) => evaluateExchange(c, { now: 0 }));
  const verdict = evaluateExchange(x, { now: 0 });
  const fix = serverFix(x, verdict, { evidence: captureEvidence(capture, verdicts), now: 0 });
  if (fix.server !== null) {
    const proof = evaluateWithChanges(x, verdict, fix.server, 0);
    expect([proof.chromium.code, proof.firefox.code], 'the fix is proven').toEqual([null, null]);
  }
  return fix;
};

const change = (method: string, url: string, headers: string[], more: Partial<ServerChange> = {}): ServerChange => ({ method, url, headers, ...more });
const ORIGIN_LINES = [`Access-Control-Allow-Origin: ${PAGE}`, 'Vary: Origin'];

describe('serverFix: the response that needs it, and only what it needs', () => {
  it.each<[string, ObservedExchange, readonly ServerChange[]]>([
    ['a missing ACAO: the response names the origin and varies on it', simple({ response: [] }), [change('GET', API, ORIGIN_LINES)]],
    ['two ACAO lines become one', simple({ response: [ACAO, ACAO] }), [change('GET', API, ORIGIN_LINES)]],
    ['a Vary list is extended, not replaced', simple({ response: [['Vary', 'Accept-Encoding']] }), [change('GET', API, [`Access-Control-Allow-Origin: ${PAGE}`, 'Vary: Accept-Encoding, Origin'])]],
    ['a right origin without ACAC: only the credentials line', simple({ credentials: 'include', response: [ACAO] }), [change('GET', API, ['Access-Control-Allow-Credentials: true'])]],
    [
      '`*` with credentials: the origin, credentials and Vary',
      simple({ credentials: 'include', response: [['Access-Control-Allow-Origin', '*']] }),
      [change('GET', API, [`Access-Control-Allow-Origin: ${PAGE}`, 'Access-Control-Allow-Credentials: true', 'Vary: Origin'])],
    ],
    [
      'a preflight answered 404: status 204, the origin and the method; the unsent request its own headers',
      preflighted({ preflightStatus: 404, preflightResponse: [], actual: null }),
      [change('OPTIONS', API, [`Access-Control-Allow-Origin: ${PAGE}`, 'Access-Control-Allow-Methods: PUT'], { status: 204 }), change('PUT', API, ORIGIN_LINES, { unrecorded: true })],
    ],
    [
      'a redirected preflight answers 204 itself',
      preflighted({ preflightStatus: 302, preflightResponse: [ACAO, PUT_OK, ['Location', OTHER]], actual: null }),
      [change('OPTIONS', API, [], { status: 204 }), change('PUT', API, ORIGIN_LINES, { unrecorded: true })],
    ],
    [
      'a missing header is added to the list the server sends, `*` kept for requests without credentials',
      preflighted({ credentials: 'include', request: [['X-Api-Key', 'k']], preflightResponse: [ACAO, ACAC, PUT_OK, ['Access-Control-Allow-Headers', '*']], actual: null }),
      [change('OPTIONS', API, ['Access-Control-Allow-Headers: *, x-api-key']), change('PUT', API, [`Access-Control-Allow-Origin: ${PAGE}`, 'Access-Control-Allow-Credentials: true', 'Vary: Origin'], { unrecorded: true })],
    ],
    [
      'a method listed in another case is added as sent (methods compare byte for byte)',
      preflighted({ method: 'PATCH', preflightResponse: [ACAO, ['Access-Control-Allow-Methods', 'patch']], actual: [ACAO] }),
      [change('OPTIONS', API, ['Access-Control-Allow-Methods: patch, PATCH'])],
    ],
    [
      'an unparsable method list keeps the methods it meant',
      preflighted({ preflightResponse: [ACAO, ['Access-Control-Allow-Methods', 'GET PUT']], actual: [ACAO] }),
      [change('OPTIONS', API, ['Access-Control-Allow-Methods: GET, PUT'])],
    ],
  ])('%s', (_name, x, expected) => {
    expect(fixOf(x).server).toEqual(expected);
  });

  it('is empty when both browsers allow it', () => {
    expect(fixOf(simple({ response: [ACAO] }))).toEqual({ server: [], note: null });
  });

  it('says the preflight step of a never-sent request needs answering before authentication', () => {
    expect(fixOf(preflighted({ preflightStatus: 401, preflightResponse: [], actual: null })).note).toMatch(/before authentication/);
  });
});

describe('serverFix keeps allowing what the server already allowed', () => {
  // The case: a PUT went through a preflight allowing PUT (then a cache entry); a DELETE's
  // preflight answer lists nothing. `Access-Control-Allow-Methods: DELETE` alone would break the PUT.
  const put = preflighted({ preflightResponse: [ACAO, PUT_OK, ['Access-Control-Max-Age', '600']], actual: [ACAO] });
  const cached: ObservedExchange = { ...put, id: 'cached', legs: put.legs.map((l) => ({ ...l, preflight: { kind: 'cache-hit', sourceExchangeId: 't', sourceResponse: { status: 204, headers: [{ name: 'Access-Control-Allow-Origin', value: PAGE }, { name: 'Access-Control-Allow-Methods', value: 'PUT' }] } } })) };
  const del = preflighted({ method: 'DELETE', preflightResponse: [ACAO], actual: null });

  it('extends the method list with what the capture shows', () => {
    expect(fixOf(del, [put, cached, del]).server?.[0]).toEqual(change('OPTIONS', API, ['Access-Control-Allow-Methods: PUT, DELETE']));
    expect(fixOf(del, [cached, del]).server?.[0]).toEqual(change('OPTIONS', API, ['Access-Control-Allow-Methods: PUT, DELETE']));
  });

  it('keeps to the URL: another URL\'s answers are not this one\'s', () => {
    const elsewhere = preflighted({ url: OTHER, method: 'PATCH', preflightResponse: [ACAO, ['Access-Control-Allow-Methods', 'PATCH']], actual: [ACAO] });
    expect(fixOf(del, [elsewhere, del]).server?.[0]).toEqual(change('OPTIONS', API, ['Access-Control-Allow-Methods: DELETE']));
  });
});

describe('serverFix after a cross-origin redirect (the origin becomes `null`)', () => {
  const redirected = (credentials: 'include' | 'omit'): ObservedExchange =>
    chain({ credentials }, [
      { url: API, status: 302, response: [['Location', OTHER], ACAO, ...(credentials === 'include' ? [ACAC] : [])] },
      { url: OTHER, origin: 'null', response: [ACAO] },
    ]);

  it('without credentials: `*` on the tainted hop only, and why', () => {
    const fix = fixOf(redirected('omit'));
    expect(fix.server).toEqual([change('GET', OTHER, ['Access-Control-Allow-Origin: *'])]);
    expect(fix.note).toMatch(/redirected to another origin[^]*avoid the cross-origin redirect[^]*`\*` lets it through/);
  });

  it('with credentials: no server fix; avoid the redirect, and why `null` is no answer', () => {
    const fix = fixOf(redirected('include'));
    expect(fix.server).toBeNull();
    expect(fix.note).toMatch(/avoid the cross-origin redirect[^]*With credentials no header fixes it safely[^]*sandboxed iframe/);
  });

  it('a redirect whose own CORS check failed leads to its Location, which needs the headers too', () => {
    const stopped = chain({}, [{ url: API, status: 302, response: [['Location', OTHER]] }]);
    expect(fixOf(stopped).server).toEqual([change('GET', API, ORIGIN_LINES), change('GET', OTHER, ['Access-Control-Allow-Origin: *'], { unrecorded: true })]);
  });
});

describe('serverFix for an opaque page origin (a sandboxed iframe)', () => {
  it('without credentials: `*`, which does not allow `null` itself', () => {
    const fix = fixOf(fromOpaqueOrigin(simple({ response: [] })));
    expect(fix.server).toEqual([change('GET', API, ['Access-Control-Allow-Origin: *'])]);
  });
  it('with credentials: `null` and credentials, with the risk spelled out', () => {
    const fix = fixOf(fromOpaqueOrigin(simple({ credentials: 'include', response: [] })));
    expect(fix.server).toEqual([change('GET', API, ['Access-Control-Allow-Origin: null', 'Access-Control-Allow-Credentials: true', 'Vary: Origin'])]);
    expect(fix.note).toMatch(/^`Access-Control-Allow-Origin: null` would let it through, but every sandboxed iframe/);
  });
});

describe('serverFix is null when no server change fixes it', () => {
  it.each<[string, ObservedExchange, RegExp]>([
    ['a preflight that got no response', preflighted({ preflightResponse: null, actual: null, outcome: { kind: 'failed', error: 'net::ERR_EMPTY_RESPONSE' } }), /accepts OPTIONS/],
    ['a redirect to user:password@', chain({}, [{ url: API, status: 302, response: [ACAO, ['Location', 'http://u:p@127.0.0.1:9001/x']] }]), /Remove the credentials from the Location/],
    ['a redirect to ftp:', chain({}, [{ url: API, status: 302, response: [ACAO, ['Location', 'ftp://127.0.0.1/x']] }]), /http\(s\)/],
  ])('%s', (_name, x, note) => {
    const fix = fixOf(x);
    expect(fix.server).toBeNull();
    expect(fix.note).toMatch(note);
  });
});
