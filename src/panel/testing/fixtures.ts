/**
 * Hand-built exchange records for the panel's tests and the standalone screenshots: each one is
 * a small, realistic CORS story (see the names). Built from the shared types only.
 */
import { allowedBrowserVerdict } from '../../shared/cors/walk/context.ts';
import type { HttpHeader, ObservedExchange, ObservedResponse } from '../../shared/model/exchange.ts';
import type { BrowserVerdict, Check, Verdict } from '../../shared/cors/verdict.ts';
import type { ExchangeRecord } from '../../shared/protocol/messages.ts';

const PAGE = 'http://localhost:8000';
const API = 'http://127.0.0.1:3000';
const T0 = 1_763_780_000_000;

const h = (pairs: ReadonlyArray<readonly [string, string]>): HttpHeader[] => pairs.map(([name, value]) => ({ name, value }));

function check(id: string, title: string, status: Check['status'], observed: string | null, expected: string, detail: string, extra: Partial<Check> = {}): Check {
  return { id, title, status, observed, expected, detail, provenance: 'observed', spec: 'https://fetch.spec.whatwg.org/#cors-check', ...extra };
}

function verdict(partial: Partial<Verdict> & Pick<Verdict, 'outcome' | 'checks'>): Verdict {
  return {
    classification: {
      kind: 'cors',
      origin: PAGE,
      target: API,
      sameSite: false,
      preflightNeeded: false,
      preflightTriggers: [],
    },
    chromium: allowedBrowserVerdict('chromium'),
    firefox: allowedBrowserVerdict('firefox'),
    code: null,
    browsersDisagree: false,
    warnings: [],
    inferred: [],
    ...partial,
  };
}

function record(seq: number, exchange: ObservedExchange, v: Verdict, pending = false): ExchangeRecord {
  return { id: exchange.id, tabId: 7, seq, pending, exchange, verdict: v };
}

const ok = (at: number, headers: ReadonlyArray<readonly [string, string]>, status = 200): ObservedResponse => ({
  status,
  statusText: status === 204 ? 'No Content' : 'OK',
  headers: h(headers),
  receivedAt: T0 + at,
});

/** The fields of a fetch from PAGE to another origin in CORS mode, as Chromium's recorder reports it. */
function corsFromPage(id: string, over: Pick<ObservedExchange, 'resourceType' | 'credentialsMode'> = {}): Omit<ObservedExchange, 'legs' | 'outcome'> {
  return { id, recorder: 'chromium', initiatorOrigin: PAGE, resourceType: 'fetch', credentialsMode: 'same-origin', mode: 'cors', ...over };
}

/** GET to another origin, answered with a matching Access-Control-Allow-Origin. */
export function allowedGet(seq = 1, id = 'ex-get'): ExchangeRecord {
  const exchange: ObservedExchange = {
    ...corsFromPage(id),
    legs: [
      {
        request: { url: `${API}/api/items?page=1`, method: 'GET', headers: h([['Origin', PAGE], ['Accept', '*/*']]), startedAt: T0 + seq * 100 },
        preflight: null,
        response: ok(seq * 100 + 12, [['Content-Type', 'application/json'], ['Access-Control-Allow-Origin', PAGE]]),
      },
    ],
    outcome: { kind: 'succeeded' },
  };
  return record(seq, exchange, verdict({
    outcome: 'allowed',
    checks: [
      check('response.allow-origin', 'Access-Control-Allow-Origin matches the origin', 'pass', PAGE, `\`${PAGE}\` or \`*\``, 'The response allows this origin.'),
      check('response.allow-credentials', 'Access-Control-Allow-Credentials when credentials are sent', 'not-applicable', null, '`true` (only with credentials)', 'No credentials were sent.'),
    ],
  }));
}

