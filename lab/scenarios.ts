/**
 * The CORS lab's scenario table. One row per situation; the server answers from it, the page runs
 * it, the tests and probes read it (also served as `/scenarios.json`).
 *
 * `hypothesis` on a step is what we expect Chromium (CDP corsError) and Firefox (console reason) to
 * do. It is documentation and a lab self-check (lab/probe.ts); the evaluator must never read it.
 * Where a hypothesis was corrected by a real browser, a `note` says so.
 */
import { H, hop, loads, ok, pre, redirectTo, res, step } from './scenario-kit.ts';
import { cookieCapScenarios } from './scenarios-cookie-caps.ts';
import { cookieScenarios } from './scenarios-cookies.ts';
import type { Scenario, Step, StepKind } from './types.ts';

const LONG_ACCEPT = `application/json;q=0.9, ${'x'.repeat(120)}/*`; // > 128 bytes
const SENT = 'sent' as const;
const FIREFOX_CACHE_NOTE =
  'Firefox 153 ESR (probed): right after launch the first two or three preflights are not reused (the repeat sends OPTIONS again); later ones are. Chromium 156 hit every time.';

/**
 * The first step of a credentialed scenario: the API sets a cookie, as a real API that a page
 * calls with credentials: "include" has. Firefox 153 sends it on the next credentialed request
 * (partitioned under the page's site), so the recording's Cookie header shows the credentials
 * mode, as it would in real life. Chromium 156 blocks third-party cookies by default, so its
 * next request carries none (the recording's net::ERR_FAILED is then the only hint).
 */
export function setCookieFirst(kind: StepKind = 'fetch'): Step {
  return step('cross-site', ok(H.acaoOrigin, H.acacTrue, H.varyOrigin, H.setCookie('lab_{run}=1; Path=/s/{scenario}/; SameSite=None; Secure')), {
    kind,
    credentials: 'include',
    hypothesis: { ok: true, note: 'Sets the cookie the next step sends (Firefox; Chromium blocks it as a third-party cookie).' },
  });
}

