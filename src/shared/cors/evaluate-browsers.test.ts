// Where the browsers part ways: warnings, Local Network Access, the browser that did not record, redirect schemes, resource kinds.
import { describe, expect, it } from 'vitest';
import { evaluateExchange } from './evaluate.ts';
import type { ChromiumCorsError, FirefoxReason } from './codes.ts';
import type { FactCode } from './verdict.ts';
import type { ExchangeLeg, ObservedExchange } from '../model/exchange.ts';
import { LNA_NET_ERROR } from './rules/local-network.ts';
import { ACAC, ACAO, API, OTHER, PAGE, PUT_OK, chain, preflighted, simple } from './build-exchange.test-util.ts';

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
const TEXT_PLAIN_TWICE = [['Content-Type', 'text/plain'], ['Content-Type', 'text/plain']] as const;

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
  // A Content-Type given twice is `text/plain, text/plain`, no MIME type: both browsers preflight
  // it when the page appends it to a Headers object or sets it twice on an XHR (scenario
  // safelist-content-type-appended-twice). From fetch() init pairs Firefox judges each pair alone
  // and sends one text/plain without a preflight (safelist-content-type-twice-init-pairs): the
  // recording cannot tell the two apart, so the prediction follows the spec and says so.
  {
    name: 'Chromium: Content-Type text/plain twice, its preflight lacks ACAH',
    x: preflighted({ method: 'POST', request: TEXT_PLAIN_TWICE, preflightResponse: [ACAO], actual: null, outcome: FAILED }),
    other: 'firefox',
    verdict: 'CORSMissingAllowHeaderFromPreflight',
    fact: 'firefox-init-pairs',
  },
  {
    name: 'Firefox: Content-Type text/plain twice, its preflight lacks ACAH',
    x: preflighted({ method: 'POST', recorder: 'firefox', request: TEXT_PLAIN_TWICE, preflightResponse: [ACAO], actual: null, outcome: { kind: 'failed' } }),
    other: 'chromium',
    verdict: 'HeaderDisallowedByPreflightResponse',
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

// A name given twice: both browsers judge the combined value, except Firefox for fetch() init
// pairs (rules/init-pairs.ts), which the fact `firefox-init-pairs` states where it could matter.
describe('a header given twice', () => {
  const LONG_ACCEPTS = [['Accept', 'a'.repeat(100)], ['Accept', 'b'.repeat(100)]] as const;
  const ALLOWS_CONTENT_TYPE = [ACAO, ['Access-Control-Allow-Headers', 'content-type']] as const;
  const OK = { kind: 'succeeded' } as const;
  // `fact`: the `firefox-init-pairs` fact's header and value, or null when none is stated.
  const ROWS: readonly { name: string; x: ObservedExchange; firefoxAllowed: boolean; fact: { header: string; value: string } | null }[] = [
    {
      name: 'from Chromium: the prediction follows the combined value and names the init-pairs reading',
      x: preflighted({ method: 'POST', request: TEXT_PLAIN_TWICE, preflightResponse: ALLOWS_CONTENT_TYPE, outcome: OK }),
      firefoxAllowed: true,
      fact: { header: 'content-type', value: 'text/plain, text/plain' },
    },
    {
      name: 'from Chromium: no fact when one item needs a preflight alone',
      x: preflighted({ method: 'POST', request: [['Content-Type', 'text/plain'], ['Content-Type', 'application/json']], preflightResponse: ALLOWS_CONTENT_TYPE, outcome: OK }),
      firefoxAllowed: true,
      fact: null,
    },
    {
      name: 'from Chromium: no fact for a value of one item',
      x: preflighted({ method: 'POST', request: [['Content-Type', 'application/json']], preflightResponse: ALLOWS_CONTENT_TYPE, outcome: OK }),
      firefoxAllowed: true,
      fact: null,
    },
    { name: 'from Chromium: no fact without a trigger', x: simple({ method: 'POST', request: [['Content-Type', 'text/plain']], response: [ACAO] }), firefoxAllowed: true, fact: null },
    {
      name: 'from Firefox: its own preflight says how it judged the value',
      x: preflighted({ method: 'POST', recorder: 'firefox', request: TEXT_PLAIN_TWICE, preflightResponse: [ACAO], actual: null, outcome: { kind: 'failed' } }),
      firefoxAllowed: false,
      fact: null,
    },
    {
      name: 'from Firefox: a merged value it sent without a preflight may come from init pairs',
      x: simple({ recorder: 'firefox', request: LONG_ACCEPTS, response: [ACAO], outcome: OK }),
      firefoxAllowed: true,
      fact: { header: 'accept', value: `${'a'.repeat(100)}, ${'b'.repeat(100)}` },
    },
    {
      name: 'from Firefox: a combined Content-Type never comes from init pairs (it sends only the first)',
      x: simple({ method: 'POST', recorder: 'firefox', request: TEXT_PLAIN_TWICE, response: [ACAO], outcome: OK }),
      firefoxAllowed: true,
      fact: null,
    },
  ];

  it.each(ROWS)('$name', ({ x, firefoxAllowed, fact }) => {
    const v = evaluateExchange(x);
    expect(v.firefox.allowed).toBe(firefoxAllowed);
    const stated = v.inferred.filter((f) => f.code === 'firefox-init-pairs');
    expect(stated).toMatchObject(fact === null ? [] : [{ code: 'firefox-init-pairs', ...fact }]);
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

  // https://fetch.spec.whatwg.org/#concept-main-fetch: a data: URL is a scheme fetch with a basic
  // response, from any origin; fetch('data:…') resolves in both browsers.
  it.each([
    { name: 'fetch() of a data: URL', x: simple({ url: 'data:text/plain,hi', response: [['Content-Type', 'text/plain']] }) },
    { name: 'a preflight-worthy PUT to a data: URL', x: simple({ url: 'data:,x', method: 'PUT', request: [['X-Custom', '1']] }) },
  ])('$name gets a basic response, not a CORS verdict', ({ x }) => {
    const v = evaluateExchange(x);
    expect(v.outcome).toBe('not-cors');
    expect(v.code).toBeNull();
    expect(v.checks.find((c) => c.id === 'request.cors')?.detail).toContain('`data:`');
  });

  it.each(['http://exa mple.test/', 'http://[::1/', 'nonsense'])('an unparsable URL (%s) says so, not "scheme"', (url) => {
    const v = evaluateExchange(simple({ url, response: [ACAO] }));
    const row = v.checks.find((c) => c.id.endsWith('.scheme'));
    expect(row?.title).toBe('The URL is valid');
    expect(row?.observed).toBe(url);
    expect(row?.detail).toContain('not valid');
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
