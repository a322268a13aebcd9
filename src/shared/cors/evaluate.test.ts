import { describe, expect, it } from 'vitest';
import { evaluateExchange } from './evaluate.ts';
import type { ChromiumCorsError, FirefoxReason } from './codes.ts';
import type { FactCode } from './verdict.ts';
import type { ExchangeLeg, HttpHeader, ObservedExchange, ObservedRequest } from '../model/exchange.ts';
import { LNA_NET_ERROR } from './rules/local-network.ts';
import { ACAC, ACAO, API, OTHER, PAGE, chain, preflighted, simple, type Pairs } from './build-exchange.test-util.ts';

interface Row {
  readonly name: string;
  readonly x: ObservedExchange;
  /** [CorsError, failedParameter] or null when Chromium allows it. */
  readonly chromium: readonly [ChromiumCorsError, string] | null;
  /** Firefox's reason, `allowed`, or null when Firefox blocks without a CORS reason. */
  readonly firefox: FirefoxReason | 'allowed' | null;
}

const PUT_OK: readonly [string, string] = ['Access-Control-Allow-Methods', 'PUT'];
const ACAO_NULL: readonly [string, string] = ['Access-Control-Allow-Origin', 'null'];

/** `x` as sent from an opaque origin: `Origin: null` on its requests and preflights; the recorder still names the page. */
function fromOpaqueOrigin(x: ObservedExchange): ObservedExchange {
  const nullOrigin = (r: ObservedRequest): ObservedRequest => ({ ...r, headers: r.headers.map((hd) => (hd.name === 'Origin' ? { ...hd, value: 'null' } : hd)) });
  return {
    ...x,
    legs: x.legs.map((l) => ({ ...l, request: nullOrigin(l.request), preflight: l.preflight?.kind === 'observed' ? { ...l.preflight, request: nullOrigin(l.preflight.request) } : l.preflight })),
  };
}

/**
 * A preflighted PUT (headers `request`) allowed at API, redirected with 307 to `to`, where it is
 * preflighted again and answered with `second` (`actual: null`: blocked at that preflight). The
 * second request says `Origin: null` (tainted); the outcome is failed when it was blocked.
 */
function redirectedPreflighted(to: string, request: Pairs, second: { readonly preflightResponse: Pairs; readonly actual: Pairs | null }): ObservedExchange {
  const names = request.map(([n]) => n.toLowerCase()).join(', ');
  const first = preflighted({ request, preflightResponse: [ACAO, PUT_OK, ['Access-Control-Allow-Headers', names]], status: 307, actual: [ACAO, ['Location', to]] });
  const next = preflighted({ url: to, request, ...second });
  const leg0 = first.legs[0];
  const leg1 = next.legs[0];
  if (leg0 === undefined || leg1 === undefined) throw new Error('no leg');
  // Recorded by Chromium, which sends `Origin: null` on both (Firefox puts the page's on the preflight).
  const taint = (r: ObservedRequest): ObservedRequest => ({ ...r, headers: r.headers.map((h) => (h.name === 'Origin' ? { ...h, value: 'null' } : h)) });
  const preflight = leg1.preflight?.kind === 'observed' ? { ...leg1.preflight, request: taint(leg1.preflight.request) } : leg1.preflight;
  return {
    ...first,
    outcome: second.actual === null ? { kind: 'failed', error: 'net::ERR_FAILED' } : { kind: 'succeeded' },
    legs: [leg0, { ...leg1, preflight, request: taint(leg1.request) }],
  };
}

