/** Random well-typed exchanges with hostile contents, for the evaluator's property tests. */
import fc from 'fast-check';
import type { ExchangeLeg, HttpHeader, ObservedExchange, PreflightRecord } from '../model/exchange.ts';

const NAMES = [
  'Access-Control-Allow-Origin',
  'access-control-allow-credentials',
  'Access-Control-Allow-Methods',
  'Access-Control-Allow-Headers',
  'Access-Control-Max-Age',
  'Access-Control-Expose-Headers',
  'Access-Control-Request-Method',
  'Access-Control-Request-Headers',
  'Origin',
  'Location',
  'Vary',
  'Cookie',
  'Content-Type',
  'Range',
  'Accept',
  'Sec-Fetch-Mode',
  'Authorization',
];

const URLS = ['http://localhost:8000', 'http://127.0.0.1:9000/a', 'https://x.test/', 'http://u:p@127.0.0.1/', 'ftp://x/', 'data:,x', 'null', '', 'http://', '*', 'http://[::1]:1/'];

const text = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.constantFrom(...URLS, 'true', 'TRUE', 'GET, PUT', 'PUT;', '*', '60abc', '-1', '99999999999999999999', 'bytes=-5', 'cors', 'no-cors', 'navigate'),
  fc.string({ minLength: 2000, maxLength: 5000 }),
);
const header: fc.Arbitrary<HttpHeader> = fc.record({ name: fc.oneof(fc.constantFrom(...NAMES), fc.string()), value: text });
const headers = fc.array(header, { maxLength: 12 });
const url = fc.oneof(fc.constantFrom(...URLS), fc.webUrl({ withQueryParameters: true, withFragments: true }), fc.string());
const method = fc.oneof(fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'patch', 'OPTIONS', ''), fc.string());
const request = fc.record({ url, method, headers, headersProvisional: fc.option(fc.boolean(), { nil: undefined }), startedAt: fc.option(fc.double(), { nil: undefined }) });
const response = fc.option(fc.record({ status: fc.oneof(fc.constantFrom(200, 204, 302, 304, 404, 500, 0), fc.integer(), fc.double()), headers }), { nil: null });
const preflight: fc.Arbitrary<PreflightRecord | null> = fc.oneof(
  fc.constant(null),
  fc.record({ kind: fc.constant('observed' as const), request, response, error: fc.option(fc.string(), { nil: undefined }) }),
  fc.record({
    kind: fc.constant('cache-hit' as const),
    cachedAt: fc.option(fc.double(), { nil: undefined }),
    maxAgeSeconds: fc.option(fc.option(fc.double(), { nil: null }), { nil: undefined }),
    sourceResponse: fc.option(fc.record({ status: fc.integer(), headers }), { nil: undefined }),
  }),
);
const leg: fc.Arbitrary<ExchangeLeg> = fc.record({ request, preflight, response });
export const exchange: fc.Arbitrary<ObservedExchange> = fc.record({
  id: fc.string(),
  recorder: fc.constantFrom('chromium' as const, 'firefox' as const, 'unknown' as const),
  initiatorOrigin: fc.option(url, { nil: undefined }),
  resourceType: fc.option(fc.oneof(fc.constantFrom('fetch', 'xhr', 'script', 'image', 'main_frame', 'websocket'), fc.string()), { nil: undefined }),
  credentialsMode: fc.option(fc.constantFrom('omit' as const, 'same-origin' as const, 'include' as const), { nil: undefined }),
  mode: fc.option(fc.constantFrom('same-origin' as const, 'cors' as const, 'no-cors' as const, 'navigate' as const, 'websocket' as const), { nil: undefined }),
  legs: fc.array(leg, { minLength: 1, maxLength: 4 }),
  outcome: fc.record({
    kind: fc.constantFrom('failed' as const, 'succeeded' as const, 'unknown' as const),
    error: fc.option(fc.constantFrom('net::ERR_FAILED', 'net::ERR_EMPTY_RESPONSE', 'NS_ERROR_DOM_BAD_URI', 'NS_ERROR_NET_RESET'), { nil: undefined }),
    chromiumCorsError: fc.option(fc.oneof(fc.constantFrom('MissingAllowOriginHeader', 'HeaderDisallowedByPreflightResponse', 'LocalNetworkAccessPermissionDenied'), fc.string()), { nil: undefined }),
  }),
});