/** PUT with JSON: the preflight's Access-Control-Allow-Headers lacks content-type. */
export function blockedPreflightHeader(seq = 2, id = 'ex-put'): ExchangeRecord {
  const exchange: ObservedExchange = {
    ...corsFromPage(id),
    legs: [
      {
        request: {
          url: `${API}/api/items/42`,
          method: 'PUT',
          headers: h([['Origin', PAGE], ['Content-Type', 'application/json']]),
          headersProvisional: true,
          startedAt: T0 + seq * 100,
        },
        preflight: {
          kind: 'observed',
          request: {
            url: `${API}/api/items/42`,
            method: 'OPTIONS',
            headers: h([['Origin', PAGE], ['Access-Control-Request-Method', 'PUT'], ['Access-Control-Request-Headers', 'content-type']]),
            startedAt: T0 + seq * 100 + 1,
          },
          response: ok(seq * 100 + 9, [
            ['Access-Control-Allow-Origin', PAGE],
            ['Access-Control-Allow-Methods', 'GET, PUT'],
            ['Access-Control-Allow-Headers', 'x-requested-with'],
          ], 204),
        },
        response: null,
      },
    ],
    outcome: { kind: 'failed', error: 'net::ERR_FAILED', chromiumCorsError: 'HeaderDisallowedByPreflightResponse' },
  };
  const chromium: BrowserVerdict = {
    browser: 'chromium',
    allowed: false,
    corsError: 'HeaderDisallowedByPreflightResponse',
    failedParameter: 'content-type',
    firefoxReason: null,
    consoleMessage: `Access to fetch at '${API}/api/items/42' from origin '${PAGE}' has been blocked by CORS policy: Request header field content-type is not allowed by Access-Control-Allow-Headers in preflight response.`,
    code: 'header-disallowed-by-preflight',
  };
  const firefox: BrowserVerdict = {
    browser: 'firefox',
    allowed: false,
    corsError: null,
    failedParameter: null,
    firefoxReason: 'CORSMissingAllowHeaderFromPreflight',
    consoleMessage: `Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ${API}/api/items/42. (Reason: header ‘content-type’ is not allowed according to header ‘Access-Control-Allow-Headers’ from CORS preflight response).`,
    code: 'header-disallowed-by-preflight',
  };
  return record(seq, exchange, verdict({
    outcome: 'blocked',
    code: chromium.code,
    chromium,
    firefox,
    classification: {
      kind: 'cors',
      origin: PAGE,
      target: API,
      sameSite: false,
      preflightNeeded: true,
      preflightTriggers: [
        { kind: 'method', method: 'PUT' },
        { kind: 'header-value', name: 'content-type', value: 'application/json', why: 'content-type-essence' },
      ],
    },
    checks: [
      check('preflight.status', 'Preflight status is 2xx', 'pass', '204', 'an ok status (200–299)', 'The preflight answered 204.'),
      check('preflight.allow-origin', 'Preflight Access-Control-Allow-Origin matches the origin', 'pass', PAGE, `\`${PAGE}\` or \`*\``, 'The preflight allows this origin.'),
      check('preflight.method', 'Access-Control-Allow-Methods lists PUT', 'pass', 'GET, PUT', '`PUT` (case-sensitive) or `*`', 'PUT is listed.'),
      check('preflight.headers', 'Access-Control-Allow-Headers lists every non-safelisted header', 'fail', 'x-requested-with', '`content-type` or `*`', 'content-type is sent with a non-safelisted value but is not listed.', { code: chromium.code! }),
      check('response.allow-origin', 'Access-Control-Allow-Origin matches the origin', 'unknown', null, `\`${PAGE}\``, 'The actual request was never sent.'),
    ],
    inferred: [{ code: 'credentials-mode', credentialed: false, otherReading: null, statement: 'The request was sent without credentials', because: 'no Cookie header and credentials mode same-origin' }],
  }));
}

/** A second PUT to the same URL with no preflight on the wire: an inferred preflight-cache hit. */
export function cachedPreflightPut(seq = 3, id = 'ex-cached'): ExchangeRecord {
  const source = ok(120, [['Access-Control-Allow-Origin', PAGE], ['Access-Control-Allow-Methods', 'PUT'], ['Access-Control-Max-Age', '600']], 204);
  const exchange: ObservedExchange = {
    ...corsFromPage(id, { credentialsMode: 'include' }),
    legs: [
      {
        request: { url: `${API}/api/cart`, method: 'PUT', headers: h([['Origin', PAGE], ['Cookie', 'sid=abc123; theme=dark']]), startedAt: T0 + seq * 100 },
        preflight: { kind: 'cache-hit', sourceExchangeId: 'ex-source', cachedAt: T0 + 120, maxAgeSeconds: 600, sourceResponse: source },
        response: ok(seq * 100 + 20, [
          ['Access-Control-Allow-Origin', PAGE],
          ['Access-Control-Allow-Credentials', 'true'],
          ['Set-Cookie', 'sid=def456; Path=/; Secure; HttpOnly; SameSite=None'],
          ['Set-Cookie', 'seen=1; Max-Age=3600'],
        ]),
      },
    ],
    outcome: { kind: 'succeeded' },
  };
  return record(seq, exchange, verdict({
    outcome: 'allowed',
    classification: {
      kind: 'cors', origin: PAGE, target: API, sameSite: false, preflightNeeded: true,
      preflightTriggers: [{ kind: 'method', method: 'PUT' }],
    },
    checks: [
      check('preflight.cache', 'A cached preflight covers PUT', 'pass', 'max-age 600', 'an unexpired entry', 'No preflight was sent; an entry from 120 ms earlier allows PUT.', { provenance: 'inferred' }),
      check('response.allow-origin', 'Access-Control-Allow-Origin matches the origin', 'pass', PAGE, `\`${PAGE}\``, 'Matches.'),
      check('response.allow-credentials', 'Access-Control-Allow-Credentials is true', 'pass', 'true', '`true`', 'Credentials allowed.'),
    ],
    inferred: [{ code: 'preflight-cache-hit', hop: 0, statement: 'The preflight came from the preflight cache', because: 'no OPTIONS was seen and an earlier preflight with Max-Age 600 allowed PUT' }],
  }));
}