// Every CorsError the evaluator can produce from headers, with Firefox's reason for the same
// exchange. Each row reproduces a scenario recorded in Chromium 156 and Firefox 153 (VERIFIED.md).
const ROWS: readonly Row[] = [
  // CORS check, plain responses (https://fetch.spec.whatwg.org/#cors-check).
  // - ACAO absent, whatever the status.
  { name: 'no ACAO', x: simple({ response: [] }), chromium: ['MissingAllowOriginHeader', ''], firefox: 'CORSMissingAllowOrigin' },
  { name: 'no ACAO on a 500', x: simple({ status: 500, response: [] }), chromium: ['MissingAllowOriginHeader', ''], firefox: 'CORSMissingAllowOrigin' },
  { name: 'no ACAO on a 304', x: simple({ status: 304, response: [] }), chromium: ['MissingAllowOriginHeader', ''], firefox: 'CORSMissingAllowOrigin' },
  // - Any status is fine for the actual response once ACAO matches.
  { name: 'ACAO on a 500', x: simple({ status: 500, response: [ACAO] }), chromium: null, firefox: 'allowed' },
  // - Chromium: a space or comma means "multiple values", duplicate lines included; Firefox counts lines.
  { name: 'ACAO twice', x: simple({ response: [ACAO, ACAO] }), chromium: ['MultipleAllowOriginValues', `${PAGE}, ${PAGE}`], firefox: 'CORSMultipleAllowOriginNotAllowed' },
  { name: 'ACAO * twice', x: simple({ response: [['Access-Control-Allow-Origin', '*'], ['Access-Control-Allow-Origin', '*']] }), chromium: ['MultipleAllowOriginValues', '*, *'], firefox: 'CORSMultipleAllowOriginNotAllowed' },
  { name: 'ACAO list on one line', x: simple({ response: [['Access-Control-Allow-Origin', `${PAGE}, http://example.com`]] }), chromium: ['MultipleAllowOriginValues', `${PAGE}, http://example.com`], firefox: 'CORSAllowOriginNotMatchingOrigin' },
  { name: 'ACAO with a space', x: simple({ response: [['Access-Control-Allow-Origin', `${PAGE} x`]] }), chromium: ['MultipleAllowOriginValues', `${PAGE} x`], firefox: 'CORSAllowOriginNotMatchingOrigin' },
  // - Chromium: not a URL → InvalidAllowOriginValue; Firefox: simply not matching.
  { name: 'ACAO foo', x: simple({ response: [['Access-Control-Allow-Origin', 'foo']] }), chromium: ['InvalidAllowOriginValue', 'foo'], firefox: 'CORSAllowOriginNotMatchingOrigin' },
  { name: 'ACAO empty', x: simple({ response: [['Access-Control-Allow-Origin', '']] }), chromium: ['InvalidAllowOriginValue', ''], firefox: 'CORSAllowOriginNotMatchingOrigin' },
  { name: 'ACAO quoted *', x: simple({ response: [['Access-Control-Allow-Origin', '"*"']] }), chromium: ['InvalidAllowOriginValue', '"*"'], firefox: 'CORSAllowOriginNotMatchingOrigin' },
  { name: 'ACAO http://', x: simple({ response: [['Access-Control-Allow-Origin', 'http://']] }), chromium: ['InvalidAllowOriginValue', 'http://'], firefox: 'CORSAllowOriginNotMatchingOrigin' },
  // - A valid URL that is not the origin, byte for byte.
  { name: 'ACAO trailing slash', x: simple({ response: [['Access-Control-Allow-Origin', `${PAGE}/`]] }), chromium: ['AllowOriginMismatch', `${PAGE}/`], firefox: 'CORSAllowOriginNotMatchingOrigin' },
  { name: 'ACAO upper case', x: simple({ response: [['Access-Control-Allow-Origin', PAGE.toUpperCase()]] }), chromium: ['AllowOriginMismatch', PAGE.toUpperCase()], firefox: 'CORSAllowOriginNotMatchingOrigin' },
  { name: 'ACAO null', x: simple({ response: [['Access-Control-Allow-Origin', 'null']] }), chromium: ['AllowOriginMismatch', 'null'], firefox: 'CORSAllowOriginNotMatchingOrigin' },
  { name: 'ACAO other origin', x: simple({ response: [['Access-Control-Allow-Origin', 'http://example.com']] }), chromium: ['AllowOriginMismatch', 'http://example.com'], firefox: 'CORSAllowOriginNotMatchingOrigin' },
  // - An opaque origin (sandboxed frame, data: or file: page) sends `Origin: null` on the first URL
  //   and is checked against `null`, whatever page the recorder names
  //   (https://fetch.spec.whatwg.org/#serializing-a-request-origin; scenarios null-origin-*).
  { name: 'opaque origin, ACAO null', x: fromOpaqueOrigin(simple({ response: [ACAO_NULL] })), chromium: null, firefox: 'allowed' },
  { name: 'opaque origin, ACAO names the page', x: fromOpaqueOrigin(simple({ response: [ACAO] })), chromium: ['AllowOriginMismatch', PAGE], firefox: 'CORSAllowOriginNotMatchingOrigin' },
  { name: 'opaque origin, preflight ACAO null', x: fromOpaqueOrigin(preflighted({ preflightResponse: [ACAO_NULL, PUT_OK], actual: [ACAO_NULL] })), chromium: null, firefox: 'allowed' },
  // Credentials (https://fetch.spec.whatwg.org/#cors-protocol-and-credentials).
  // - `*` never allows a credentialed request; ACAC is not even consulted.
  { name: '* with credentials', x: simple({ credentials: 'include', response: [['Access-Control-Allow-Origin', '*'], ACAC] }), chromium: ['WildcardOriginNotAllowed', ''], firefox: 'CORSNotSupportingCredentials' },
  { name: '* without credentials', x: simple({ credentials: 'omit', response: [['Access-Control-Allow-Origin', '*']] }), chromium: null, firefox: 'allowed' },
  // - ACAC must be exactly `true`.
  { name: 'ACAC missing', x: simple({ credentials: 'include', response: [ACAO] }), chromium: ['InvalidAllowCredentials', ''], firefox: 'CORSMissingAllowCredentials' },
  { name: 'ACAC TRUE', x: simple({ credentials: 'include', response: [ACAO, ['Access-Control-Allow-Credentials', 'TRUE']] }), chromium: ['InvalidAllowCredentials', 'TRUE'], firefox: 'CORSMissingAllowCredentials' },
  { name: 'ACAC twice', x: simple({ credentials: 'include', response: [ACAO, ACAC, ACAC] }), chromium: ['InvalidAllowCredentials', 'true, true'], firefox: 'CORSMissingAllowCredentials' },
  { name: 'ACAC ok', x: simple({ credentials: 'include', response: [ACAO, ACAC] }), chromium: null, firefox: 'allowed' },
  // - The origin is checked before credentials.
  { name: 'credentialed mismatch', x: simple({ credentials: 'include', response: [['Access-Control-Allow-Origin', 'http://example.com']] }), chromium: ['AllowOriginMismatch', 'http://example.com'], firefox: 'CORSAllowOriginNotMatchingOrigin' },
  // The CORS-preflight (https://fetch.spec.whatwg.org/#cors-preflight-fetch).
  // - The CORS check runs before the status check in both browsers.
  { name: 'preflight 404 without ACAO', x: preflighted({ preflightStatus: 404, preflightResponse: [], actual: null }), chromium: ['PreflightMissingAllowOriginHeader', ''], firefox: 'CORSMissingAllowOrigin' },
  { name: 'preflight 404 with ACAO', x: preflighted({ preflightStatus: 404, preflightResponse: [ACAO, PUT_OK], actual: null }), chromium: ['PreflightInvalidStatus', ''], firefox: 'CORSPreflightDidNotSucceed' },
  { name: 'preflight 500, status before method', x: preflighted({ preflightStatus: 500, preflightResponse: [ACAO, ['Access-Control-Allow-Methods', 'GET']], actual: null }), chromium: ['PreflightInvalidStatus', ''], firefox: 'CORSPreflightDidNotSucceed' },
  { name: 'preflight mismatch beats status', x: preflighted({ preflightStatus: 500, preflightResponse: [['Access-Control-Allow-Origin', 'http://example.com']], actual: null }), chromium: ['PreflightAllowOriginMismatch', 'http://example.com'], firefox: 'CORSAllowOriginNotMatchingOrigin' },
  // - Chromium checks the redirect first; Firefox runs the CORS check first.
  { name: 'preflight 302 with ACAO', x: preflighted({ preflightStatus: 302, preflightResponse: [ACAO, ['Location', `${API}/`]], actual: null }), chromium: ['PreflightDisallowedRedirect', ''], firefox: 'CORSExternalRedirectNotAllowed' },
  { name: 'preflight 302 without ACAO', x: preflighted({ preflightStatus: 302, preflightResponse: [['Location', `${API}/`]], actual: null }), chromium: ['PreflightDisallowedRedirect', ''], firefox: 'CORSMissingAllowOrigin' },
  { name: 'preflight 302, credentialed, no ACAC', x: preflighted({ credentials: 'include', preflightStatus: 302, preflightResponse: [ACAO, ['Location', `${API}/`]], actual: null }), chromium: ['PreflightDisallowedRedirect', ''], firefox: 'CORSMissingAllowCredentials' },
  // - Preflight twins of the CORS-check errors, judged with the actual request's credentials.
  { name: 'preflight ACAO twice', x: preflighted({ preflightResponse: [ACAO, ACAO, PUT_OK], actual: null }), chromium: ['PreflightMultipleAllowOriginValues', `${PAGE}, ${PAGE}`], firefox: 'CORSMultipleAllowOriginNotAllowed' },
  { name: 'preflight ACAO foo', x: preflighted({ preflightResponse: [['Access-Control-Allow-Origin', 'foo'], PUT_OK], actual: null }), chromium: ['PreflightInvalidAllowOriginValue', 'foo'], firefox: 'CORSAllowOriginNotMatchingOrigin' },
  { name: 'preflight ACAO null', x: preflighted({ preflightResponse: [['Access-Control-Allow-Origin', 'null'], PUT_OK], actual: null }), chromium: ['PreflightAllowOriginMismatch', 'null'], firefox: 'CORSAllowOriginNotMatchingOrigin' },
  { name: 'preflight * with credentials', x: preflighted({ credentials: 'include', preflightResponse: [['Access-Control-Allow-Origin', '*'], ACAC, PUT_OK], actual: null }), chromium: ['PreflightWildcardOriginNotAllowed', ''], firefox: 'CORSNotSupportingCredentials' },
  { name: 'preflight without ACAC', x: preflighted({ credentials: 'include', preflightResponse: [ACAO, PUT_OK], actual: null }), chromium: ['PreflightInvalidAllowCredentials', ''], firefox: 'CORSMissingAllowCredentials' },
  { name: 'preflight 404 credentialed without ACAC', x: preflighted({ credentials: 'include', preflightStatus: 404, preflightResponse: [ACAO], actual: null }), chromium: ['PreflightInvalidAllowCredentials', ''], firefox: 'CORSMissingAllowCredentials' },
  // - Allow-Methods: tokens, compared byte for byte; `*` only without credentials.
  { name: 'no ACAM', x: preflighted({ preflightResponse: [ACAO], actual: null }), chromium: ['MethodDisallowedByPreflightResponse', 'PUT'], firefox: 'CORSMethodNotFound' },
  { name: 'ACAM lower-case put', x: preflighted({ preflightResponse: [ACAO, ['Access-Control-Allow-Methods', 'put']], actual: null }), chromium: ['MethodDisallowedByPreflightResponse', 'PUT'], firefox: 'CORSMethodNotFound' },
  { name: 'ACAM PATCH for patch', x: preflighted({ method: 'patch', preflightResponse: [ACAO, ['Access-Control-Allow-Methods', 'PATCH']], actual: null }), chromium: ['MethodDisallowedByPreflightResponse', 'patch'], firefox: 'CORSMethodNotFound' },
  { name: 'ACAM *', x: preflighted({ preflightResponse: [ACAO, ['Access-Control-Allow-Methods', '*']] }), chromium: null, firefox: 'allowed' },
  { name: 'ACAM * with credentials', x: preflighted({ credentials: 'include', preflightResponse: [ACAO, ACAC, ['Access-Control-Allow-Methods', '*']], actual: null }), chromium: ['MethodDisallowedByPreflightResponse', 'PUT'], firefox: 'CORSMethodNotFound' },
  { name: 'ACAM empty items', x: preflighted({ preflightResponse: [ACAO, ['Access-Control-Allow-Methods', 'GET,,PUT']] }), chromium: null, firefox: 'allowed' },
  { name: 'ACAM on two lines', x: preflighted({ preflightResponse: [ACAO, ['Access-Control-Allow-Methods', 'GET'], PUT_OK] }), chromium: null, firefox: 'allowed' },
  { name: 'ACAM PUT;', x: preflighted({ preflightResponse: [ACAO, ['Access-Control-Allow-Methods', 'PUT;']], actual: null }), chromium: ['InvalidAllowMethodsPreflightResponse', ''], firefox: 'CORSInvalidAllowMethod' },
  { name: 'ACAM GET PUT', x: preflighted({ preflightResponse: [ACAO, ['Access-Control-Allow-Methods', 'GET PUT']], actual: null }), chromium: ['InvalidAllowMethodsPreflightResponse', ''], firefox: 'CORSInvalidAllowMethod' },
  { name: 'ACAM invalid on a GET preflight', x: preflighted({ method: 'GET', request: [['X-Foo', '1']], preflightResponse: [ACAO, ['Access-Control-Allow-Methods', 'PUT;'], ['Access-Control-Allow-Headers', 'x-foo']], actual: null }), chromium: ['InvalidAllowMethodsPreflightResponse', ''], firefox: 'CORSInvalidAllowMethod' },
  // - Chromium parses both lists before matching; Firefox parses and matches ACAM, then ACAH.
  { name: 'ACAH invalid vs method missing', x: preflighted({ request: [['X-Foo', '1']], preflightResponse: [ACAO, ['Access-Control-Allow-Methods', 'GET'], ['Access-Control-Allow-Headers', 'x;y']], actual: null }), chromium: ['InvalidAllowHeadersPreflightResponse', ''], firefox: 'CORSMethodNotFound' },
  { name: 'ACAH x-foo;', x: preflighted({ method: 'GET', request: [['X-Foo', '1']], preflightResponse: [ACAO, ['Access-Control-Allow-Headers', 'x-foo;']], actual: null }), chromium: ['InvalidAllowHeadersPreflightResponse', ''], firefox: 'CORSInvalidAllowHeader' },
  // - Allow-Headers: case-insensitive; Chromium reports the first missing name in the request's
  //   recorded header order (not sorted; found by differential fuzzing, see VERIFIED.md).
  { name: 'ACAH missing', x: preflighted({ method: 'GET', request: [['X-Foo', '1']], preflightResponse: [ACAO], actual: null }), chromium: ['HeaderDisallowedByPreflightResponse', 'x-foo'], firefox: 'CORSMissingAllowHeaderFromPreflight' },
  { name: 'ACAH recorded order', x: preflighted({ method: 'GET', request: [['X-Zed', '1'], ['X-Abc', '2']], preflightResponse: [ACAO], actual: null }), chromium: ['HeaderDisallowedByPreflightResponse', 'x-zed'], firefox: 'CORSMissingAllowHeaderFromPreflight' },
  { name: 'ACAH recorded order, value-unsafe first', x: preflighted({ method: 'GET', request: [['Range', 'bytes=0-1,5-6'], ['Content-Type', 'application/json']], preflightResponse: [ACAO], actual: null }), chromium: ['HeaderDisallowedByPreflightResponse', 'range'], firefox: 'CORSMissingAllowHeaderFromPreflight' },
  { name: 'ACAH recorded order, allowed ones skipped', x: preflighted({ method: 'GET', request: [['X-Zed', '1'], ['X-Abc', '2']], preflightResponse: [ACAO, ['Access-Control-Allow-Headers', 'x-zed']], actual: null }), chromium: ['HeaderDisallowedByPreflightResponse', 'x-abc'], firefox: 'CORSMissingAllowHeaderFromPreflight' },
  { name: 'ACAH upper case', x: preflighted({ method: 'GET', request: [['X-Foo', '1']], preflightResponse: [ACAO, ['Access-Control-Allow-Headers', 'X-FOO']] }), chromium: null, firefox: 'allowed' },
  { name: 'Content-Type json', x: preflighted({ method: 'POST', request: [['Content-Type', 'application/json']], preflightResponse: [ACAO], actual: null }), chromium: ['HeaderDisallowedByPreflightResponse', 'content-type'], firefox: 'CORSMissingAllowHeaderFromPreflight' },
  // - `*` covers every header without credentials, Authorization included (Chromium 156 and Firefox 153; the spec disagrees).
  { name: 'ACAH * with Authorization', x: preflighted({ method: 'GET', request: [['Authorization', 'Bearer x']], preflightResponse: [ACAO, ['Access-Control-Allow-Headers', '*']] }), chromium: null, firefox: 'allowed' },
  { name: 'ACAH * with credentials', x: preflighted({ method: 'GET', credentials: 'include', request: [['X-Foo', '1']], preflightResponse: [ACAO, ACAC, ['Access-Control-Allow-Headers', '*']], actual: null }), chromium: ['HeaderDisallowedByPreflightResponse', 'x-foo'], firefox: 'CORSMissingAllowHeaderFromPreflight' },
  // - A passing preflight does not excuse the actual response.
  { name: 'actual response without ACAO', x: preflighted({ preflightResponse: [ACAO, PUT_OK], actual: [] }), chromium: ['MissingAllowOriginHeader', ''], firefox: 'CORSMissingAllowOrigin' },
  // Redirects (https://fetch.spec.whatwg.org/#concept-http-redirect-fetch).
  // - Every redirect response passes the CORS check first.
  { name: 'redirect without ACAO', x: chain({}, [{ url: API, status: 302, response: [['Location', `${API}/b`]] }, { url: `${API}/b`, response: [ACAO] }]), chromium: ['MissingAllowOriginHeader', ''], firefox: 'CORSMissingAllowOrigin' },
  // - A same-origin first URL is still mode cors: redirected to another origin, the rules apply
  //   (scenario redirect-same-origin-to-userinfo).
  { name: 'same-origin hop redirected to user:pass@ another origin', x: chain({}, [{ url: `${PAGE}/a`, status: 302, response: [['Location', 'http://u:p@127.0.0.1:9000/b']] }]), chromium: ['RedirectContainsCredentials', ''], firefox: 'CORSDidNotSucceed' },
  { name: 'redirect without ACAO to user:pass', x: chain({}, [{ url: API, status: 302, response: [['Location', 'http://u:p@127.0.0.1:9000/b']] }]), chromium: ['MissingAllowOriginHeader', ''], firefox: 'CORSMissingAllowOrigin' },
  // - Then the location: credentials, scheme.
  { name: 'redirect to user:pass', x: chain({}, [{ url: API, status: 302, response: [ACAO, ['Location', 'http://u:p@127.0.0.1:9000/b']] }]), chromium: ['RedirectContainsCredentials', ''], firefox: 'CORSDidNotSucceed' },
  { name: 'redirect to user:pass on the page origin', x: chain({}, [{ url: API, status: 302, response: [ACAO, ['Location', 'http://u:p@localhost:8000/b']] }]), chromium: ['RedirectContainsCredentials', ''], firefox: 'CORSDidNotSucceed' },
  { name: 'redirect to ftp:', x: chain({}, [{ url: API, status: 302, response: [ACAO, ['Location', 'ftp://127.0.0.1/x']] }]), chromium: ['CorsDisabledScheme', ''], firefox: 'CORSRequestNotHttp' },
  // - A cross-origin hop taints the origin: the next hop sends and is checked against `null`.
  { name: 'tainted hop allowed by null', x: chain({}, [{ url: API, status: 302, response: [ACAO, ['Location', OTHER]] }, { url: OTHER, origin: 'null', response: [['Access-Control-Allow-Origin', 'null']] }]), chromium: null, firefox: 'allowed' },
  { name: 'tainted hop with the page origin', x: chain({}, [{ url: API, status: 302, response: [ACAO, ['Location', OTHER]] }, { url: OTHER, origin: 'null', response: [ACAO] }]), chromium: ['AllowOriginMismatch', PAGE], firefox: 'CORSAllowOriginNotMatchingOrigin' },
  { name: 'tainted hop back to the page origin', x: chain({}, [{ url: API, status: 302, response: [ACAO, ['Location', `${PAGE}/b`]] }, { url: `${PAGE}/b`, origin: 'null', response: [] }]), chromium: ['MissingAllowOriginHeader', ''], firefox: 'CORSMissingAllowOrigin' },
  // - Firefox does not CORS-check a preflight to the page's own origin after a redirect (status,
  //   methods and headers still count); Chromium does (scenarios redirect-back-preflight-*).
  { name: 'preflight back at the page origin without ACAO', x: redirectedPreflighted(`${PAGE}/b`, [], { preflightResponse: [PUT_OK], actual: [ACAO_NULL] }), chromium: ['PreflightMissingAllowOriginHeader', ''], firefox: 'allowed' },
  { name: 'preflight back at the page origin without ACAM', x: redirectedPreflighted(`${PAGE}/b`, [], { preflightResponse: [ACAO_NULL], actual: null }), chromium: ['MethodDisallowedByPreflightResponse', 'PUT'], firefox: 'CORSMethodNotFound' },
  { name: 'preflight at another origin without ACAO', x: redirectedPreflighted(OTHER, [], { preflightResponse: [PUT_OK], actual: null }), chromium: ['PreflightMissingAllowOriginHeader', ''], firefox: 'CORSMissingAllowOrigin' },
  { name: 'tainted hop, * with credentials', x: chain({ credentials: 'include' }, [{ url: API, status: 302, response: [ACAO, ACAC, ['Location', OTHER]] }, { url: OTHER, origin: 'null', response: [['Access-Control-Allow-Origin', '*'], ACAC] }]), chromium: ['WildcardOriginNotAllowed', ''], firefox: 'CORSNotSupportingCredentials' },
  // Request mode (https://fetch.spec.whatwg.org/#concept-main-fetch).
  { name: 'same-origin mode, cross-origin URL', x: { ...simple({ response: [ACAO] }), mode: 'same-origin' }, chromium: ['DisallowedByMode', ''], firefox: null },
];

