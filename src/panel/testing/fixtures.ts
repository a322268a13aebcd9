/**
 * Exchange records for the panel's tests: small CORS stories (see the names), each an exchange
 * shaped like the ones Chromium 156 records in the lab (the header lines of
 * test/fixtures/recorded/chromium-lab.har, the outcome webRequest reports) and judged by the
 * evaluator itself (`evaluateExchange`), so the panel is tested against the verdicts it really
 * receives. Nothing here writes a verdict by hand.
 */
import { evaluateExchange } from '../../shared/cors/index.ts';
import type { ExchangeLeg, ObservedExchange, ObservedOutcome, ObservedResponse } from '../../shared/model/exchange.ts';
import type { ExchangeRecord, InFlightRecord } from '../../shared/protocol/messages.ts';
import { h, type Pairs } from '../../shared/cors/build-exchange.test-util.ts';

const PAGE = 'http://localhost:8000';
const API = 'http://127.0.0.1:3000';
const T0 = 1_763_780_000_000;
/** The evaluator's clock: the worker judges an exchange when it completes, within the first second here. */
const EVALUATED_AT = T0 + 1_000;

const USER_AGENT = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36';
const CLIENT_HINTS: Pairs = [
  ['sec-ch-ua', '"Not:A-Brand";v="8", "Chromium";v="156"'],
  ['sec-ch-ua-mobile', '?0'],
  ['sec-ch-ua-platform', '"Linux"'],
];
/** What the lab's server adds to every answer. */
const SERVER: Pairs = [
  ['Cache-Control', 'no-store'],
  ['Connection', 'keep-alive'],
  ['Keep-Alive', 'timeout=2'],
];
const JSON_BODY: Pairs = [
  ['Content-Type', 'application/json'],
  ['Content-Length', '110'],
];

type Site = 'same-origin' | 'same-site' | 'cross-site';

/** Request header lines as Chromium sends a fetch from PAGE: its own lines, then the page's. */
function sent(url: string, site: Site, origin: string | null, page: Pairs = []): Pairs {
  return [
    ['Accept', '*/*'],
    ['Accept-Encoding', 'gzip, deflate, br, zstd'],
    ['Accept-Language', 'en-US,en;q=0.9'],
    ['Connection', 'keep-alive'],
    ['Host', new URL(url).host],
    ...(origin === null ? [] : ([['Origin', origin]] as const)),
    ['Referer', `${PAGE}/`],
    ['Sec-Fetch-Dest', 'empty'],
    ['Sec-Fetch-Mode', 'cors'],
    ['Sec-Fetch-Site', site],
    ['User-Agent', USER_AGENT],
    ...CLIENT_HINTS,
    ...page,
  ];
}

/** The OPTIONS Chromium sends before `method` with the page's non-safelisted header names. */
function preflightLines(url: string, method: string, names: readonly string[]): Pairs {
  return [
    ['Accept', '*/*'],
    ['Accept-Encoding', 'gzip, deflate, br, zstd'],
    ['Accept-Language', 'en-US,en;q=0.9'],
    ...(names.length > 0 ? ([['Access-Control-Request-Headers', names.join(',')]] as const) : []),
    ['Access-Control-Request-Method', method],
    ['Connection', 'keep-alive'],
    ['Host', new URL(url).host],
    ['Origin', PAGE],
    ['Referer', `${PAGE}/`],
    ['Sec-Fetch-Dest', 'empty'],
    ['Sec-Fetch-Mode', 'cors'],
    ['Sec-Fetch-Site', 'cross-site'],
    ['User-Agent', USER_AGENT],
  ];
}

/**
 * The provisional lines Chromium keeps for a request its preflight blocked (it was never sent):
 * client hints, Referer, User-Agent and the page's own headers, no Origin.
 */
function provisional(page: Pairs): Pairs {
  return [
    ['sec-ch-ua-platform', '"Linux"'],
    ['Referer', `${PAGE}/`],
    ['User-Agent', USER_AGENT],
    ['sec-ch-ua', '"Not:A-Brand";v="8", "Chromium";v="156"'],
    ...page,
    ['sec-ch-ua-mobile', '?0'],
  ];
}

const STATUS_TEXT: Readonly<Record<number, string>> = { 200: 'OK', 204: 'No Content', 302: 'Found' };

function answer(at: number, status: number, lines: Pairs): ObservedResponse {
  return { status, statusText: STATUS_TEXT[status] ?? '', headers: h([...lines, ...SERVER]), receivedAt: T0 + at };
}