/** The PUT whose observed preflight created the cache entry `cachedPreflightPut` later used. */
export function sourcePut(): ExchangeRecord {
  const base = cachedPreflightPut(1, 'ex-source');
  const leg = base.exchange.legs[0];
  const hit = leg?.preflight;
  if (!leg || hit?.kind !== 'cache-hit' || !hit.sourceResponse) return base;
  const preflight = { kind: 'observed' as const, request: { url: leg.request.url, method: 'OPTIONS', headers: [], startedAt: T0 + 110 }, response: hit.sourceResponse };
  return { ...base, exchange: { ...base.exchange, legs: [{ ...leg, preflight, request: { ...leg.request, startedAt: T0 + 100 } }] } };
}

/** A credentialed GET that is redirected to another origin and still allowed. */
export function redirectedGet(seq = 4, id = 'ex-redirect'): ExchangeRecord {
  const exchange: ObservedExchange = {
    ...corsFromPage(id, { resourceType: 'xmlhttprequest', credentialsMode: 'include' }),
    legs: [
      {
        request: { url: `${API}/old/profile`, method: 'GET', headers: h([['Origin', PAGE]]), startedAt: T0 + seq * 100 },
        preflight: null,
        response: ok(seq * 100 + 5, [['Location', 'http://127.0.0.1:3001/profile'], ['Access-Control-Allow-Origin', PAGE], ['Access-Control-Allow-Credentials', 'true']], 302),
      },
      {
        request: { url: 'http://127.0.0.1:3001/profile', method: 'GET', headers: h([['Origin', 'null']]), startedAt: T0 + seq * 100 + 6 },
        preflight: null,
        response: ok(seq * 100 + 15, [['Access-Control-Allow-Origin', '*']]),
      },
    ],
    outcome: { kind: 'failed', error: 'net::ERR_FAILED' },
  };
  const chromium: BrowserVerdict = {
    browser: 'chromium', allowed: false, corsError: 'WildcardOriginNotAllowed', failedParameter: '*', firefoxReason: null,
    consoleMessage: `Access to XMLHttpRequest at '${API}/old/profile' (redirected from '${API}/old/profile') from origin '${PAGE}' has been blocked by CORS policy: The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'.`,
    code: 'wildcard-origin-with-credentials',
  };
  return record(seq, exchange, verdict({
    outcome: 'blocked',
    code: chromium.code,
    chromium,
    firefox: { ...chromium, browser: 'firefox', corsError: null, failedParameter: null, firefoxReason: 'CORSNotSupportingCredentials', consoleMessage: 'Cross-Origin Request Blocked: … (Reason: Credential is not supported if the CORS header ‘Access-Control-Allow-Origin’ is ‘*’).' },
    checks: [
      check('leg0.redirect.allow-origin', 'Redirect response allows the origin', 'pass', PAGE, `\`${PAGE}\``, 'The 302 allows the origin.'),
      check('leg1.response.allow-origin', 'Access-Control-Allow-Origin matches the origin', 'fail', '*', '`null` (the origin after a cross-origin redirect)', '`*` is not allowed with credentials.', { code: chromium.code! }),
    ],
    warnings: [],
  }));
}

/** A same-origin request: CORS is not involved. */
export function sameOrigin(seq = 5, id = 'ex-same'): ExchangeRecord {
  const exchange: ObservedExchange = {
    id,
    recorder: 'chromium',
    initiatorOrigin: PAGE,
    resourceType: 'fetch',
    legs: [{ request: { url: `${PAGE}/config.json`, method: 'GET', headers: [], startedAt: T0 + seq * 100 }, preflight: null, response: ok(seq * 100 + 3, []) }],
    outcome: { kind: 'succeeded' },
  };
  return record(seq, exchange, verdict({
    outcome: 'not-cors',
    classification: { kind: 'same-origin', origin: PAGE, target: PAGE, sameSite: true, preflightNeeded: false, preflightTriggers: [] },
    checks: [],
  }));
}

export function allFixtures(): ExchangeRecord[] {
  return [allowedGet(), blockedPreflightHeader(), cachedPreflightPut(), redirectedGet(), sameOrigin()];
}