describe('evaluateExchange: every CorsError and Firefox reason', () => {
  it.each(ROWS)('$name', ({ x, chromium, firefox }) => {
    const v = evaluateExchange(x);
    expect(v.chromium.allowed).toBe(chromium === null);
    expect(v.chromium.corsError).toBe(chromium?.[0] ?? null);
    expect(v.chromium.failedParameter).toBe(chromium?.[1] ?? null);
    expect(v.firefox.allowed).toBe(firefox === 'allowed');
    expect(v.firefox.firefoxReason).toBe(firefox === 'allowed' ? null : firefox);
    expect(v.outcome).toBe(chromium === null ? 'allowed' : 'blocked');
    expect(v.browsersDisagree).toBe((chromium === null) !== (firefox === 'allowed'));
  });
});

// Exact console lines, as printed by Chromium 156 and Firefox 153 for the same scenarios.
describe('console messages', () => {
  const at = (x: ObservedExchange) => evaluateExchange(x);

  it('fetch() mismatch ends with the valid-value advice (Chromium 156)', () => {
    const v = at(simple({ response: [['Access-Control-Allow-Origin', `${PAGE}/`]] }));
    expect(v.chromium.consoleMessage).toBe(
      `Access to fetch at '${API}' from origin '${PAGE}' has been blocked by CORS policy: The 'Access-Control-Allow-Origin' header has a value '${PAGE}/' that is not equal to the supplied origin. Have the server send the header with a valid value.`,
    );
    expect(v.firefox.consoleMessage).toBe(
      `Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ${API}. (Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘${PAGE}/’).`,
    );
  });

  it('a missing ACAO has no suffix for fetch(), and Firefox quotes the status', () => {
    const v = at(simple({ status: 404, response: [] }));
    expect(v.chromium.consoleMessage).toBe(
      `Access to fetch at '${API}' from origin '${PAGE}' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.`,
    );
    expect(v.firefox.consoleMessage).toBe(
      `Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ${API}. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 404.`,
    );
  });

  it('XMLHttpRequest gets the withCredentials hint, and Firefox quotes the URL for `*`', () => {
    const v = at(simple({ resourceType: 'xhr', credentials: 'include', response: [['Access-Control-Allow-Origin', '*']] }));
    expect(v.chromium.consoleMessage).toBe(
      `Access to XMLHttpRequest at '${API}' from origin '${PAGE}' has been blocked by CORS policy: The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'. The credentials mode of requests initiated by the XMLHttpRequest is controlled by the withCredentials attribute.`,
    );
    expect(v.firefox.consoleMessage).toBe(
      `Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ‘${API}’. (Reason: Credential is not supported if the CORS header ‘Access-Control-Allow-Origin’ is ‘*’).`,
    );
  });

  it('XMLHttpRequest mismatch has no suffix', () => {
    const v = at(simple({ resourceType: 'xhr', response: [['Access-Control-Allow-Origin', 'http://example.com']] }));
    expect(v.chromium.consoleMessage).toBe(
      `Access to XMLHttpRequest at '${API}' from origin '${PAGE}' has been blocked by CORS policy: The 'Access-Control-Allow-Origin' header has a value 'http://example.com' that is not equal to the supplied origin.`,
    );
  });

  it('preflight errors carry the preflight prefix; method and header errors do not', () => {
    const status = at(preflighted({ preflightStatus: 404, preflightResponse: [ACAO], actual: null }));
    expect(status.chromium.consoleMessage).toBe(
      `Access to fetch at '${API}' from origin '${PAGE}' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: It does not have HTTP ok status.`,
    );
    expect(status.firefox.consoleMessage).toBe(
      `Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ${API}. (Reason: CORS preflight response did not succeed). Status code: 404.`,
    );
    const header = at(preflighted({ method: 'GET', request: [['X-Foo', '1']], preflightResponse: [ACAO], actual: null }));
    expect(header.chromium.consoleMessage).toBe(
      `Access to fetch at '${API}' from origin '${PAGE}' has been blocked by CORS policy: Request header field x-foo is not allowed by Access-Control-Allow-Headers in preflight response.`,
    );
    expect(header.firefox.consoleMessage).toBe(
      `Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ${API}. (Reason: header ‘x-foo’ is not allowed according to header ‘Access-Control-Allow-Headers’ from CORS preflight response).`,
    );
    const token = at(preflighted({ preflightResponse: [ACAO, ['Access-Control-Allow-Methods', 'GET PUT']], actual: null }));
    expect(token.firefox.consoleMessage).toBe(
      `Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ${API}. (Reason: invalid token ‘GET PUT’ in CORS header ‘Access-Control-Allow-Methods’).`,
    );
  });

  it('redirects name the failing URL and the first one', () => {
    const v = at(chain({}, [{ url: API, status: 302, response: [ACAO, ['Location', OTHER]] }, { url: OTHER, origin: 'null', response: [ACAO] }]));
    expect(v.chromium.consoleMessage).toBe(
      `Access to fetch at '${OTHER}' (redirected from '${API}') from origin '${PAGE}' has been blocked by CORS policy: The 'Access-Control-Allow-Origin' header has a value '${PAGE}' that is not equal to the supplied origin. Have the server send the header with a valid value.`,
    );
    const creds = at(chain({}, [{ url: API, status: 302, response: [ACAO, ['Location', 'http://u:p@127.0.0.1:9000/b']] }]));
    expect(creds.chromium.consoleMessage).toBe(
      `Access to fetch at '${API}' from origin '${PAGE}' has been blocked by CORS policy: Redirect location '' contains a username and password, which is disallowed for cross-origin requests.`,
    );
    expect(creds.firefox.consoleMessage).toBe(
      `Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ${API}. (Reason: CORS request did not succeed). Status code: (null).`,
    );
  });
});

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