export const scenarios: readonly Scenario[] = [
  // ───────────────────────────── basics ─────────────────────────────
  {
    id: 'simple-get-pass',
    title: 'Simple cross-site GET, ACAO echoes the origin',
    teaches: 'A GET without custom headers is a "simple" request: no preflight, and the response is readable when Access-Control-Allow-Origin equals the page origin.',
    category: 'basics',
    steps: [step('cross-site', ok(H.acaoOrigin), { hypothesis: { ok: true, preflight: 'none' } })],
  },
  {
    id: 'same-origin-get',
    title: 'Same-origin GET, no CORS headers',
    teaches: 'Requests to the page\'s own origin are not subject to CORS at all; no Access-Control-* header is needed.',
    category: 'basics',
    steps: [step('same-origin', ok(), { hypothesis: { ok: true, preflight: 'none' } })],
  },
  {
    id: 'same-site-missing-acao',
    title: 'Same-site but cross-origin GET without ACAO',
    teaches: 'Same-site is not same-origin: localhost:8310 and localhost:8311 differ by port, so CORS applies and the missing header blocks the read.',
    category: 'basics',
    steps: [step('same-site', ok(), {
      hypothesis: { ok: false, chromium: 'MissingAllowOriginHeader', firefox: 'CORSMissingAllowOrigin2' },
    })],
  },
  {
    id: 'missing-acao-200',
    title: 'Cross-site GET, 200 without ACAO',
    teaches: 'Without Access-Control-Allow-Origin the browser still sends the request and gets the response, but hides it from the page: fetch rejects with a TypeError.',
    category: 'basics',
    steps: [step('cross-site', ok(), {
      hypothesis: { ok: false, chromium: 'MissingAllowOriginHeader', firefox: 'CORSMissingAllowOrigin2', preflight: 'none' },
    })],
  },
  {
    id: 'missing-acao-500',
    title: 'Cross-site GET, 500 without ACAO',
    teaches: 'Error responses need CORS headers too. A 500 without ACAO looks like a CORS error in the console, hiding the real server error.',
    category: 'basics',
    steps: [step('cross-site', res(500), {
      hypothesis: { ok: false, chromium: 'MissingAllowOriginHeader', firefox: 'CORSMissingAllowOrigin2' },
    })],
  },
  {
    id: 'error-status-with-acao',
    title: 'Cross-site GET, 500 with ACAO',
    teaches: 'With ACAO on the error response the page can read the 500: CORS passed, the request simply failed at the application level.',
    category: 'basics',
    steps: [step('cross-site', res(500, H.acaoOrigin), { hypothesis: { ok: true } })],
  },

  // ───────────────────────────── allow-origin ─────────────────────────────
  {
    id: 'acao-wildcard',
    title: 'ACAO * without credentials',
    teaches: 'The wildcard allows any origin as long as the request carries no credentials.',
    category: 'allow-origin',
    steps: [step('cross-site', ok(H.acaoStar), { hypothesis: { ok: true } })],
  },
  {
    id: 'acao-mismatch',
    title: 'ACAO names another origin',
    teaches: 'Access-Control-Allow-Origin must equal the requesting origin exactly; naming a different origin blocks the read.',
    category: 'allow-origin',
    steps: [step('cross-site', ok(H.acao('http://example.com')), {
      hypothesis: { ok: false, chromium: 'AllowOriginMismatch', failedParameter: 'http://example.com', firefox: 'CORSAllowOriginNotMatchingOrigin' },
    })],
  },
  {
    id: 'acao-trailing-slash',
    title: 'ACAO with a trailing slash',
    teaches: 'An origin has no path: "http://localhost:8310/" is not "http://localhost:8310", and the comparison is byte-exact.',
    category: 'allow-origin',
    steps: [step('cross-site', ok(H.acao('{page}/')), {
      hypothesis: { ok: false, chromium: 'AllowOriginMismatch', firefox: 'CORSAllowOriginNotMatchingOrigin' },
    })],
  },
  {
    id: 'acao-two-lines',
    title: 'Two ACAO header lines',
    teaches: 'Sending Access-Control-Allow-Origin twice (often a proxy plus the app) is an error even if both lines name the right origin.',
    category: 'allow-origin',
    steps: [step('cross-site', ok(H.acaoOrigin, H.acaoOrigin), {
      hypothesis: { ok: false, chromium: 'MultipleAllowOriginValues', firefox: 'CORSMultipleAllowOriginNotAllowed' },
    })],
  },
  {
    id: 'acao-two-origins-one-line',
    title: 'One ACAO line listing two origins',
    teaches: 'Access-Control-Allow-Origin takes exactly one origin; a comma-separated list is never valid. Reflect the one request origin instead.',
    category: 'allow-origin',
    steps: [step('cross-site', ok(H.acao('{origin}, http://example.com')), {
      hypothesis: { ok: false, chromium: 'MultipleAllowOriginValues', firefox: 'CORSAllowOriginNotMatchingOrigin' },
    })],
  },
  {
    id: 'acao-null',
    title: 'ACAO null for a normal page',
    teaches: '"null" only matches an opaque origin (sandboxed frame, or after a cross-origin redirect); a normal page origin is not null.',
    category: 'allow-origin',
    steps: [step('cross-site', ok(H.acaoNull), {
      hypothesis: { ok: false, chromium: 'AllowOriginMismatch', failedParameter: 'null', firefox: 'CORSAllowOriginNotMatchingOrigin' },
    })],
  },
  {
    id: 'acao-invalid-value',
    title: 'ACAO that is not an origin',
    teaches: 'A value that is neither *, null nor a URL origin is rejected as invalid.',
    category: 'allow-origin',
    steps: [step('cross-site', ok(H.acao('localhost')), {
      hypothesis: { ok: false, chromium: 'InvalidAllowOriginValue', failedParameter: 'localhost', firefox: 'CORSAllowOriginNotMatchingOrigin' },
    })],
  },
  {
    id: 'acao-same-site-reflect',
    title: 'Same-site API reflects the origin',
    teaches: 'A same-site API (localhost on another port) passes CORS the same way as a cross-site one: by echoing the Origin.',
    category: 'allow-origin',
    steps: [step('same-site', ok(H.acaoOrigin, H.varyOrigin), { hypothesis: { ok: true } })],
  },

  // ───────────────────────────── credentials ─────────────────────────────
  {
    id: 'credentials-pass',
    title: 'Credentialed GET: exact origin + ACAC true',
    teaches: 'With credentials: "include" the server must echo the exact origin and send Access-Control-Allow-Credentials: true.',
    category: 'credentials',
    steps: [setCookieFirst(), step('cross-site', ok(H.acaoOrigin, H.acacTrue, H.varyOrigin), { credentials: 'include', hypothesis: { ok: true } })],
  },
  {
    id: 'credentials-wildcard-acao',
    title: 'Credentialed GET with ACAO *',
    teaches: 'The wildcard is never accepted for credentialed requests, even with Access-Control-Allow-Credentials: true.',
    category: 'credentials',
    steps: [setCookieFirst(), step('cross-site', ok(H.acaoStar, H.acacTrue), {
      credentials: 'include',
      hypothesis: { ok: false, chromium: 'WildcardOriginNotAllowed', firefox: 'CORSNotSupportingCredentials' },
    })],
  },
  {
    id: 'credentials-missing-acac',
    title: 'Credentialed GET without ACAC',
    teaches: 'A credentialed response is only readable when Access-Control-Allow-Credentials: true is present.',
    category: 'credentials',
    steps: [setCookieFirst(), step('cross-site', ok(H.acaoOrigin), {
      credentials: 'include',
      hypothesis: { ok: false, chromium: 'InvalidAllowCredentials', failedParameter: '', firefox: 'CORSMissingAllowCredentials' },
    })],
  },
  {
    id: 'credentials-acac-uppercase',
    title: 'ACAC: TRUE (wrong case)',
    teaches: 'Access-Control-Allow-Credentials is case-sensitive: only the exact lowercase "true" counts.',
    category: 'credentials',
    steps: [setCookieFirst(), step('cross-site', ok(H.acaoOrigin, H.acac('TRUE')), {
      credentials: 'include',
      hypothesis: { ok: false, chromium: 'InvalidAllowCredentials', failedParameter: 'TRUE', firefox: 'CORSMissingAllowCredentials' },
    })],
  },
  {
    id: 'credentials-acac-wrong-value',
    title: 'ACAC: yes',
    teaches: 'Any value other than "true" (yes, 1, True) fails for credentialed requests.',
    category: 'credentials',
    steps: [setCookieFirst(), step('cross-site', ok(H.acaoOrigin, H.acac('yes')), {
      credentials: 'include',
      hypothesis: { ok: false, chromium: 'InvalidAllowCredentials', failedParameter: 'yes', firefox: 'CORSMissingAllowCredentials' },
    })],
  },
  {
    id: 'credentials-omit-ignores-acac',
    title: 'No credentials: ACAC does not matter',
    teaches: 'Without credentials: "include", Access-Control-Allow-Credentials is ignored, so a missing or wrong value is harmless.',
    category: 'credentials',
    steps: [step('cross-site', ok(H.acaoOrigin, H.acac('nope')), { credentials: 'omit', hypothesis: { ok: true } })],
  },

  // ───────────────────────────── preflight ─────────────────────────────
  {
    id: 'preflight-put-pass',
    title: 'PUT with a passing preflight',
    teaches: 'Methods other than GET, HEAD and POST need an OPTIONS preflight; the server allows them with Access-Control-Allow-Methods.',
    category: 'preflight',
    steps: [step('cross-site', ok(H.acaoOrigin), {
      method: 'PUT', preflight: pre(H.acaoOrigin, H.acam('PUT')), hypothesis: { ok: true, preflight: SENT },
    })],
  },
  {
    id: 'preflight-missing-acam-put',
    title: 'PUT, preflight without ACAM',
    teaches: 'If the preflight does not list the method in Access-Control-Allow-Methods, the actual PUT is never sent.',
    category: 'preflight',
    steps: [step('cross-site', ok(H.acaoOrigin), {
      method: 'PUT', preflight: pre(H.acaoOrigin),
      hypothesis: { ok: false, chromium: 'MethodDisallowedByPreflightResponse', failedParameter: 'PUT', firefox: 'CORSMethodNotFound', preflight: SENT },
    })],
  },
  {
    id: 'preflight-method-lowercase-patch',
    title: 'fetch method "patch" vs ACAM PATCH',
    teaches: 'fetch() upper-cases only DELETE, GET, HEAD, OPTIONS, POST and PUT; "patch" is sent as-is and must match Access-Control-Allow-Methods byte for byte.',
    category: 'preflight',
    steps: [step('cross-site', ok(H.acaoOrigin), {
      method: 'patch', preflight: pre(H.acaoOrigin, H.acam('PATCH')),
      hypothesis: { ok: false, chromium: 'MethodDisallowedByPreflightResponse', failedParameter: 'patch', firefox: 'CORSMethodNotFound', preflight: SENT },
    })],
  },
  {
    id: 'preflight-method-patch-pass',
    title: 'PATCH with ACAM PATCH',
    teaches: 'Write PATCH in upper case in both the fetch call and Access-Control-Allow-Methods.',
    category: 'preflight',
    steps: [step('cross-site', ok(H.acaoOrigin), {
      method: 'PATCH', preflight: pre(H.acaoOrigin, H.acam('GET, PATCH')), hypothesis: { ok: true, preflight: SENT },
    })],
  },
  {
    id: 'preflight-method-acam-lowercase',
    title: 'PATCH with ACAM patch (lowercase)',
    teaches: 'Method names are case-sensitive: PATCH is not allowed by "patch".',
    category: 'preflight',
    steps: [step('cross-site', ok(H.acaoOrigin), {
      method: 'PATCH', preflight: pre(H.acaoOrigin, H.acam('patch')),
      hypothesis: { ok: false, chromium: 'MethodDisallowedByPreflightResponse', failedParameter: 'PATCH', firefox: 'CORSMethodNotFound', preflight: SENT },
    })],
  },
  {
    id: 'preflight-missing-acah-json',
    title: 'POST application/json, preflight without ACAH',
    teaches: 'Content-Type: application/json is not a "simple" value, so it triggers a preflight that must list content-type in Access-Control-Allow-Headers.',
    category: 'preflight',
    steps: [step('cross-site', ok(H.acaoOrigin), {
      method: 'POST', headers: [['Content-Type', 'application/json']], body: '{"a":1}', preflight: pre(H.acaoOrigin),
      hypothesis: { ok: false, chromium: 'HeaderDisallowedByPreflightResponse', failedParameter: 'content-type', firefox: 'CORSMissingAllowHeaderFromPreflight2', preflight: SENT },
    })],
  },
  {
    id: 'preflight-acah-json-pass',
    title: 'POST application/json with ACAH content-type',
    teaches: 'Listing content-type in Access-Control-Allow-Headers lets JSON POSTs through.',
    category: 'preflight',
    steps: [step('cross-site', ok(H.acaoOrigin), {
      method: 'POST', headers: [['Content-Type', 'application/json']], body: '{"a":1}', preflight: pre(H.acaoOrigin, H.acah('Content-Type')),
      hypothesis: { ok: true, preflight: SENT },
    })],
  },
  {
    id: 'preflight-missing-acah-custom',
    title: 'Custom header, preflight without ACAH',
    teaches: 'Any custom request header (X-Api-Key here) triggers a preflight and must be listed in Access-Control-Allow-Headers.',
    category: 'preflight',
    steps: [step('cross-site', ok(H.acaoOrigin), {
      headers: [['X-Api-Key', 'k1']], preflight: pre(H.acaoOrigin),
      hypothesis: { ok: false, chromium: 'HeaderDisallowedByPreflightResponse', failedParameter: 'x-api-key', firefox: 'CORSMissingAllowHeaderFromPreflight2', preflight: SENT },
    })],
  },
  {
    id: 'preflight-acah-custom-pass',
    title: 'Custom header listed in ACAH',
    teaches: 'Header names in Access-Control-Allow-Headers are case-insensitive.',
    category: 'preflight',
    steps: [step('cross-site', ok(H.acaoOrigin), {
      headers: [['X-Api-Key', 'k1']], preflight: pre(H.acaoOrigin, H.acah('x-API-key')), hypothesis: { ok: true, preflight: SENT },
    })],
  },
  {
    id: 'preflight-acah-wildcard-pass',
    title: 'ACAH * without credentials',
    teaches: 'Access-Control-Allow-Headers: * allows any header name for requests without credentials.',
    category: 'preflight',
    steps: [step('cross-site', ok(H.acaoOrigin), {
      headers: [['X-Api-Key', 'k1']], preflight: pre(H.acaoOrigin, H.acah('*')), hypothesis: { ok: true, preflight: SENT },
    })],
  },
  {
    id: 'preflight-acah-wildcard-credentials',
    title: 'ACAH * with credentials',
    teaches: 'With credentials, * in Access-Control-Allow-Headers is the literal header name "*", not a wildcard.',
    category: 'preflight',
    steps: [step('cross-site', ok(H.acaoOrigin, H.acacTrue), {
      credentials: 'include', headers: [['X-Api-Key', 'k1']], preflight: pre(H.acaoOrigin, H.acacTrue, H.acah('*')),
      hypothesis: { ok: false, chromium: 'HeaderDisallowedByPreflightResponse', failedParameter: 'x-api-key', firefox: 'CORSMissingAllowHeaderFromPreflight2', preflight: SENT },
    })],
  },
  {
    id: 'preflight-acah-wildcard-authorization',
    title: 'ACAH * does not cover Authorization',
    teaches: 'The Fetch standard says the * wildcard does not cover Authorization, so list it by name. Browsers are lenient here today (Firefox warns), so do not rely on it.',
    category: 'preflight',
    steps: [step('cross-site', ok(H.acaoOrigin), {
      headers: [['Authorization', 'Bearer t0k3n']], preflight: pre(H.acaoOrigin, H.acah('*')),
      hypothesis: {
        ok: true, preflight: SENT,
        note: 'Spec and the Chromium source we read say this fails (HeaderDisallowedByPreflightResponse "authorization"), but Chromium 156 passes it with no console message (probed 2026-11-22). Firefox allows it by default (pref network.cors_preflight.authorization_covered_by_wildcard) with the CORSAllowHeaderFromPreflightDeprecation warning.',
      },
    })],
  },
  {
    id: 'preflight-acah-authorization-pass',
    title: 'Authorization listed in ACAH',
    teaches: 'Name Authorization explicitly in Access-Control-Allow-Headers to send bearer tokens cross-origin.',
    category: 'preflight',
    steps: [step('cross-site', ok(H.acaoOrigin), {
      headers: [['Authorization', 'Bearer t0k3n']], preflight: pre(H.acaoOrigin, H.acah('Authorization')), hypothesis: { ok: true, preflight: SENT },
    })],
  },
  {
    id: 'preflight-acam-wildcard-pass',
    title: 'ACAM * without credentials',
    teaches: 'Access-Control-Allow-Methods: * allows any method for requests without credentials.',
    category: 'preflight',
    steps: [step('cross-site', ok(H.acaoOrigin), {
      method: 'DELETE', preflight: pre(H.acaoOrigin, H.acam('*')), hypothesis: { ok: true, preflight: SENT },
    })],
  },
  {
    id: 'preflight-acam-wildcard-credentials',
    title: 'ACAM * with credentials',
    teaches: 'With credentials, * in Access-Control-Allow-Methods is not a wildcard: list the method.',
    category: 'preflight',
    steps: [step('cross-site', ok(H.acaoOrigin, H.acacTrue), {
      method: 'DELETE', credentials: 'include', preflight: pre(H.acaoOrigin, H.acacTrue, H.acam('*')),
      hypothesis: { ok: false, chromium: 'MethodDisallowedByPreflightResponse', failedParameter: 'DELETE', firefox: 'CORSMethodNotFound', preflight: SENT },
    })],
  },
  {
    id: 'preflight-acam-invalid-token',
    title: 'ACAM with an invalid token',
    teaches: 'Access-Control-Allow-Methods is a comma-separated list of tokens; "PUT;" or quoted values make the whole header unparsable.',
    category: 'preflight',
    steps: [step('cross-site', ok(H.acaoOrigin), {
      method: 'PUT', preflight: pre(H.acaoOrigin, H.acam('PUT;')),
      hypothesis: { ok: false, chromium: 'InvalidAllowMethodsPreflightResponse', firefox: 'CORSInvalidAllowMethod', preflight: SENT },
    })],
  },
  {
    id: 'preflight-acam-space-separated',
    title: 'ACAM separated by spaces',
    teaches: 'Use commas between methods; "PUT DELETE" is one invalid token, not two methods.',
    category: 'preflight',
    steps: [step('cross-site', ok(H.acaoOrigin), {
      method: 'PUT', preflight: pre(H.acaoOrigin, H.acam('PUT DELETE')),
      hypothesis: { ok: false, chromium: 'InvalidAllowMethodsPreflightResponse', firefox: 'CORSInvalidAllowMethod', preflight: SENT },
    })],
  },
  {
    id: 'preflight-acah-invalid-token',
    title: 'ACAH with an invalid token',
    teaches: 'Access-Control-Allow-Headers must be a comma-separated list of header names; a stray character breaks the whole list.',
    category: 'preflight',
    steps: [step('cross-site', ok(H.acaoOrigin), {
      headers: [['X-Api-Key', 'k1']], preflight: pre(H.acaoOrigin, H.acah('x-api-key:')),
      hypothesis: { ok: false, chromium: 'InvalidAllowHeadersPreflightResponse', firefox: 'CORSInvalidAllowHeader', preflight: SENT },
    })],
  },
  ...(
    [
      [404, false], [404, true], [405, false], [500, false], [500, true],
    ] as const
  ).map(([status, withAcao]): Scenario => ({
    id: `preflight-${status}-${withAcao ? 'with' : 'no'}-acao`,
    title: `Preflight answered ${status} ${withAcao ? 'with' : 'without'} ACAO`,
    teaches: withAcao
      ? `A preflight must have a 2xx status; a ${status} fails even when the CORS headers are right.`
      : `A ${status} to OPTIONS without ACAO is reported as a missing-header problem: the origin check comes before the status check.`,
    category: 'preflight',
    steps: [step('cross-site', ok(H.acaoOrigin), {
      method: 'PUT', preflight: res(status, ...(withAcao ? [H.acaoOrigin, H.acam('PUT')] : [])),
      hypothesis: withAcao
        ? { ok: false, chromium: 'PreflightInvalidStatus', firefox: 'CORSPreflightDidNotSucceed3', preflight: SENT }
        : { ok: false, chromium: 'PreflightMissingAllowOriginHeader', firefox: 'CORSMissingAllowOrigin2', preflight: SENT },
    })],
  })),
  {
    id: 'preflight-acao-mismatch',
    title: 'Preflight ACAO names another origin',
    teaches: 'The preflight response is checked for ACAO just like the actual response.',
    category: 'preflight',
    steps: [step('cross-site', ok(H.acaoOrigin), {
      method: 'PUT', preflight: pre(H.acao('http://example.com'), H.acam('PUT')),
      hypothesis: { ok: false, chromium: 'PreflightAllowOriginMismatch', failedParameter: 'http://example.com', firefox: 'CORSAllowOriginNotMatchingOrigin', preflight: SENT },
    })],
  },
  {
    id: 'preflight-acao-invalid-value',
    title: 'Preflight ACAO that is not an origin',
    teaches: 'An unparsable Access-Control-Allow-Origin on the preflight fails before the method and headers are looked at.',
    category: 'preflight',
    steps: [step('cross-site', ok(H.acaoOrigin), {
      method: 'PUT', preflight: pre(H.acao('localhost'), H.acam('PUT')),
      hypothesis: { ok: false, chromium: 'PreflightInvalidAllowOriginValue', failedParameter: 'localhost', firefox: 'CORSAllowOriginNotMatchingOrigin', preflight: SENT },
    })],
  },
  {
    id: 'preflight-network-error',
    title: 'Preflight connection closed without an answer',
    teaches: 'If the OPTIONS request fails at the network level (server crash, proxy drop) the browser reports a CORS failure with no HTTP status at all.',
    category: 'preflight',
    steps: [step('cross-site', ok(H.acaoOrigin), {
      method: 'PUT', preflight: { status: 204, headers: [H.acaoOrigin, H.acam('PUT')], abort: true },
      hypothesis: {
        ok: false, firefox: 'CORSDidNotSucceed2', preflight: SENT,
        note: 'Chromium 156: net::ERR_EMPTY_RESPONSE with no corsErrorStatus (not InvalidResponse), after retrying the OPTIONS once; Firefox 153 retried the OPTIONS up to 10 times.',
      },
    })],
  },
  {
    id: 'actual-network-error',
    title: 'Actual request: connection closed without an answer',
    teaches: 'A network failure of the request itself is not a CORS decision, but Firefox still words it as "CORS request did not succeed".',
    category: 'basics',
    steps: [step('cross-site', { status: 200, headers: [H.acaoOrigin], abort: true }, {
      hypothesis: { ok: false, firefox: 'CORSDidNotSucceed2', note: 'Chromium: net::ERR_EMPTY_RESPONSE, no corsErrorStatus.' },
    })],
  },
  {
    id: 'preflight-acao-two-lines',
    title: 'Preflight with two ACAO lines',
    teaches: 'Duplicate Access-Control-Allow-Origin lines break the preflight too.',
    category: 'preflight',
    steps: [step('cross-site', ok(H.acaoOrigin), {
      method: 'PUT', preflight: pre(H.acaoOrigin, H.acaoOrigin, H.acam('PUT')),
      hypothesis: { ok: false, chromium: 'PreflightMultipleAllowOriginValues', firefox: 'CORSMultipleAllowOriginNotAllowed', preflight: SENT },
    })],
  },
  {
    id: 'preflight-wildcard-credentials',
    title: 'Credentialed PUT, preflight ACAO *',
    teaches: 'The preflight is judged with the actual request\'s credentials mode, so ACAO * fails there for credentialed requests.',
    category: 'preflight',
    steps: [step('cross-site', ok(H.acaoOrigin, H.acacTrue), {
      method: 'PUT', credentials: 'include', preflight: pre(H.acaoStar, H.acacTrue, H.acam('PUT')),
      hypothesis: { ok: false, chromium: 'PreflightWildcardOriginNotAllowed', firefox: 'CORSNotSupportingCredentials', preflight: SENT },
    })],
  },
  {
    id: 'preflight-missing-acac',
    title: 'Credentialed PUT, preflight without ACAC',
    teaches: 'A credentialed request needs Access-Control-Allow-Credentials: true on the preflight as well as on the actual response.',
    category: 'preflight',
    steps: [step('cross-site', ok(H.acaoOrigin, H.acacTrue), {
      method: 'PUT', credentials: 'include', preflight: pre(H.acaoOrigin, H.acam('PUT')),
      hypothesis: { ok: false, chromium: 'PreflightInvalidAllowCredentials', failedParameter: '', firefox: 'CORSMissingAllowCredentials', preflight: SENT },
    })],
  },
  {
    id: 'preflight-credentials-pass',
    title: 'Credentialed PUT, everything right',
    teaches: 'Credentialed preflighted requests need the exact origin and ACAC true on both the preflight and the actual response.',
    category: 'preflight',
    steps: [step('cross-site', ok(H.acaoOrigin, H.acacTrue), {
      method: 'PUT', credentials: 'include', preflight: pre(H.acaoOrigin, H.acacTrue, H.acam('PUT')),
      hypothesis: { ok: true, preflight: SENT },
    })],
  },
  {
    id: 'preflight-ok-actual-missing-acao',
    title: 'Preflight passes, actual response lacks ACAO',
    teaches: 'Passing the preflight is not enough: the actual response needs Access-Control-Allow-Origin too.',
    category: 'preflight',
    steps: [step('cross-site', ok(), {
      method: 'PUT', preflight: pre(H.acaoOrigin, H.acam('PUT')),
      hypothesis: { ok: false, chromium: 'MissingAllowOriginHeader', firefox: 'CORSMissingAllowOrigin2', preflight: SENT },
    })],
  },
  ...([301, 307] as const).map((status): Scenario => ({
    id: `preflight-redirect-${status}`,
    title: `Preflight answered with a ${status} redirect`,
    teaches: 'Browsers never follow redirects on a preflight; the OPTIONS request must be answered directly (often a trailing-slash or http→https redirect).',
    category: 'preflight',
    steps: [{
      target: 'cross-site', method: 'PUT',
      hops: [
        { preflight: redirectTo(status, 'cross-site', H.acaoOrigin, H.acam('PUT')), actual: ok(H.acaoOrigin) },
        { preflight: pre(H.acaoStar, H.acam('PUT')), actual: ok(H.acaoStar) },
      ],
      hypothesis: { ok: false, chromium: 'PreflightDisallowedRedirect', firefox: 'CORSExternalRedirectNotAllowed', preflight: SENT },
    }],
  })),

  // ───────────────────────────── preflight cache ─────────────────────────────
  {
    id: 'cache-max-age-60',
    title: 'Two PUTs with Max-Age 60',
    teaches: 'Access-Control-Max-Age lets the browser reuse a preflight result: the second identical request skips OPTIONS.',
    category: 'preflight-cache',
    steps: [
      step('cross-site', ok(H.acaoOrigin), { method: 'PUT', preflight: pre(H.acaoOrigin, H.acam('PUT'), H.maxAge('60')), hypothesis: { ok: true, preflight: SENT } }),
      {
        target: 'cross-site', method: 'PUT', sameUrlAs: 0, hops: [],
        hypothesis: { ok: true, preflight: 'cached', note: FIREFOX_CACHE_NOTE },
      },
    ],
  },
  {
    id: 'cache-max-age-absent',
    title: 'No Max-Age: 5-second default',
    teaches: 'Without Access-Control-Max-Age the result is still cached, for 5 seconds: a repeat right away skips OPTIONS, a repeat after 5 s does not.',
    category: 'preflight-cache',
    slow: true,
    steps: [
      step('cross-site', ok(H.acaoOrigin), { method: 'PUT', preflight: pre(H.acaoOrigin, H.acam('PUT')), hypothesis: { ok: true, preflight: SENT } }),
      { target: 'cross-site', method: 'PUT', sameUrlAs: 0, hops: [], hypothesis: { ok: true, preflight: 'cached' } },
      { target: 'cross-site', method: 'PUT', sameUrlAs: 0, hops: [], delayMs: 5500, hypothesis: { ok: true, preflight: SENT } },
    ],
  },
  {
    id: 'cache-max-age-0',
    title: 'Max-Age 0 disables caching',
    teaches: 'Access-Control-Max-Age: 0 means every request is preflighted again.',
    category: 'preflight-cache',
    steps: [
      step('cross-site', ok(H.acaoOrigin), { method: 'PUT', preflight: pre(H.acaoOrigin, H.acam('PUT'), H.maxAge('0')), hypothesis: { ok: true, preflight: SENT } }),
      { target: 'cross-site', method: 'PUT', sameUrlAs: 0, hops: [], hypothesis: { ok: true, preflight: SENT } },
    ],
  },
  {
    id: 'cache-max-age-above-cap',
    title: 'Max-Age 864000 (10 days)',
    teaches: 'Browsers cap Max-Age (Chromium 2 h, Firefox 24 h); a huge value still caches, just not for that long.',
    category: 'preflight-cache',
    steps: [
      step('cross-site', ok(H.acaoOrigin), { method: 'PUT', preflight: pre(H.acaoOrigin, H.acam('PUT'), H.maxAge('864000')), hypothesis: { ok: true, preflight: SENT } }),
      { target: 'cross-site', method: 'PUT', sameUrlAs: 0, hops: [], hypothesis: { ok: true, preflight: 'cached' } },
    ],
  },
  ...(
    [
      ['invalid', '60s', 'A Max-Age that is not a plain number is ignored: Chromium falls back to its 5-second default, Firefox does not cache at all.', 'cached', 'sent'],
      ['negative', '-1', 'A negative Max-Age means "do not cache".', 'sent', 'sent'],
      ['fractional', '60.5', 'Max-Age counts whole seconds: "60.5" is not a number to either browser, so Chromium falls back to 5 seconds and Firefox does not cache.', 'cached', 'sent'],
    ] as const
  ).map(([kind, value, teaches, chromium, firefox]): Scenario => ({
    id: `cache-max-age-${kind}`,
    title: `Max-Age ${value} (${kind})`,
    teaches,
    category: 'preflight-cache',
    steps: [
      step('cross-site', ok(H.acaoOrigin), { method: 'PUT', preflight: pre(H.acaoOrigin, H.acam('PUT'), H.maxAge(value)), hypothesis: { ok: true, preflight: SENT } }),
      { target: 'cross-site', method: 'PUT', sameUrlAs: 0, hops: [], hypothesis: { ok: true, preflight: chromium, firefoxPreflight: firefox } },
    ],
  })),
  {
    id: 'cache-other-method',
    title: 'Cached preflight for PUT, then DELETE',
    teaches: 'A cached preflight only covers what it allowed; a DELETE after a PUT-only preflight needs its own OPTIONS (and fails here).',
    category: 'preflight-cache',
    steps: [
      step('cross-site', ok(H.acaoOrigin), { method: 'PUT', preflight: pre(H.acaoOrigin, H.acam('PUT'), H.maxAge('60')), hypothesis: { ok: true, preflight: SENT } }),
      {
        target: 'cross-site', method: 'DELETE', sameUrlAs: 0, hops: [],
        hypothesis: { ok: false, chromium: 'MethodDisallowedByPreflightResponse', failedParameter: 'DELETE', firefox: 'CORSMethodNotFound', preflight: SENT },
      },
    ],
  },
  {
    id: 'cache-credentials-upgrade',
    title: 'Cached uncredentialed preflight, then a credentialed request',
    teaches: 'A preflight cached for a request without credentials does not cover a credentialed one: the browser asks again.',
    category: 'preflight-cache',
    steps: [
      step('cross-site', ok(H.acaoOrigin, H.acacTrue), {
        method: 'PUT', credentials: 'omit', preflight: pre(H.acaoOrigin, H.acacTrue, H.acam('PUT'), H.maxAge('60')), hypothesis: { ok: true, preflight: SENT },
      }),
      { target: 'cross-site', method: 'PUT', credentials: 'include', sameUrlAs: 0, hops: [], hypothesis: { ok: true, preflight: SENT } },
    ],
  },

  // ───────────────────────────── safelist ─────────────────────────────
  {
    id: 'safelist-text-plain-charset',
    title: 'POST text/plain; charset=utf-8 (no preflight)',
    teaches: 'Content-Type text/plain (with parameters), multipart/form-data and application/x-www-form-urlencoded are "simple": no preflight is sent.',
    category: 'safelist',
    steps: [step('cross-site', ok(H.acaoOrigin), {
      method: 'POST', headers: [['Content-Type', 'text/plain; charset=utf-8']], body: 'hello', hypothesis: { ok: true, preflight: 'none' },
    })],
  },
  {
    id: 'safelist-json-needs-preflight',
    title: 'POST application/json to an API with no OPTIONS handler',
    teaches: 'Changing only the Content-Type to application/json turns a simple POST into a preflighted one; an API that 404s OPTIONS then breaks.',
    category: 'safelist',
    steps: [step('cross-site', ok(H.acaoOrigin), {
      method: 'POST', headers: [['Content-Type', 'application/json']], body: '{}',
      hypothesis: { ok: false, chromium: 'PreflightMissingAllowOriginHeader', firefox: 'CORSMissingAllowOrigin2', preflight: SENT },
    })],
  },
  {
    id: 'safelist-accept-too-long',
    title: 'Accept value over 128 bytes',
    teaches: 'Safelisted headers stop being safelisted when their value exceeds 128 bytes: this Accept triggers a preflight.',
    category: 'safelist',
    steps: [step('cross-site', ok(H.acaoOrigin), {
      headers: [['Accept', LONG_ACCEPT]], preflight: pre(H.acaoOrigin),
      hypothesis: { ok: false, chromium: 'HeaderDisallowedByPreflightResponse', failedParameter: 'accept', firefox: 'CORSMissingAllowHeaderFromPreflight2', preflight: SENT },
    })],
  },
  {
    id: 'safelist-accept-too-long-pass',
    title: 'Long Accept, allowed by ACAH',
    teaches: 'When a safelisted header needs a preflight, the server must list it (accept) in Access-Control-Allow-Headers.',
    category: 'safelist',
    steps: [step('cross-site', ok(H.acaoOrigin), {
      headers: [['Accept', LONG_ACCEPT]], preflight: pre(H.acaoOrigin, H.acah('accept')), hypothesis: { ok: true, preflight: SENT },
    })],
  },
  {
    id: 'safelist-accept-unsafe-byte',
    title: 'Accept containing a CORS-unsafe byte',
    teaches: 'Characters such as " ( ) : < > ? @ [ ] { } make a safelisted header unsafe, so it needs a preflight.',
    category: 'safelist',
    steps: [step('cross-site', ok(H.acaoOrigin), {
      headers: [['Accept', 'application/json; profile="v1"']], preflight: pre(H.acaoOrigin),
      hypothesis: { ok: false, chromium: 'HeaderDisallowedByPreflightResponse', failedParameter: 'accept', firefox: 'CORSMissingAllowHeaderFromPreflight2', preflight: SENT },
    })],
  },
  {
    id: 'safelist-content-language-bad',
    title: 'Content-Language with a disallowed character',
    teaches: 'Content-Language and Accept-Language are safelisted only for letters, digits, space and * , - . ; =.',
    category: 'safelist',
    steps: [step('cross-site', ok(H.acaoOrigin), {
      headers: [['Content-Language', 'en_US']], preflight: pre(H.acaoOrigin),
      hypothesis: { ok: false, chromium: 'HeaderDisallowedByPreflightResponse', failedParameter: 'content-language', firefox: 'CORSMissingAllowHeaderFromPreflight2', preflight: SENT },
    })],
  },
  {
    id: 'safelist-simple-headers-pass',
    title: 'Accept, Accept-Language, Content-Language with simple values',
    teaches: 'Short, plain values of the safelisted headers do not trigger a preflight.',
    category: 'safelist',
    steps: [step('cross-site', ok(H.acaoOrigin), {
      headers: [['Accept', 'application/json'], ['Accept-Language', 'en-GB, fr;q=0.8'], ['Content-Language', 'en']],
      hypothesis: { ok: true, preflight: 'none' },
    })],
  },
  {
    id: 'safelist-content-type-quoted-param',
    title: 'Content-Type text/plain; charset="utf-8" (quoted)',
    teaches: 'Even a simple MIME type stops being safelisted when the value contains a CORS-unsafe byte such as a double quote.',
    category: 'safelist',
    steps: [step('cross-site', ok(H.acaoOrigin), {
      method: 'POST', headers: [['Content-Type', 'text/plain; charset="utf-8"']], body: 'hello', preflight: pre(H.acaoOrigin),
      hypothesis: { ok: false, chromium: 'HeaderDisallowedByPreflightResponse', failedParameter: 'content-type', firefox: 'CORSMissingAllowHeaderFromPreflight2', preflight: SENT },
    })],
  },
  {
    id: 'safelist-content-type-appended-twice',
    title: 'Content-Type text/plain set twice (Headers.append, XHR setRequestHeader)',
    teaches:
      'A header set twice is one header holding both values: "text/plain, text/plain" is no MIME type, so the request is no longer simple and needs a preflight that allows content-type, in every browser.',
    category: 'safelist',
    steps: (['fetch', 'xhr'] as const).map((kind) =>
      step('cross-site', ok(H.acaoOrigin), {
        kind, method: 'POST', headers: [['Content-Type', 'text/plain'], ['Content-Type', 'text/plain']], body: 'hello', preflight: pre(H.acaoOrigin),
        ...(kind === 'fetch' && { headersInit: 'headers-object' as const }),
        hypothesis: { ok: false, chromium: 'HeaderDisallowedByPreflightResponse', failedParameter: 'content-type', firefox: 'CORSMissingAllowHeaderFromPreflight2', preflight: SENT },
      })),
  },
  {
    id: 'safelist-content-type-twice-init-pairs',
    title: "Content-Type text/plain twice as fetch() init pairs",
    teaches:
      "Passed as two [name, value] pairs in fetch()'s init, Chromium combines them and preflights as for Headers.append; Firefox judges each pair alone and sends one text/plain without a preflight. The same code fails in Chromium and works in Firefox.",
    category: 'safelist',
    steps: [step('cross-site', ok(H.acaoOrigin), {
      method: 'POST', headers: [['Content-Type', 'text/plain'], ['Content-Type', 'text/plain']], body: 'hello', preflight: pre(H.acaoOrigin),
      hypothesis: {
        ok: false, chromium: 'HeaderDisallowedByPreflightResponse', failedParameter: 'content-type', preflight: SENT, firefoxOk: true, firefoxPreflight: 'none',
        note: 'Firefox 153 allows it: it sends Content-Type: text/plain once and no preflight (verified; with text/plain then application/json it preflights and still sends only text/plain).',
      },
    })],
  },
  {
    id: 'safelist-range-multiple',
    title: 'Range with two ranges',
    teaches: 'Only a single byte range is safelisted; "bytes=0-1,5-6" needs a preflight that allows range.',
    category: 'safelist',
    steps: [step('cross-site', ok(H.acaoOrigin), {
      headers: [['Range', 'bytes=0-1,5-6']], preflight: pre(H.acaoOrigin),
      hypothesis: { ok: false, chromium: 'HeaderDisallowedByPreflightResponse', failedParameter: 'range', firefox: 'CORSMissingAllowHeaderFromPreflight2', preflight: SENT },
    })],
  },
  {
    id: 'safelist-range',
    title: 'Simple Range header',
    teaches: 'A single byte range such as "bytes=0-9" is safelisted; other forms need a preflight.',
    category: 'safelist',
    steps: [step('cross-site', ok(H.acaoOrigin), {
      headers: [['Range', 'bytes=0-9']], hypothesis: { ok: true, preflight: 'none' },
    })],
  },

  // ───────────────────────────── redirects ─────────────────────────────
  {
    id: 'redirect-same-to-cross-pass',
    title: 'Same-origin URL redirects to a cross-site API',
    teaches: 'A redirect from your own origin to an API keeps the real Origin; the API answers ACAO with your origin.',
    category: 'redirects',
    steps: [{
      target: 'same-origin',
      hops: [hop(redirectTo(302, 'cross-site')), hop(ok(H.acaoOrigin))],
      hypothesis: { ok: true, note: 'Origin stays the page origin: the redirect left the page\'s own origin.' },
    }],
  },
  {
    id: 'redirect-same-to-cross-missing-acao',
    title: 'Same-origin URL redirects to an API without ACAO',
    teaches: 'After a redirect the new response is CORS-checked: a same-origin start does not exempt a cross-origin destination.',
    category: 'redirects',
    steps: [{
      target: 'same-origin',
      hops: [hop(redirectTo(302, 'cross-site')), hop(ok())],
      hypothesis: { ok: false, chromium: 'MissingAllowOriginHeader', firefox: 'CORSMissingAllowOrigin2' },
    }],
  },
  {
    id: 'redirect-cross-to-other-acao-null',
    title: 'Cross-origin redirect to another origin, ACAO null',
    teaches: 'After a redirect between two foreign origins the Origin becomes "null"; the final server must answer ACAO null (or *).',
    category: 'redirects',
    steps: [{
      target: 'same-site',
      hops: [hop(redirectTo(302, 'cross-site', H.acaoOrigin)), hop(ok(H.acaoNull))],
      hypothesis: { ok: true },
    }],
  },
  {
    id: 'redirect-cross-to-other-acao-star',
    title: 'Cross-origin redirect to another origin, ACAO *',
    teaches: 'The wildcard also matches the "null" origin after a tainting redirect (without credentials).',
    category: 'redirects',
    steps: [{
      target: 'same-site',
      hops: [hop(redirectTo(302, 'cross-site', H.acaoOrigin)), hop(ok(H.acaoStar))],
      hypothesis: { ok: true },
    }],
  },
  {
    id: 'redirect-cross-to-other-acao-page',
    title: 'Cross-origin redirect to another origin, ACAO = page origin',
    teaches: 'Surprise: after the cross-origin hop the browser sends Origin: null, so echoing the page origin no longer matches.',
    category: 'redirects',
    steps: [{
      target: 'same-site',
      hops: [hop(redirectTo(302, 'cross-site', H.acaoOrigin)), hop(ok(H.acaoPage))],
      hypothesis: { ok: false, chromium: 'AllowOriginMismatch', firefox: 'CORSAllowOriginNotMatchingOrigin' },
    }],
  },
  {
    id: 'redirect-cross-to-other-reflect',
    title: 'Cross-origin redirect to another origin, server reflects Origin',
    teaches: 'A server that reflects the Origin header answers "null" after a tainting redirect, which passes.',
    category: 'redirects',
    steps: [{
      target: 'same-site',
      hops: [hop(redirectTo(302, 'cross-site', H.acaoOrigin)), hop(ok(H.acaoOrigin))],
      hypothesis: { ok: true },
    }],
  },
  {
    id: 'redirect-response-missing-acao',
    title: 'Cross-origin redirect response without ACAO',
    teaches: 'The 3xx itself is CORS-checked: a cross-origin redirect without Access-Control-Allow-Origin fails before the destination is fetched.',
    category: 'redirects',
    steps: [{
      target: 'cross-site',
      hops: [hop(redirectTo(302, 'same-site')), hop(ok(H.acaoStar))],
      hypothesis: { ok: false, chromium: 'MissingAllowOriginHeader', firefox: 'CORSMissingAllowOrigin2' },
    }],
  },
  {
    id: 'redirect-same-origin-hops-pass',
    title: 'Redirect within the API origin',
    teaches: 'A redirect that stays on the same API origin keeps the real Origin header.',
    category: 'redirects',
    steps: [{
      target: 'cross-site',
      hops: [hop(redirectTo(307, 'cross-site', H.acaoOrigin)), hop(ok(H.acaoOrigin))],
      hypothesis: { ok: true },
    }],
  },
  {
    id: 'redirect-userinfo',
    title: 'Redirect to a URL with user:pass@',
    teaches: 'CORS requests may not be redirected to URLs containing credentials (user:pass@host).',
    category: 'redirects',
    steps: [{
      target: 'same-site',
      hops: [
        hop({ status: 302, headers: [H.acaoOrigin], redirect: { to: 'cross-site', userinfo: 'user:pass' } }),
        hop(ok(H.acaoStar)),
      ],
      hypothesis: { ok: false, chromium: 'RedirectContainsCredentials', note: 'Firefox: no dedicated reason (NS_ERROR_DOM_BAD_URI).' },
    }],
  },
  {
    id: 'redirect-same-origin-to-userinfo',
    title: "Same-origin request redirected to another origin's URL with user:pass@",
    teaches: "A request that starts same-origin is still mode cors: redirected to another origin, the user:pass@ rule applies although no CORS header was ever involved.",
    category: 'redirects',
    steps: [{
      target: 'same-origin',
      hops: [
        hop({ status: 302, headers: [], redirect: { to: 'cross-site', userinfo: 'user:pass' } }),
        hop(ok(H.acaoStar)),
      ],
      hypothesis: { ok: false, chromium: 'RedirectContainsCredentials', note: 'Found by lab/fuzz.ts: the report called it not CORS because the recorded hop is same-origin.' },
    }],
  },
  {
    id: 'redirect-to-data-url',
    title: 'CORS request redirected to a data: URL',
    teaches: 'CORS requests may only be redirected to http(s) URLs; a redirect to data: or another scheme is a network error.',
    category: 'redirects',
    steps: [{
      target: 'cross-site',
      hops: [hop(res(302, H.acaoOrigin, ['Location', 'data:text/plain,hello']))],
      hypothesis: {
        ok: false, firefox: 'CORSDidNotSucceed2',
        note: 'Chromium 156: net::ERR_UNSAFE_REDIRECT with no corsErrorStatus (not CorsDisabledScheme). Firefox 153: CORSDidNotSucceed2, not CORSRequestNotHttp.',
      },
    }],
  },
  {
    id: 'redirect-to-ftp-url',
    title: 'CORS request redirected to an ftp: URL',
    teaches: 'Redirects to non-http(s) schemes such as ftp: or file: are refused for CORS requests.',
    category: 'redirects',
    steps: [{
      target: 'cross-site',
      hops: [hop(res(302, H.acaoOrigin, ['Location', 'ftp://127.0.0.1/x']))],
      hypothesis: {
        ok: false, chromium: 'CorsDisabledScheme', firefox: 'CORSRequestNotHttp',
        note: 'Chromium 156 reports CorsDisabledScheme for ftp: but net::ERR_UNSAFE_REDIRECT (no corsError) for data:. Firefox 153 logs CORSRequestNotHttp naming the ftp: URL, then CORSDidNotSucceed2 for the redirecting URL (for data: only CORSDidNotSucceed2).',
      },
    }],
  },
  {
    id: 'redirect-preflighted-pass',
    title: 'Preflighted PUT redirected with 307 to another origin',
    teaches: 'A preflighted request that is redirected is preflighted again at the new URL, with Origin: null.',
    category: 'redirects',
    steps: [{
      target: 'same-site', method: 'PUT',
      hops: [
        hop(redirectTo(307, 'cross-site', H.acaoOrigin), pre(H.acaoOrigin, H.acam('PUT'))),
        hop(ok(H.acaoStar), pre(H.acaoStar, H.acam('PUT'))),
      ],
      hypothesis: { ok: true, preflight: SENT },
    }],
  },
  {
    id: 'redirect-preflighted-second-preflight-fails',
    title: 'Preflighted PUT redirected; new origin has no OPTIONS handler',
    teaches: 'The second preflight at the redirect target must pass too; here it gets a 404 without ACAO.',
    category: 'redirects',
    steps: [{
      target: 'same-site', method: 'PUT',
      hops: [
        hop(redirectTo(307, 'cross-site', H.acaoOrigin), pre(H.acaoOrigin, H.acam('PUT'))),
        hop(ok(H.acaoStar)),
      ],
      hypothesis: { ok: false, chromium: 'PreflightMissingAllowOriginHeader', firefox: 'CORSMissingAllowOrigin2', preflight: SENT },
    }],
  },
  {
    id: 'redirect-back-preflight-without-acao',
    title: "Preflighted PUT redirected back to the page's origin; that preflight has no ACAO",
    teaches:
      "A request redirected back to the page's own origin is still CORS (Origin: null) and is preflighted again there. Chromium checks that preflight like any other; Firefox does not check its Access-Control-Allow-Origin.",
    category: 'redirects',
    steps: [{
      target: 'cross-site', method: 'PUT',
      hops: [
        hop(redirectTo(307, 'same-origin', H.acaoOrigin), pre(H.acaoOrigin, H.acam('PUT'))),
        hop(ok(H.acaoNull), pre(H.acam('PUT'))),
      ],
      hypothesis: {
        ok: false, chromium: 'PreflightMissingAllowOriginHeader', preflight: SENT,
        note: 'Firefox 153 allows it: it reads neither ACAO nor ACAC on a preflight to the page origin, but still checks status, methods and headers (found by lab/fuzz.ts).',
      },
    }],
  },
  {
    id: 'redirect-back-preflight-method-missing',
    title: "Preflighted PUT redirected back to the page's origin; that preflight does not allow PUT",
    teaches: "The preflight at the page's own origin after a redirect must still allow the method, in both browsers.",
    category: 'redirects',
    steps: [{
      target: 'cross-site', method: 'PUT',
      hops: [
        hop(redirectTo(307, 'same-origin', H.acaoOrigin), pre(H.acaoOrigin, H.acam('PUT'))),
        hop(ok(H.acaoNull), pre(H.acaoNull)),
      ],
      hypothesis: { ok: false, chromium: 'MethodDisallowedByPreflightResponse', firefox: 'CORSMethodNotFound', preflight: SENT },
    }],
  },

  // ───────────────────────────── modes ─────────────────────────────
  {
    id: 'no-cors-opaque',
    title: 'mode: no-cors to an API without CORS headers',
    teaches: 'no-cors never fails CORS: it resolves with an opaque response (status 0, no body) that the page cannot read.',
    category: 'modes',
    steps: [step('cross-site', ok(), { mode: 'no-cors', hypothesis: { ok: true, note: 'type opaque, status 0. Chromium CDP still reports Network.loadingFailed net::ERR_ABORTED (no corsErrorStatus) for it.' } })],
  },
  {
    id: 'mode-same-origin-cross-origin',
    title: 'mode: same-origin to a cross-origin URL',
    teaches: 'mode: "same-origin" forbids leaving the page origin; the request is refused before it is sent.',
    category: 'modes',
    steps: [step('cross-site', ok(H.acaoStar), {
      mode: 'same-origin',
      hypothesis: { ok: false, preflight: 'none', note: 'Chromium rejects in the renderer: nothing on the wire, no CDP Network event (so no DisallowedByMode corsError); console: Request mode is "same-origin" but the URL\'s origin is not same as the request origin. Firefox: TypeError, no CORS reason.' },
    })],
  },
  {
    id: 'mode-same-origin-pass',
    title: 'mode: same-origin to the page origin',
    teaches: 'mode: "same-origin" works for the page\'s own origin.',
    category: 'modes',
    steps: [step('same-origin', ok(), { mode: 'same-origin', hypothesis: { ok: true } })],
  },
  {
    id: 'no-cors-put-rejected',
    title: 'mode: no-cors with PUT',
    teaches: 'no-cors only allows GET, HEAD and POST; anything else is refused by fetch() before a request is made.',
    category: 'modes',
    steps: [step('cross-site', ok(), {
      mode: 'no-cors', method: 'PUT',
      hypothesis: { ok: false, preflight: 'none', note: 'A TypeError from fetch() itself: nothing on the wire, no CDP event, no CORS console reason.' },
    })],
  },
  ...(['manual', 'error'] as const).map((redirect): Scenario => ({
    id: `no-cors-redirect-${redirect}`,
    title: `mode: no-cors with redirect: ${redirect}`,
    teaches: 'no-cors requests must follow redirects; any other redirect mode is a network error.',
    category: 'modes',
    steps: [{
      target: 'cross-site', mode: 'no-cors', redirect,
      hops: [hop(redirectTo(302, 'cross-site')), hop(ok())],
      hypothesis: { ok: false, preflight: 'none', note: 'Chromium rejects in the renderer before any request: no CDP event (so no NoCorsRedirectModeNotFollow); console: Request mode is "no-cors" but the redirect mode is not "follow".' },
    }],
  })),
  {
    id: 'cors-redirect-manual',
    title: 'redirect: manual on a CORS request',
    teaches: 'With redirect: "manual" the page gets an opaque-redirect response instead of following the 3xx.',
    category: 'modes',
    steps: [{
      target: 'cross-site', redirect: 'manual',
      hops: [hop(redirectTo(302, 'cross-site', H.acaoOrigin)), hop(ok(H.acaoOrigin))],
      hypothesis: { ok: true, note: 'type opaqueredirect, status 0. Chromium CDP reports loadingFailed net::ERR_ABORTED (no corsErrorStatus).' },
    }],
  },
  {
    id: 'cors-redirect-error',
    title: 'redirect: error on a CORS request',
    teaches: 'With redirect: "error" any redirect makes fetch reject; this is not a CORS failure.',
    category: 'modes',
    steps: [{
      target: 'cross-site', redirect: 'error',
      hops: [hop(redirectTo(302, 'cross-site', H.acaoOrigin)), hop(ok(H.acaoOrigin))],
      hypothesis: { ok: false, note: 'Not a CORS error: Chromium CDP loadingFailed net::ERR_FAILED without corsErrorStatus.' },
    }],
  },

  // ───────────────────────────── response headers ─────────────────────────────
  {
    id: 'expose-headers-none',
    title: 'Custom response header, not exposed',
    teaches: 'Only safelisted response headers (Content-Type, Content-Length, …) are readable cross-origin unless the server exposes more.',
    category: 'response-headers',
    steps: [step('cross-site', ok(H.acaoOrigin, ['X-Request-Id', 'r-42']), {
      readHeaders: ['x-request-id', 'content-type'], hypothesis: { ok: true, note: 'x-request-id reads as null' },
    })],
  },
  {
    id: 'expose-headers-listed',
    title: 'Access-Control-Expose-Headers lists the header',
    teaches: 'List custom response headers in Access-Control-Expose-Headers to make them readable.',
    category: 'response-headers',
    steps: [step('cross-site', ok(H.acaoOrigin, ['X-Request-Id', 'r-42'], H.aceh('X-Request-Id')), {
      readHeaders: ['x-request-id'], hypothesis: { ok: true },
    })],
  },
  {
    id: 'expose-headers-wildcard',
    title: 'Access-Control-Expose-Headers: * without credentials',
    teaches: 'The * wildcard exposes every response header for requests without credentials.',
    category: 'response-headers',
    steps: [step('cross-site', ok(H.acaoOrigin, ['X-Request-Id', 'r-42'], H.aceh('*')), {
      readHeaders: ['x-request-id'], hypothesis: { ok: true },
    })],
  },
  {
    id: 'expose-headers-wildcard-credentials',
    title: 'Access-Control-Expose-Headers: * with credentials',
    teaches: 'With credentials the * in Access-Control-Expose-Headers is literal, so nothing extra is exposed.',
    category: 'response-headers',
    steps: [step('cross-site', ok(H.acaoOrigin, H.acacTrue, ['X-Request-Id', 'r-42'], H.aceh('*')), {
      credentials: 'include', readHeaders: ['x-request-id'], hypothesis: { ok: true, note: 'x-request-id reads as null' },
    })],
  },
  {
    id: 'vary-origin-reflect',
    title: 'Reflected ACAO with Vary: Origin',
    teaches: 'A server that reflects the Origin must send Vary: Origin so caches do not serve one origin\'s answer to another.',
    category: 'response-headers',
    steps: [
      step('cross-site', ok(H.acaoOrigin, H.varyOrigin, ['Cache-Control', 'max-age=60']), { hypothesis: { ok: true } }),
      { target: 'cross-site', sameUrlAs: 0, hops: [], hypothesis: { ok: true, note: 'may be served from the HTTP cache (no second request on the wire)' } },
    ],
  },

  // ───────────────────────────── cookies ─────────────────────────────
  ...(
    [
      ['cookie-samesite-none-secure', 'SameSite=None; Secure', 'cross-site', 'A cookie for cross-site use needs SameSite=None; Secure (Chromium counts http://localhost and 127.0.0.1 as secure). It is still refused when the browser blocks third-party cookies.',
        'Sent only if third-party cookies are allowed. Chromium 156 here blocks them by default (Set-Cookie blocked: UserPreferences, also in a persistent profile); with profile.cookie_controls_mode=0 the cookie is stored and sent. Firefox 153: sent (partitioned under the page\'s site).'],
      ['cookie-samesite-none-insecure', 'SameSite=None', 'cross-site', 'SameSite=None without Secure is rejected, so the cookie never comes back.',
        'Never sent. Chromium: SameSiteNoneInsecure when 3P cookies are allowed, UserPreferences by default. Firefox 153: not sent either.'],
      ['cookie-no-samesite', '', 'cross-site', 'Chromium treats a cookie without SameSite as Lax, so it is not sent on cross-site fetches (Firefox still sends it). Always set SameSite explicitly.',
        'Chromium: never sent (SchemefulSameSiteUnspecifiedTreatedAsLax when 3P cookies are allowed, UserPreferences by default). Firefox 153: SENT, it has no Lax-by-default.'],
      ['cookie-lax-same-site', 'SameSite=Lax', 'same-site', 'SameSite is about sites, not origins: a Lax cookie is sent to localhost on another port (same site).',
        'Sent (body.cookie shows it).'],
    ] as const
  ).map(([id, attrs, target, teaches, expectCookie]): Scenario => ({
    id,
    title: `Set-Cookie ${attrs || '(no SameSite)'} then credentialed fetch (${target})`,
    teaches,
    category: 'cookies',
    steps: [
      step(target, ok(H.acaoOrigin, H.acacTrue, H.setCookie(`lab_{run}=1; Path=/s/{scenario}/${attrs ? `; ${attrs}` : ''}`)), {
        credentials: 'include', hypothesis: { ok: true },
      }),
      step(target, ok(H.acaoOrigin, H.acacTrue), {
        credentials: 'include', hypothesis: { ok: true, note: expectCookie },
      }),
    ],
  })),
  {
    id: 'cookie-credentials-omit',
    title: 'Cookie set, then fetch without credentials: "include"',
    teaches: 'The default credentials mode (same-origin) never sends cookies cross-origin, whatever SameSite says.',
    category: 'cookies',
    steps: [
      step('cross-site', ok(H.acaoOrigin, H.acacTrue, H.setCookie('lab_{run}=1; Path=/s/{scenario}/; SameSite=None; Secure')), {
        credentials: 'include', hypothesis: { ok: true },
      }),
      step('cross-site', ok(H.acaoOrigin), { hypothesis: { ok: true, note: 'body.cookie is null' } }),
    ],
  },

  // ───────────────────────────── other APIs ─────────────────────────────
  {
    id: 'xhr-with-credentials-pass',
    title: 'XHR withCredentials, exact origin + ACAC',
    teaches: 'XMLHttpRequest.withCredentials = true is the XHR spelling of credentials: "include"; the same rules apply.',
    category: 'other-apis',
    steps: [setCookieFirst('xhr'), step('cross-site', ok(H.acaoOrigin, H.acacTrue), { kind: 'xhr', credentials: 'include', hypothesis: { ok: true } })],
  },
  {
    id: 'xhr-with-credentials-wildcard',
    title: 'XHR withCredentials with ACAO *',
    teaches: 'withCredentials plus ACAO * fails exactly as with fetch.',
    category: 'other-apis',
    steps: [setCookieFirst('xhr'), step('cross-site', ok(H.acaoStar), {
      kind: 'xhr', credentials: 'include',
      hypothesis: { ok: false, chromium: 'WildcardOriginNotAllowed', firefox: 'CORSNotSupportingCredentials' },
    })],
  },
  {
    id: 'xhr-missing-acao',
    title: 'XHR without ACAO',
    teaches: 'XHR reports a CORS failure as an "error" event with status 0.',
    category: 'other-apis',
    steps: [step('cross-site', ok(), {
      kind: 'xhr', hypothesis: { ok: false, chromium: 'MissingAllowOriginHeader', firefox: 'CORSMissingAllowOrigin2' },
    })],
  },
  {
    id: 'xhr-upload-listener-preflight',
    title: 'XHR POST with an upload progress listener',
    teaches: 'Listening to xhr.upload events turns an otherwise simple XHR POST into a preflighted request; an API without an OPTIONS handler then fails.',
    category: 'other-apis',
    steps: [step('cross-site', ok(H.acaoOrigin), {
      kind: 'xhr', method: 'POST', headers: [['Content-Type', 'text/plain']], body: 'hello', uploadListener: true,
      hypothesis: { ok: false, chromium: 'PreflightMissingAllowOriginHeader', firefox: 'CORSMissingAllowOrigin2', preflight: SENT },
    })],
  },
  {
    id: 'xhr-no-upload-listener',
    title: 'XHR POST without upload listeners',
    teaches: 'The same XHR POST without upload listeners is simple: no preflight.',
    category: 'other-apis',
    steps: [step('cross-site', ok(H.acaoOrigin), {
      kind: 'xhr', method: 'POST', headers: [['Content-Type', 'text/plain']], body: 'hello',
      hypothesis: { ok: true, preflight: 'none' },
    })],
  },
  {
    id: 'img-crossorigin-pass',
    title: '<img crossorigin> with ACAO',
    teaches: 'An image loaded with the crossorigin attribute is fetched in CORS mode and needs ACAO to load.',
    category: 'other-apis',
    steps: [step('cross-site', { status: 200, headers: [H.acaoOrigin], body: 'gif' }, { kind: 'img', hypothesis: { ok: true } })],
  },
  {
    id: 'img-crossorigin-missing-acao',
    title: '<img crossorigin> without ACAO',
    teaches: 'Without ACAO a crossorigin image fails to load entirely (a plain <img> without the attribute would load, but taint canvases).',
    category: 'other-apis',
    steps: [step('cross-site', { status: 200, body: 'gif' }, {
      kind: 'img', hypothesis: { ok: false, chromium: 'MissingAllowOriginHeader', firefox: 'CORSMissingAllowOrigin2' },
    })],
  },

  // ───────────────────────────── images, stylesheets, fonts and scripts ─────────────────────────────
  {
    id: 'img-use-credentials-wildcard',
    title: '<img crossorigin="use-credentials"> with ACAO *',
    teaches: 'On an element, crossorigin decides the credentials mode: "use-credentials" is credentials: "include", so ACAO * is refused. The image just fails (its error event, no exception to catch); only the console says why.',
    category: 'resources',
    steps: [step('cross-site', loads('img', H.acaoStar), {
      kind: 'img', credentials: 'include',
      hypothesis: { ok: false, chromium: 'WildcardOriginNotAllowed', firefox: 'CORSNotSupportingCredentials' },
    })],
  },
  {
    id: 'img-use-credentials-pass',
    title: '<img crossorigin="use-credentials">, exact origin + ACAC',
    teaches: 'A credentialed image needs what a credentialed fetch needs: the exact origin in ACAO and Access-Control-Allow-Credentials: true.',
    category: 'resources',
    steps: [setCookieFirst(), step('cross-site', loads('img', H.acaoOrigin, H.acacTrue), { kind: 'img', credentials: 'include', hypothesis: { ok: true } })],
  },
  {
    id: 'img-no-crossorigin',
    title: '<img> without crossorigin, no ACAO',
    teaches: 'Without the crossorigin attribute an image is fetched in no-cors mode: it displays with no CORS header at all, but it taints any canvas it is drawn on (getImageData then throws).',
    category: 'resources',
    steps: [step('cross-site', loads('img'), { kind: 'img', mode: 'no-cors', hypothesis: { ok: true, preflight: 'none' } })],
  },
  {
    id: 'stylesheet-crossorigin-pass',
    title: '<link rel=stylesheet crossorigin> with ACAO',
    teaches: 'A stylesheet with the crossorigin attribute is fetched in CORS mode; with ACAO it loads, and script may read its rules (document.styleSheets[…].cssRules).',
    category: 'resources',
    steps: [step('cross-site', loads('stylesheet', H.acaoOrigin), { kind: 'stylesheet', hypothesis: { ok: true, preflight: 'none' } })],
  },
  {
    id: 'stylesheet-crossorigin-missing-acao',
    title: '<link rel=stylesheet crossorigin> without ACAO',
    teaches: 'With crossorigin, a stylesheet whose server sends no ACAO is not applied at all: the link fires its error event and the page renders unstyled. Without the attribute it would have loaded (and its rules stayed unreadable to script).',
    category: 'resources',
    steps: [step('cross-site', loads('stylesheet'), {
      kind: 'stylesheet', hypothesis: { ok: false, chromium: 'MissingAllowOriginHeader', firefox: 'CORSMissingAllowOrigin2' },
    })],
  },
  {
    id: 'font-face-missing-acao',
    title: 'Web font (FontFace) from a CDN without ACAO',
    teaches: 'Fonts are always fetched in CORS mode, crossorigin or not: a font server that sends no Access-Control-Allow-Origin breaks every page on another origin. The text silently falls back to another font; FontFace.load() rejects with a NetworkError that does not say why; the console names the missing header.',
    category: 'resources',
    steps: [step('cross-site', loads('font-face'), {
      kind: 'font-face', hypothesis: { ok: false, chromium: 'MissingAllowOriginHeader', firefox: 'CORSMissingAllowOrigin2' },
    })],
  },
  {
    id: 'font-face-wildcard-pass',
    title: 'Web font (FontFace) with ACAO *',
    teaches: 'Fonts are fetched without credentials (credentials mode same-origin, whatever the page does): even from a server that set a cookie, no cookie goes along, so a font server can simply send Access-Control-Allow-Origin: *.',
    category: 'resources',
    steps: [setCookieFirst(), step('cross-site', loads('font-face', H.acaoStar), {
      kind: 'font-face', hypothesis: { ok: true, preflight: 'none', note: 'No Cookie header: Firefox keeps the cookie step 0 set and sends it only with credentialed requests.' },
    })],
  },
  {
    id: 'font-css-missing-acao',
    title: '@font-face from another origin without ACAO',
    teaches: 'An @font-face rule is the usual way a font fails: the stylesheet loads, the font request is blocked, and the text renders in a fallback font with no error anywhere but the console.',
    category: 'resources',
    steps: [step('cross-site', loads('font-css'), {
      kind: 'font-css', hypothesis: { ok: false, chromium: 'MissingAllowOriginHeader', firefox: 'CORSMissingAllowOrigin2' },
    })],
  },
  {
    id: 'font-css-pass',
    title: '@font-face from another origin, ACAO echoes the origin',
    teaches: 'With Access-Control-Allow-Origin naming the page (or *), the @font-face font loads and is used.',
    category: 'resources',
    steps: [step('same-site', loads('font-css', H.acaoOrigin, H.varyOrigin), { kind: 'font-css', hypothesis: { ok: true, preflight: 'none' } })],
  },
  {
    id: 'script-crossorigin-pass',
    title: '<script crossorigin> with ACAO',
    teaches: 'A classic script with crossorigin is fetched in CORS mode; with ACAO it runs, and its errors reach window.onerror with their details instead of "Script error.".',
    category: 'resources',
    steps: [step('cross-site', loads('script', H.acaoOrigin), { kind: 'script', hypothesis: { ok: true, preflight: 'none' } })],
  },
  {
    id: 'script-crossorigin-missing-acao',
    title: '<script crossorigin> without ACAO',
    teaches: 'Adding crossorigin to a script tag (e.g. for Subresource Integrity) makes it a CORS request: a CDN without ACAO now stops the script from running at all (error event), where the plain tag ran.',
    category: 'resources',
    steps: [step('cross-site', loads('script'), {
      kind: 'script', hypothesis: { ok: false, chromium: 'MissingAllowOriginHeader', firefox: 'CORSMissingAllowOrigin2' },
    })],
  },
  {
    id: 'script-no-crossorigin',
    title: 'Plain <script> from another origin, no ACAO',
    teaches: 'A classic <script> without crossorigin is a no-cors request: it runs without any CORS header (the server cannot stop it that way), and its errors reach the page only as "Script error.".',
    category: 'resources',
    steps: [step('cross-site', loads('script'), { kind: 'script', mode: 'no-cors', hypothesis: { ok: true, preflight: 'none' } })],
  },
  {
    id: 'module-script-pass',
    title: '<script type=module> from another origin with ACAO',
    teaches: 'Module scripts (and everything they import) are always fetched in CORS mode, crossorigin or not; with ACAO the module runs.',
    category: 'resources',
    steps: [step('cross-site', loads('module', H.acaoStar), { kind: 'module', hypothesis: { ok: true, preflight: 'none' } })],
  },
  {
    id: 'module-script-missing-acao',
    title: '<script type=module> from another origin without ACAO',
    teaches: 'A module from a server that sends no ACAO never runs, although the same file as a classic script would: the script element fires its error event and the console names the missing header.',
    category: 'resources',
    steps: [step('cross-site', loads('module'), {
      kind: 'module', hypothesis: { ok: false, chromium: 'MissingAllowOriginHeader', firefox: 'CORSMissingAllowOrigin2' },
    })],
  },
  {
    id: 'null-origin-font-acao-page',
    title: 'Web font from a sandboxed iframe (origin null), ACAO names the page',
    teaches: 'A font requested by a sandboxed frame (a widget, a srcdoc preview) comes from the opaque origin null: an ACAO naming the embedding page does not match it, and the text falls back silently.',
    category: 'resources',
    frame: 'sandboxed',
    steps: [step('cross-site', loads('font-face', H.acaoPage), {
      kind: 'font-face',
      hypothesis: { ok: false, chromium: 'AllowOriginMismatch', firefox: 'CORSAllowOriginNotMatchingOrigin', note: 'Runs in a sandbox="allow-scripts" iframe: Origin: null.' },
    })],
  },

  // ───────────────────────────── edge cases users hit ─────────────────────────────
  {
    id: 'head-pass',
    title: 'Cross-site HEAD with ACAO',
    teaches: 'HEAD is a CORS-safelisted method like GET: no preflight, and the response (headers only) is readable when ACAO matches.',
    category: 'basics',
    steps: [step('cross-site', ok(H.acaoOrigin), { method: 'HEAD', hypothesis: { ok: true, preflight: 'none' } })],
  },
  {
    id: 'head-missing-acao',
    title: 'Cross-site HEAD without ACAO',
    teaches: 'A HEAD request (e.g. checking whether a file exists) needs Access-Control-Allow-Origin too; without it the page learns nothing, not even the status.',
    category: 'basics',
    steps: [step('cross-site', ok(), {
      method: 'HEAD',
      hypothesis: { ok: false, chromium: 'MissingAllowOriginHeader', firefox: 'CORSMissingAllowOrigin2', preflight: 'none' },
    })],
  },
  {
    id: 'acao-whitespace',
    title: 'ACAO with spaces around the origin',
    teaches: 'Leading and trailing spaces around a header value are not part of it: "  http://localhost:8310  " is read as the origin itself.',
    category: 'allow-origin',
    steps: [step('cross-site', ok(H.acao('  {origin}  ')), { hypothesis: { ok: true } })],
  },
  {
    id: 'null-origin-acao-null',
    title: 'Sandboxed iframe (origin null), ACAO null',
    teaches: 'A sandboxed iframe (or a data:/file: page) has an opaque origin and sends Origin: null; "Access-Control-Allow-Origin: null" lets it read the response, and with it every other sandboxed page on the web.',
    category: 'allow-origin',
    frame: 'sandboxed',
    steps: [step('cross-site', ok(H.acaoNull), { hypothesis: { ok: true, note: 'Runs in a sandbox="allow-scripts" iframe: Origin: null.' } })],
  },
  {
    id: 'null-origin-acao-page',
    title: 'Sandboxed iframe (origin null), ACAO names the page',
    teaches: 'A sandboxed iframe is not the origin it was served from: the API sees Origin: null, so echoing the page origin (or allow-listing it) does not match.',
    category: 'allow-origin',
    frame: 'sandboxed',
    steps: [step('cross-site', ok(H.acaoPage), {
      hypothesis: { ok: false, chromium: 'AllowOriginMismatch', firefox: 'CORSAllowOriginNotMatchingOrigin', note: 'Runs in a sandbox="allow-scripts" iframe: Origin: null.' },
    })],
  },
  {
    id: 'credentials-acac-whitespace',
    title: 'ACAC "  true  " (spaces around)',
    teaches: 'Spaces around Access-Control-Allow-Credentials are stripped like around any header value; only the letters must be exactly "true".',
    category: 'credentials',
    steps: [setCookieFirst(), step('cross-site', ok(H.acaoOrigin, H.acac('  true  ')), { credentials: 'include', hypothesis: { ok: true } })],
  },
  {
    id: 'credentials-acac-two-lines',
    title: 'Two ACAC: true lines',
    teaches: 'Sending Access-Control-Allow-Credentials twice (proxy plus app) makes the value "true, true", which is not "true": the credentialed read fails.',
    category: 'credentials',
    steps: [setCookieFirst(), step('cross-site', ok(H.acaoOrigin, H.acacTrue, H.acacTrue), {
      credentials: 'include',
      hypothesis: { ok: false, chromium: 'InvalidAllowCredentials', failedParameter: 'true, true', firefox: 'CORSMissingAllowCredentials' },
    })],
  },
  {
    id: 'preflight-method-lowercase-delete',
    title: 'fetch method "delete" vs ACAM delete',
    teaches: 'fetch() upper-cases "delete" to DELETE before sending, so the preflight asks for DELETE and a lower-case "delete" in Access-Control-Allow-Methods does not match.',
    category: 'preflight',
    steps: [step('cross-site', ok(H.acaoOrigin), {
      method: 'delete', preflight: pre(H.acaoOrigin, H.acam('delete')),
      hypothesis: { ok: false, chromium: 'MethodDisallowedByPreflightResponse', failedParameter: 'DELETE', firefox: 'CORSMethodNotFound', preflight: SENT },
    })],
  },
  {
    id: 'preflight-acah-empty-items',
    title: 'ACAH with an empty item (x-a,,x-b)',
    teaches: 'Empty items in a comma-separated Access-Control-Allow-Headers list are skipped; the listed names still count.',
    category: 'preflight',
    steps: [step('cross-site', ok(H.acaoOrigin), {
      headers: [['X-A', '1'], ['X-B', '2']], preflight: pre(H.acaoOrigin, H.acah('x-a,,x-b')), hypothesis: { ok: true, preflight: SENT },
    })],
  },
  {
    id: 'preflight-acah-duplicate-items',
    title: 'ACAH naming a header twice, in two cases',
    teaches: 'Listing a header twice (x-a, X-A) is harmless: names are compared case-insensitively and duplicates change nothing.',
    category: 'preflight',
    steps: [step('cross-site', ok(H.acaoOrigin), {
      headers: [['X-A', '1']], preflight: pre(H.acaoOrigin, H.acah('x-a, X-A')), hypothesis: { ok: true, preflight: SENT },
    })],
  },
  {
    id: 'preflight-200-with-body',
    title: 'Preflight answered 200 with a body',
    teaches: 'A preflight only needs an ok status (200–299) and the right headers; a 200 with a body (frameworks that route OPTIONS to the GET handler) is fine.',
    category: 'preflight',
    steps: [step('cross-site', ok(H.acaoOrigin), {
      method: 'PUT', preflight: { status: 200, headers: [H.acaoOrigin, H.acam('PUT')], body: { text: 'options handled' } },
      hypothesis: { ok: true, preflight: SENT },
    })],
  },
  {
    id: 'safelist-multipart-form-data',
    title: 'POST multipart/form-data (no preflight)',
    teaches: 'multipart/form-data is one of the three safelisted Content-Types: an upload form posted cross-site sends no preflight, but the read still needs ACAO.',
    category: 'safelist',
    steps: [step('cross-site', ok(H.acaoOrigin), {
      method: 'POST', headers: [['Content-Type', 'multipart/form-data; boundary=lab']], body: '--lab\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--lab--\r\n',
      hypothesis: { ok: true, preflight: 'none' },
    })],
  },
  {
    id: 'redirect-303-post',
    title: 'POST answered 303 See Other',
    teaches: 'A 303 turns the POST into a GET without a body (the usual post/redirect/get); each hop still needs ACAO.',
    category: 'redirects',
    steps: [{
      target: 'cross-site', method: 'POST', headers: [['Content-Type', 'text/plain']], body: 'hello',
      hops: [hop(redirectTo(303, 'cross-site', H.acaoOrigin)), hop(ok(H.acaoOrigin))],
      hypothesis: { ok: true, preflight: 'none', note: 'The second hop is a GET.' },
    }],
  },

  // ───────────────────────────── local network access (Chromium, special setup) ─────────────────────────────
  {
    id: 'lna-public-page-to-loopback',
    title: 'Public website fetches a loopback API',
    teaches: 'Chromium\'s Local Network Access asks the user before a public website may reach localhost; without that permission the request fails even with perfect CORS headers.',
    category: 'local-network',
    browserSetup: 'page-public',
    steps: [step('cross-site', ok(H.acaoOrigin), {
      hypothesis: { ok: false, chromium: 'LocalNetworkAccessPermissionDenied', preflight: 'none', note: 'Firefox: no LNA check in 153 ESR (passes).' },
    })],
  },
  {
    id: 'lna-public-page-to-loopback-preflighted',
    title: 'Public website sends a preflighted PUT to a loopback API',
    teaches: 'The Local Network Access check happens before any preflight: the OPTIONS request is never sent.',
    category: 'local-network',
    browserSetup: 'page-public',
    steps: [step('cross-site', ok(H.acaoOrigin), {
      method: 'PUT', preflight: pre(H.acaoOrigin, H.acam('PUT')),
      hypothesis: { ok: false, chromium: 'LocalNetworkAccessPermissionDenied', preflight: 'none' },
    })],
  },
  {
    id: 'lna-insecure-page-to-loopback',
    title: 'Public http (non-secure) website fetches a loopback API',
    teaches: 'Only secure contexts (https) may even ask for Local Network Access; a plain-http public page is refused outright.',
    category: 'local-network',
    browserSetup: 'page-public-insecure',
    steps: [step('cross-site', ok(H.acaoOrigin), {
      hypothesis: { ok: false, chromium: 'InsecureLocalNetwork', preflight: 'none' },
    })],
  },
  {
    id: 'lna-target-address-space-mismatch',
    title: 'fetch targetAddressSpace "local" to a loopback server',
    teaches: 'fetch(url, {targetAddressSpace}) declares where the server lives; if the connection lands in another address space the request fails.',
    category: 'local-network',
    browserSetup: 'page-public',
    steps: [step('cross-site', ok(H.acaoOrigin), {
      targetAddressSpace: 'local',
      hypothesis: { ok: false, chromium: 'InvalidLocalNetworkAccess', preflight: 'none' },
    })],
  },
];

/**
 * Every lesson the lab page offers: the CORS table above plus the cookie lessons
 * (lab/scenarios-cookies.ts, lab/scenarios-cookie-caps.ts). The cookie lessons are served and probed on their own
 * (test/e2e/differential-cookies.test.ts); the CORS differential tests, the capture tests and the
 * recorded fixtures run `scenarios`.
 */
export const labLessons: readonly Scenario[] = [...scenarios, ...cookieScenarios, ...cookieCapScenarios];

/** Look a scenario up by id. */
export function findScenario(id: string): Scenario | undefined {
  return scenarios.find((s) => s.id === id);
}