const SUCCEEDED: ObservedOutcome = { kind: 'succeeded' };
/** How Chromium reports a CORS failure to webRequest and in its HAR: no reason, only this. */
const BLOCKED: ObservedOutcome = { kind: 'failed', error: 'net::ERR_FAILED' };

/** Judges the exchange as the worker does and wraps it as the worker sends it. */
function record(seq: number, id: string, resourceType: string, legs: ExchangeLeg[], outcome: ObservedOutcome, more: Partial<ObservedExchange> = {}): ExchangeRecord {
  const exchange: ObservedExchange = { id, recorder: 'chromium', initiatorOrigin: PAGE, resourceType, legs, outcome, ...more };
  return { id, tabId: 7, seq, pending: false, exchange, verdict: evaluateExchange(exchange, { now: EVALUATED_AT }) };
}

/** GET to another origin, answered with a matching Access-Control-Allow-Origin (lab: simple-get-pass). */
export function allowedGet(seq = 1, id = 'ex-get'): ExchangeRecord {
  const url = `${API}/api/items?page=1`;
  const start = seq * 100;
  const leg: ExchangeLeg = {
    request: { url, method: 'GET', headers: h(sent(url, 'cross-site', PAGE)), startedAt: T0 + start },
    preflight: null,
    response: answer(start + 12, 200, [['Access-Control-Allow-Origin', PAGE], ['Vary', 'Origin'], ...JSON_BODY]),
  };
  return record(seq, id, 'fetch', [leg], SUCCEEDED);
}

/**
 * PUT with JSON: the preflight's Access-Control-Allow-Headers lacks content-type, so the PUT is
 * never sent (lab: preflight-missing-acah-json, with PUT).
 */
export function blockedPreflightHeader(seq = 2, id = 'ex-put'): ExchangeRecord {
  const url = `${API}/api/items/42`;
  const start = seq * 100;
  const leg: ExchangeLeg = {
    request: { url, method: 'PUT', headers: h(provisional([['Content-Type', 'application/json']])), headersProvisional: true, startedAt: T0 + start },
    preflight: {
      kind: 'observed',
      request: { url, method: 'OPTIONS', headers: h(preflightLines(url, 'PUT', ['content-type'])), startedAt: T0 + start + 1 },
      response: answer(start + 9, 204, [
        ['Access-Control-Allow-Origin', PAGE],
        ['Access-Control-Allow-Methods', 'GET, PUT'],
        ['Access-Control-Allow-Headers', 'x-requested-with'],
      ]),
    },
    response: null,
  };
  return record(seq, id, 'fetch', [leg], BLOCKED);
}

/** The answer to `cachedPreflightPut`'s preflight: it allows a credentialed PUT for 600 s. */
const CART_PREFLIGHT: Pairs = [
  ['Access-Control-Allow-Origin', PAGE],
  ['Access-Control-Allow-Credentials', 'true'],
  ['Access-Control-Allow-Methods', 'PUT'],
  ['Access-Control-Max-Age', '600'],
];
/** When `sourcePut`'s preflight response arrived. */
const CACHED_AT = 120;

/** A credentialed PUT to the cart, sent after its preflight (or a cached one) at `start`. */
function cartLeg(start: number): Omit<ExchangeLeg, 'preflight'> {
  const url = `${API}/api/cart`;
  return {
    request: { url, method: 'PUT', headers: h(sent(url, 'cross-site', PAGE, [['Cookie', 'sid=abc123; theme=dark']])), startedAt: T0 + start },
    response: answer(start + 20, 200, [
      ['Access-Control-Allow-Origin', PAGE],
      ['Access-Control-Allow-Credentials', 'true'],
      ['Vary', 'Origin'],
      ['Set-Cookie', 'sid=def456; Path=/; Secure; HttpOnly; SameSite=None'],
      ['Set-Cookie', 'seen=1; Max-Age=3600'],
      ...JSON_BODY,
    ]),
  };
}

/**
 * A second credentialed PUT to the same URL with no preflight on the wire: an inferred
 * preflight-cache hit on `sourcePut`'s entry (lab: cache-max-age-60).
 */
export function cachedPreflightPut(seq = 3, id = 'ex-cached'): ExchangeRecord {
  const leg: ExchangeLeg = {
    ...cartLeg(seq * 100),
    preflight: { kind: 'cache-hit', sourceExchangeId: 'ex-source', cachedAt: T0 + CACHED_AT, maxAgeSeconds: 600, sourceResponse: answer(CACHED_AT, 204, CART_PREFLIGHT) },
  };
  return record(seq, id, 'fetch', [leg], SUCCEEDED);
}