describe('warnings', () => {
  const codes = (x: ObservedExchange) => evaluateExchange(x).warnings.map((w) => w.code);

  it('reflected origin without Vary, with and without credentials', () => {
    expect(codes(simple({ response: [ACAO] }))).toContain('reflected-origin-without-vary');
    expect(codes(simple({ response: [ACAO, ['Vary', 'Accept-Encoding, Origin']] }))).not.toContain('reflected-origin-without-vary');
    expect(codes(simple({ credentials: 'include', response: [ACAO, ACAC] }))).toContain('reflected-origin-with-credentials');
  });

  it('ACAO null is flagged', () => {
    expect(codes(chain({}, [{ url: API, status: 302, response: [ACAO, ['Location', OTHER], ['Vary', 'Origin']] }, { url: OTHER, origin: 'null', response: [['Access-Control-Allow-Origin', 'null']] }]))).toContain('null-origin-allowed');
  });

  it('Max-Age above a cap, or unparsable', () => {
    expect(codes(preflighted({ preflightResponse: [ACAO, PUT_OK, ['Access-Control-Max-Age', '86400'], ['Vary', 'Origin']], actual: [ACAO, ['Vary', 'Origin']] }))).toContain('max-age-above-cap');
    expect(codes(preflighted({ preflightResponse: [ACAO, PUT_OK, ['Access-Control-Max-Age', '60abc']] }))).toContain('max-age-invalid');
  });

  it('unexposed response headers', () => {
    const v = evaluateExchange(simple({ response: [ACAO, ['Vary', 'Origin'], ['X-Total-Count', '3'], ['ETag', '"x"'], ['Access-Control-Expose-Headers', 'etag']] }));
    const w = v.warnings.find((x) => x.code === 'headers-not-exposed');
    expect(w?.detail).toContain('`x-total-count`');
    expect(w?.detail).not.toContain('etag');
  });

  it('`*` covering Authorization', () => {
    expect(codes(preflighted({ method: 'GET', request: [['Authorization', 'x']], preflightResponse: [ACAO, ['Access-Control-Allow-Headers', '*']] }))).toContain('authorization-covered-by-wildcard');
  });
});

