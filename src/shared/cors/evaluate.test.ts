import { describe, expect, it } from 'vitest';
import { evaluateExchange } from './evaluate.ts';
import type { ChromiumCorsError, FirefoxReason } from './codes.ts';
import type { ObservedExchange } from '../model/exchange.ts';
import { ACAC, ACAO, ACAO_NULL, API, OTHER, PAGE, PUT_OK, chain, fromOpaqueOrigin, preflighted, redirectedPreflighted, simple } from './build-exchange.test-util.ts';

interface Row {
  readonly name: string;
  readonly x: ObservedExchange;
  /** [CorsError, failedParameter] or null when Chromium allows it. */
  readonly chromium: readonly [ChromiumCorsError, string] | null;
  /** Firefox's reason, `allowed`, or null when Firefox blocks without a CORS reason. */
  readonly firefox: FirefoxReason | 'allowed' | null;
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