/** The PUT whose observed preflight created the cache entry `cachedPreflightPut` later used. */
export function sourcePut(): ExchangeRecord {
  const leg = cartLeg(100);
  const preflight = {
    kind: 'observed' as const,
    request: { url: leg.request.url, method: 'OPTIONS', headers: h(preflightLines(leg.request.url, 'PUT', [])), startedAt: T0 + 110 },
    response: answer(CACHED_AT, 204, CART_PREFLIGHT),
  };
  return record(1, 'ex-source', 'fetch', [{ ...leg, preflight }], SUCCEEDED);
}

/**
 * A credentialed XMLHttpRequest redirected to another origin, whose final answer is
 * `Access-Control-Allow-Origin: *` (lab: redirect-cross-to-other-acao-star, with credentials).
 */
export function redirectedGet(seq = 4, id = 'ex-redirect'): ExchangeRecord {
  const first = `${API}/old/profile`;
  const second = 'http://127.0.0.1:3001/profile';
  const start = seq * 100;
  const legs: ExchangeLeg[] = [
    {
      request: { url: first, method: 'GET', headers: h(sent(first, 'cross-site', PAGE)), startedAt: T0 + start },
      preflight: null,
      response: answer(start + 5, 302, [['Location', second], ['Access-Control-Allow-Origin', PAGE], ['Access-Control-Allow-Credentials', 'true'], ['Vary', 'Origin']]),
    },
    {
      request: { url: second, method: 'GET', headers: h(sent(second, 'cross-site', 'null')), startedAt: T0 + start + 6 },
      preflight: null,
      response: answer(start + 15, 200, [['Access-Control-Allow-Origin', '*'], ...JSON_BODY]),
    },
  ];
  return record(seq, id, 'xmlhttprequest', legs, BLOCKED);
}

/** A same-origin request: CORS is not involved (lab: same-origin-get). */
export function sameOrigin(seq = 5, id = 'ex-same'): ExchangeRecord {
  const url = `${PAGE}/config.json`;
  const start = seq * 100;
  const leg: ExchangeLeg = {
    request: { url, method: 'GET', headers: h(sent(url, 'same-origin', null)), startedAt: T0 + start },
    preflight: null,
    response: answer(start + 3, 200, JSON_BODY),
  };
  return record(seq, id, 'fetch', [leg], SUCCEEDED);
}

/**
 * A credentialed login answered with the page's origin but no Access-Control-Allow-Credentials:
 * blocked by CORS, and its Set-Cookie lines decided all the same (lab: cookie-cors-blocked-sets
 * and its cross-site variant). One line per SameSite story: None+Secure, Lax, none.
 */
export function corsBlockedLogin(seq = 10, id = 'ex-login'): ExchangeRecord {
  const url = `${API}/api/login`;
  const start = seq * 100;
  const leg: ExchangeLeg = {
    request: { url, method: 'GET', headers: h(sent(url, 'cross-site', PAGE)), startedAt: T0 + start },
    preflight: null,
    response: answer(start + 8, 200, [
      ['Access-Control-Allow-Origin', PAGE],
      ['Set-Cookie', 'sid=s1; Path=/; SameSite=None; Secure'],
      ['Set-Cookie', 'pref=p1; Path=/; SameSite=Lax'],
      ['Set-Cookie', 'plain=1; Path=/'],
      ...JSON_BODY,
    ]),
  };
  return record(seq, id, 'fetch', [leg], BLOCKED, { credentialsMode: 'include' });
}

/** The next credentialed request to the same API: it carried `sid`, so third-party cookies were allowed. */
export function credentialedProfile(seq = 11, id = 'ex-profile'): ExchangeRecord {
  const url = `${API}/api/me`;
  const start = seq * 100;
  const leg: ExchangeLeg = {
    request: { url, method: 'GET', headers: h(sent(url, 'cross-site', PAGE, [['Cookie', 'sid=s1']])), startedAt: T0 + start },
    preflight: null,
    response: answer(start + 8, 200, [['Access-Control-Allow-Origin', PAGE], ['Access-Control-Allow-Credentials', 'true'], ['Vary', 'Origin'], ...JSON_BODY]),
  };
  return record(seq, id, 'fetch', [leg], SUCCEEDED, { credentialsMode: 'include' });
}

export function allFixtures(): ExchangeRecord[] {
  return [allowedGet(), blockedPreflightHeader(), cachedPreflightPut(), redirectedGet(), sameOrigin()];
}

/** `record` as the worker sends an exchange first seen in flight: pending, not evaluated. */
export function inFlight(record: ExchangeRecord): InFlightRecord {
  const { verdict: _verdict, ...rest } = record;
  return { ...rest, pending: true };
}