// Chromium's Local Network Access (verified in Chromium 156 with --ip-address-space-overrides).
describe('Local Network Access', () => {
  const publicPage = (x: ObservedExchange, spaces: ObservedExchange['addressSpace']): ObservedExchange => ({ ...x, addressSpace: spaces });

  it('a public page reaching loopback needs permission; the preflight is never sent', () => {
    const v = evaluateExchange(publicPage(simple({ response: [ACAO] }), { initiator: 'public', initiatorIsSecureContext: true }));
    expect(v.chromium.corsError).toBe('LocalNetworkAccessPermissionDenied');
    expect(v.chromium.failedParameter).toBe('');
    expect(v.chromium.consoleMessage).toBe(
      `Access to fetch at '${API}' from origin '${PAGE}' has been blocked by CORS policy: Permission was denied for this request to access the \`loopback\` address space.`,
    );
    expect(v.firefox.allowed).toBe(true);
    expect(v.browsersDisagree).toBe(true);
    expect(v.code).toBe('local-network-access');
  });

  it('a non-secure public page is refused outright', () => {
    const v = evaluateExchange(publicPage(simple({ response: [ACAO] }), { initiator: 'public', initiatorIsSecureContext: false }));
    expect(v.chromium.corsError).toBe('InsecureLocalNetwork');
    expect(v.chromium.consoleMessage).toContain('The request client is not a secure context and the resource is in more-private address space `loopback`.');
  });

  it('a targetAddressSpace that does not match the server', () => {
    const v = evaluateExchange(publicPage(simple({ response: [ACAO] }), { initiator: 'public', initiatorIsSecureContext: true, requestedTarget: 'local' }));
    expect(v.chromium.corsError).toBe('InvalidLocalNetworkAccess');
    expect(v.chromium.consoleMessage).toContain('Request had a target IP address space of `local` yet the resource is in address space `loopback`.');
  });

  it('a completed request means the permission was granted', () => {
    const v = evaluateExchange(publicPage(simple({ response: [ACAO], outcome: { kind: 'succeeded' } }), { initiator: 'public', initiatorIsSecureContext: true }));
    expect(v.outcome).toBe('allowed');
    expect(v.checks.find((c) => c.id === 'request.local-network')?.status).toBe('pass');
  });

  it('without recorded spaces, host names only explain an observed failure', () => {
    const x: ObservedExchange = { ...simple({ response: [ACAO] }), initiatorOrigin: 'https://app.example.com' };
    const legs = x.legs.map((l) => ({ ...l, request: { ...l.request, headers: l.request.headers.map((hd) => (hd.name === 'Origin' ? { ...hd, value: 'https://app.example.com' } : hd)) } }));
    const ok = evaluateExchange({ ...x, legs });
    expect(ok.chromium.allowed).toBe(false);
    expect(ok.chromium.corsError).toBe('AllowOriginMismatch');
    const reflecting = legs.map((l) => ({ ...l, response: { status: 200, headers: [{ name: 'Access-Control-Allow-Origin', value: 'https://app.example.com' }] } }));
    expect(evaluateExchange({ ...x, legs: reflecting }).chromium.allowed).toBe(true);
    const failed = evaluateExchange({ ...x, legs: reflecting, outcome: { kind: 'failed', error: 'net::ERR_FAILED' } });
    expect(failed.chromium.corsError).toBe('LocalNetworkAccessPermissionDenied');
    expect(failed.inferred.find((f) => f.code === 'local-network-access-blocked')).toMatchObject({ corsError: 'LocalNetworkAccessPermissionDenied' });
  });
});

// Predicting the browser that did NOT record the exchange: each row is a lab scenario recorded in
// one browser, with the other browser's own verdict for the same scenario (Chromium 156, Firefox
// 153; test/e2e/differential-cross.test.ts checks every lab scenario this way).
interface CrossRow {
  readonly name: string;
  readonly x: ObservedExchange;
  /** The browser that did not record `x`. */
  readonly other: 'chromium' | 'firefox';
  /** `allowed`, or the CorsError / Firefox reason it blocks with (null: blocked, none named). */
  readonly verdict: ChromiumCorsError | FirefoxReason | 'allowed' | null;
  /** A fact the verdict must infer. */
  readonly fact?: FactCode;
}

/** `x` with its first leg's preflight and response replaced. */
function firstLeg(x: ObservedExchange, over: Partial<ExchangeLeg>): ObservedExchange {
  return { ...x, legs: x.legs.map((l, i) => (i === 0 ? { ...l, ...over } : l)) };
}
const noResponse = (spec: Parameters<typeof simple>[0]): ObservedExchange => firstLeg(simple(spec), { response: null });
const lnaPreflight = (x: ObservedExchange): ObservedExchange => {
  const pre = x.legs[0]?.preflight;
  return pre?.kind === 'observed' ? firstLeg(x, { preflight: { ...pre, error: LNA_NET_ERROR } }) : x;
};
const FAILED = { kind: 'failed', error: 'net::ERR_FAILED' } as const;

const CROSS_ROWS: readonly CrossRow[] = [
  // A failure below CORS (no response at all) fails in every browser
  // (https://fetch.spec.whatwg.org/#concept-network-error). Firefox's HAR has no error field:
  // status 0, no headers and nothing failing before it is a connection that died (scenario
  // actual-network-error: Firefox CORSDidNotSucceed, Chromium net::ERR_EMPTY_RESPONSE, no CorsError).
  { name: 'Firefox: no response, no error field', x: noResponse({ recorder: 'firefox', outcome: { kind: 'failed' } }), other: 'chromium', verdict: null },
  { name: 'Chromium: net::ERR_EMPTY_RESPONSE', x: noResponse({ outcome: { kind: 'failed', error: 'net::ERR_EMPTY_RESPONSE' } }), other: 'firefox', verdict: 'CORSDidNotSucceed' },
  // - Chromium says net::ERR_FAILED for its own policy blocks too (Local Network Access, scenario
  //   lna-public-page-to-loopback: Firefox passes), so that alone predicts nothing for Firefox.
  { name: 'Chromium: only net::ERR_FAILED', x: noResponse({ outcome: FAILED }), other: 'firefox', verdict: 'allowed' },
  // Local Network Access is Chromium's alone (https://wicg.github.io/local-network-access/);
  // Firefox 153 sends the request (scenario lna-public-page-to-loopback-preflighted passes in it).
  {
    name: 'Chromium: preflight refused by Local Network Access',
    x: lnaPreflight(preflighted({ preflightResponse: null, actual: null, outcome: FAILED })),
    other: 'firefox',
    verdict: 'allowed',
    fact: 'firefox-has-no-local-network-access',
  },
  { name: 'Chromium: request refused by Local Network Access', x: noResponse({ outcome: { kind: 'failed', error: LNA_NET_ERROR } }), other: 'firefox', verdict: 'allowed' },
  // fetch()'s redirect mode is the page's, not the browser's: redirect "error" rejects at the
  // redirect in both (https://fetch.spec.whatwg.org/#concept-http-fetch; scenario
  // cors-redirect-error: Chromium no CorsError, Firefox no reason).
  {
    name: 'Chromium: failed at a redirect it did not follow',
    x: chain({ outcome: FAILED }, [{ url: API, status: 302, response: [ACAO, ['Location', `${API}/b`]] }]),
    other: 'firefox',
    verdict: null,
    fact: 'stopped-at-redirect',
  },
];

describe('evaluateExchange: the browser that did not record', () => {
  it.each(CROSS_ROWS)('$name', ({ x, other, verdict, fact }) => {
    const v = evaluateExchange(x);
    const p = v[other];
    expect(p.allowed).toBe(verdict === 'allowed');
    expect(other === 'chromium' ? p.corsError : p.firefoxReason).toBe(verdict === 'allowed' ? null : verdict);
    if (fact !== undefined) expect(v.inferred.map((f) => f.code)).toContain(fact);
  });
});

describe('redirect schemes', () => {
  // Chromium 156: data: is on its CORS scheme list, so no CorsError; the network stack refuses the
  // redirect (net::ERR_UNSAFE_REDIRECT). ftp: is not on the list → CorsDisabledScheme.
  it('a redirect to data: is a network error in Chromium', () => {
    const v = evaluateExchange(chain({}, [{ url: API, status: 302, response: [ACAO, ['Location', 'data:text/plain,hi']] }]));
    expect(v.chromium.allowed).toBe(false);
    expect(v.chromium.corsError).toBeNull();
    expect(v.chromium.consoleMessage).toBe('Failed to load resource: net::ERR_UNSAFE_REDIRECT');
    expect(v.code).toBe('cors-disabled-scheme');
  });

  it('a redirect to ftp: names the location', () => {
    const v = evaluateExchange(chain({}, [{ url: API, status: 302, response: [ACAO, ['Location', 'ftp://127.0.0.1/x']] }]));
    expect(v.chromium.consoleMessage).toBe(
      `Access to fetch at 'ftp://127.0.0.1/x' (redirected from '${API}') from origin '${PAGE}' has been blocked by CORS policy: Cross origin requests are only supported for protocol schemes: chrome, chrome-experimental-site-token-provider, chrome-extension, chrome-untrusted, data, http, https, isolated-app.`,
    );
  });

  // redirect: 'manual' — the 3xx itself still passes the CORS check (verified).
  it('a final redirect without a next leg is checked like any response', () => {
    expect(evaluateExchange(chain({}, [{ url: API, status: 302, response: [['Location', `${API}/b`]] }])).chromium.corsError).toBe('MissingAllowOriginHeader');
    expect(evaluateExchange(chain({}, [{ url: API, status: 302, response: [ACAO, ['Location', `${API}/b`]] }])).chromium.allowed).toBe(true);
  });
});

describe('resource kinds and forced preflights', () => {
  // Chromium 156 names the resource kind; only fetch() gets the valid-value suffix (verified with
  // <img crossorigin>, <script crossorigin>, <link rel=stylesheet crossorigin>, @font-face, EventSource).
  it.each([
    ['Image', 'image'],
    ['Script', 'script'],
    ['Stylesheet', 'CSS stylesheet'],
    ['Font', 'font'],
    ['EventSource', 'resource'],
  ])('%s → %s', (resourceType, kind) => {
    const v = evaluateExchange(simple({ resourceType, response: [['Access-Control-Allow-Origin', 'http://example.com']] }));
    expect(v.chromium.consoleMessage).toBe(
      `Access to ${kind} at '${API}' from origin '${PAGE}' has been blocked by CORS policy: The 'Access-Control-Allow-Origin' header has a value 'http://example.com' that is not equal to the supplied origin.`,
    );
  });

  it('a preflight with no visible trigger was forced, for both browsers', () => {
    // XHR with an upload listener: both browsers preflight a plain POST (verified).
    const v = evaluateExchange(preflighted({ method: 'POST', resourceType: 'xhr', preflightResponse: [], actual: null }));
    expect(v.chromium.corsError).toBe('PreflightMissingAllowOriginHeader');
    expect(v.firefox.firefoxReason).toBe('CORSMissingAllowOrigin');
    expect(v.classification.preflightNeeded).toBe(true);
    expect(v.classification.preflightTriggers).toEqual([]);
    expect(v.inferred.map((f) => f.code)).toContain('preflight-forced');
  });
});

describe('unknown page origin', () => {
  it('does not fail ACAO on an origin the recording does not show', () => {
    const x = simple({ response: [ACAO] });
    const hidden: ObservedExchange = {
      id: 'hidden',
      recorder: 'chromium',
      resourceType: 'fetch',
      legs: x.legs.map((l) => ({ ...l, request: { ...l.request, headers: l.request.headers.filter((hd) => hd.name !== 'Origin') } })),
      outcome: { kind: 'succeeded' },
    };
    const v = evaluateExchange(hidden);
    expect(v.outcome).toBe('allowed');
    const row = v.checks.find((c) => c.id === 'response.allow-origin');
    expect(row?.status).toBe('unknown');
    expect(row?.provenance).toBe('inferred');
  });
});
