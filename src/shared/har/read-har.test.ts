import { describe, expect, it } from 'vitest';
import type { ObservedExchange, PreflightRecord } from '../model/exchange.ts';
import blockedAtPreflight from '../../../test/fixtures/har/chrome-blocked-at-preflight.har?raw';
import cacheHit from '../../../test/fixtures/har/chrome-preflight-cache-hit.har?raw';
import concurrent from '../../../test/fixtures/har/chrome-concurrent-identical.har?raw';
import preflightAfter from '../../../test/fixtures/har/chrome-preflight-after-request.har?raw';
import redirectChain from '../../../test/fixtures/har/chrome-redirect-chain.har?raw';
import redirectSecondPreflight from '../../../test/fixtures/har/chrome-redirect-second-preflight.har?raw';
import sameOrigin from '../../../test/fixtures/har/chrome-same-origin.har?raw';
import ffDuplicate from '../../../test/fixtures/har/firefox-duplicate-allow-origin.har?raw';
import ffPreflightBefore from '../../../test/fixtures/har/firefox-preflight-before-request.har?raw';
import { parseHarText } from './validate.ts';
import { readHar, readHarDocument, type HarCapture } from './read-har.ts';

function read(text: string): HarCapture {
  const parsed = parseHarText(text);
  if (!parsed.ok) throw new Error(`fixture does not parse: ${parsed.error.message}`);
  return readHarDocument(parsed.value);
}

function preflightKind(p: PreflightRecord | null): string | null {
  if (p === null) return null;
  return p.kind === 'observed' ? `observed ${p.response?.status ?? 'none'}` : 'cache-hit';
}

/** A compact, readable view of an exchange for table assertions. */
function shape(x: ObservedExchange) {
  return {
    id: x.id,
    origin: x.initiatorOrigin ?? null,
    outcome: x.outcome.kind,
    legs: x.legs.map((leg) => `${leg.request.method} ${leg.request.url} → ${leg.response?.status ?? 'none'}`),
    preflights: x.legs.map((leg) => preflightKind(leg.preflight)),
  };
}

const API = 'http://api.localhost:9000/items';
const PAGE_ORIGIN = 'http://localhost:8000';

describe('readHar on Chromium- and Firefox-shaped exports', () => {
  it.each([
    {
      name: 'Chromium: preflight listed after its request',
      text: preflightAfter,
      recorder: 'chromium',
      exchanges: [
        { id: '0', origin: PAGE_ORIGIN, outcome: 'succeeded', legs: [`GET ${PAGE_ORIGIN}/ → 200`], preflights: [null] },
        { id: '1', origin: PAGE_ORIGIN, outcome: 'succeeded', legs: [`PUT ${API} → 200`], preflights: ['observed 204'] },
      ],
    },
    {
      name: 'Chromium: blocked at preflight, request with provisional headers and net::ERR_FAILED',
      text: blockedAtPreflight,
      recorder: 'chromium',
      exchanges: [{ id: '0', origin: PAGE_ORIGIN, outcome: 'failed', legs: [`PUT ${API} → none`], preflights: ['observed 204'] }],
    },
    {
      name: 'Chromium: the re-preflight of a redirect hop (Origin: null) guards that hop, whose own headers are provisional',
      text: redirectSecondPreflight,
      recorder: 'chromium',
      exchanges: [
        {
          id: '0',
          origin: PAGE_ORIGIN,
          outcome: 'failed',
          legs: [`PUT ${API}/0 → 307`, 'PUT http://127.0.0.1:9001/items/1 → none'],
          preflights: ['observed 204', 'observed 404'],
        },
      ],
    },
    {
      name: 'Chromium: redirect hops become one exchange with legs',
      text: redirectChain,
      recorder: 'chromium',
      exchanges: [
        {
          id: '0',
          origin: PAGE_ORIGIN,
          outcome: 'succeeded',
          legs: ['GET http://api.localhost:9000/old → 302', 'GET http://cdn.localhost:9100/new → 200'],
          preflights: [null, null],
        },
      ],
    },
    {
      name: 'Chromium: a later request without preflight is a cache hit',
      text: cacheHit,
      recorder: 'chromium',
      exchanges: [
        { id: '0', origin: PAGE_ORIGIN, outcome: 'succeeded', legs: [`PUT ${API} → 200`], preflights: ['observed 204'] },
        { id: '2', origin: PAGE_ORIGIN, outcome: 'succeeded', legs: [`PUT ${API} → 200`], preflights: ['cache-hit'] },
      ],
    },
    {
      name: 'Chromium: concurrent identical requests each keep their own preflight',
      text: concurrent,
      recorder: 'chromium',
      exchanges: [
        { id: '0', origin: PAGE_ORIGIN, outcome: 'succeeded', legs: [`PUT ${API} → 200`], preflights: ['observed 204'] },
        { id: '1', origin: PAGE_ORIGIN, outcome: 'succeeded', legs: [`PUT ${API} → 200`], preflights: ['observed 204'] },
      ],
    },
    {
      name: 'Chromium: same-origin entries stay plain exchanges without preflight',
      text: sameOrigin,
      recorder: 'chromium',
      exchanges: [
        { id: '0', origin: PAGE_ORIGIN, outcome: 'succeeded', legs: [`GET ${PAGE_ORIGIN}/ → 200`], preflights: [null] },
        { id: '1', origin: PAGE_ORIGIN, outcome: 'succeeded', legs: [`GET ${PAGE_ORIGIN}/app.js → 200`], preflights: [null] },
        { id: '2', origin: PAGE_ORIGIN, outcome: 'succeeded', legs: [`POST ${PAGE_ORIGIN}/api/save → 200`], preflights: [null] },
      ],
    },
    {
      name: 'Firefox: unmarked preflights listed before their requests; a blocked one with status 0',
      text: ffPreflightBefore,
      recorder: 'firefox',
      exchanges: [
        { id: '1', origin: PAGE_ORIGIN, outcome: 'succeeded', legs: [`PUT ${API} → 200`], preflights: ['observed 204'] },
        { id: '3', origin: PAGE_ORIGIN, outcome: 'failed', legs: [`PUT ${API}/2 → none`], preflights: ['observed 204'] },
      ],
    },
    {
      name: 'Firefox: duplicated Access-Control-Allow-Origin on a completed simple request',
      text: ffDuplicate,
      recorder: 'firefox',
      exchanges: [{ id: '0', origin: PAGE_ORIGIN, outcome: 'succeeded', legs: [`GET ${API} → 200`], preflights: [null] }],
    },
  ])('$name', ({ text, recorder, exchanges }) => {
    const capture = read(text);
    expect(capture.recorder).toBe(recorder);
    expect(capture.exchanges.map(shape)).toEqual(exchanges);
  });

  it('marks the headers of a request blocked at preflight as provisional', () => {
    const [exchange] = read(blockedAtPreflight).exchanges;
    expect(exchange?.legs[0]?.request.headersProvisional).toBe(true);
    expect(exchange?.outcome).toEqual({ kind: 'failed', error: 'net::ERR_FAILED' });
  });

  it('links a cache hit to the preflight that created the entry, with its Max-Age', () => {
    const capture = read(cacheHit);
    const hit = capture.exchanges[1]?.legs[0]?.preflight;
    expect(hit).toMatchObject({ kind: 'cache-hit', sourceExchangeId: '0', maxAgeSeconds: 600 });
    // The entry is dated when the preflight's response arrived: start + blocked + send + wait.
    expect(hit?.kind === 'cache-hit' ? hit.cachedAt : null).toBe(Date.parse('2026-11-20T10:00:01.001Z') + 1.2 + 0.3 + 9);
  });

  it('keeps both Access-Control-Allow-Origin lines', () => {
    const response = read(ffDuplicate).exchanges[0]?.legs[0]?.response;
    expect(response?.headers.filter((h) => h.name === 'Access-Control-Allow-Origin')).toHaveLength(2);
  });

  it('taints the second hop: its Origin is null', () => {
    const leg = read(redirectChain).exchanges[0]?.legs[1];
    expect(leg?.request.headers.find((h) => h.name === 'Origin')?.value).toBe('null');
  });
});

/** A minimal HAR built in code, for shapes the fixtures do not cover. */
function har(entries: unknown[], creator = 'WebInspector'): unknown {
  return { log: { version: '1.2', creator: { name: creator, version: '1' }, pages: [{ id: 'page_1', title: 'http://app.test/' }], entries } };
}

function entry(at: number, method: string, url: string, request: [string, string][], status: number, response: [string, string][], extra: Record<string, unknown> = {}): unknown {
  const h = (pairs: [string, string][]) => pairs.map(([name, value]) => ({ name, value }));
  const { redirectURL, error, ...rest } = extra;
  return {
    startedDateTime: new Date(Date.UTC(2026, 10, 20, 10, 0, 0) + at).toISOString(),
    pageref: 'page_1',
    request: { method, url, httpVersion: 'HTTP/1.1', headers: h(request), queryString: [], cookies: [], headersSize: -1, bodySize: 0 },
    response: { status, statusText: '', httpVersion: 'HTTP/1.1', headers: h(response), cookies: [], content: { size: 0, mimeType: 'x-unknown' }, redirectURL: redirectURL ?? '', headersSize: -1, bodySize: -1, ...(error !== undefined && { _error: error }) },
    cache: {},
    timings: { send: 0, wait: 1, receive: 0 },
    time: 1,
    ...rest,
  };
}

describe('readHar details', () => {
  it('resolves a relative redirectURL against the hop URL', () => {
    const capture = readHar(
      har([
        entry(0, 'GET', 'http://api.test/a/old', [['Origin', 'http://app.test']], 307, [['Location', '../b/new']], { redirectURL: '../b/new' }),
        entry(5, 'GET', 'http://api.test/b/new', [['Origin', 'http://app.test']], 200, [['Access-Control-Allow-Origin', '*']]),
      ]),
    );
    expect(capture.ok && capture.value.exchanges.map((x) => x.legs.length)).toEqual([2]);
  });

  it('ends a chain at a hop with an error: the next request to its Location is another fetch', () => {
    // Found by differential fuzzing: fetch #1 failed at the 302 (InvalidAllowCredentials); fetch #2
    // of the same URL followed it and failed at the next hop's preflight.
    const location = 'http://other.test/b';
    const capture = readHar(
      har([
        entry(0, 'GET', 'http://api.test/a', [['Origin', 'http://app.test']], 302, [['Location', location]], { redirectURL: location, error: 'net::ERR_FAILED' }),
        entry(10, 'GET', 'http://api.test/a', [['Origin', 'http://app.test']], 302, [['Location', location]], { redirectURL: location }),
        entry(11, 'GET', location, [], 0, [], {}),
      ]),
    );
    expect(capture.ok && capture.value.exchanges.map((x) => x.legs.map((l) => l.request.url))).toEqual([['http://api.test/a'], ['http://api.test/a', location]]);
  });

  it('splits header values Chromium joined with newlines, drops pseudo-headers', () => {
    const capture = readHar(
      har([
        entry(0, 'GET', 'http://api.test/x', [[':authority', 'api.test'], ['origin', 'http://app.test']], 200, [
          [':status', '200'],
          ['access-control-allow-origin', 'http://app.test\nhttp://app.test'],
        ]),
      ]),
    );
    const headers = capture.ok ? capture.value.exchanges[0]?.legs[0]?.response?.headers : undefined;
    expect(headers).toEqual([
      { name: 'access-control-allow-origin', value: 'http://app.test' },
      { name: 'access-control-allow-origin', value: 'http://app.test' },
    ]);
  });

  it('turns a preflight whose request is missing into its own exchange', () => {
    const capture = readHar(
      har([
        entry(0, 'OPTIONS', 'http://api.test/x', [['Origin', 'http://app.test'], ['Access-Control-Request-Method', 'DELETE'], ['Access-Control-Request-Headers', 'x-token']], 403, []),
      ], 'Firefox'),
    );
    const x = capture.ok ? capture.value.exchanges[0] : undefined;
    expect(x?.outcome.kind).toBe('unknown');
    expect(x?.legs[0]?.request).toMatchObject({ method: 'DELETE', headersProvisional: true });
    expect(x?.legs[0]?.request.headers.map((h) => h.name)).toEqual(['Origin', 'x-token']);
    expect(x?.legs[0]?.preflight?.kind).toBe('observed');
  });

  it('infers a cache hit from before the recording when a preflighted request reached the server alone', () => {
    const capture = readHar(
      har([
        entry(0, 'DELETE', 'http://api.test/items/1', [['Origin', 'http://app.test'], ['Host', 'api.test']], 204, [['Access-Control-Allow-Origin', 'http://app.test']]),
        entry(10, 'DELETE', 'http://api.test/items/2', [['Origin', 'http://app.test']], 0, [], {}),
      ]),
    );
    const [reached, failed] = capture.ok ? capture.value.exchanges : [];
    expect(reached?.legs[0]?.preflight).toEqual({ kind: 'cache-hit' });
    // No response and no preflight: nothing says a cache answered.
    expect(failed?.legs[0]?.preflight).toBeNull();
  });

  it('does not look for preflights of same-origin or no-cors requests', () => {
    const capture = readHar(
      har([
        entry(0, 'PUT', 'http://app.test/save', [['Origin', 'http://app.test'], ['Content-Type', 'application/json']], 200, []),
        entry(5, 'GET', 'http://cdn.test/x.png', [['Sec-Fetch-Mode', 'no-cors'], ['X-Custom', '1']], 200, []),
      ]),
    );
    expect(capture.ok && capture.value.exchanges.map((x) => x.legs[0]?.preflight ?? null)).toEqual([null, null]);
  });

  it.each([
    ['font', { mode: 'cors', credentialsMode: 'same-origin' }],
    ['fetch', {}],
    ['image', {}],
  ])('takes the modes a %s fixes from _resourceType (a web font is always cors + same-origin)', (resourceType, modes) => {
    const capture = readHar(
      har([entry(0, 'GET', 'http://cdn.test/f.woff2', [['Origin', 'http://app.test']], 200, [['Access-Control-Allow-Origin', '*']], { _resourceType: resourceType })]),
    );
    const x = capture.ok ? capture.value.exchanges[0] : undefined;
    expect({ mode: x?.mode, credentialsMode: x?.credentialsMode }).toEqual({ mode: undefined, credentialsMode: undefined, ...modes });
  });

  it('sorts exchanges by start time, file order breaking ties', () => {
    const capture = readHar(
      har([
        entry(50, 'GET', 'http://api.test/late', [], 200, []),
        entry(10, 'GET', 'http://api.test/early', [], 200, []),
        entry(10, 'GET', 'http://api.test/early-2', [], 200, []),
      ]),
    );
    expect(capture.ok && capture.value.exchanges.map((x) => x.id)).toEqual(['1', '2', '0']);
  });

  it.each([
    ['WebInspector', undefined, 'chromium'],
    ['Firefox', { name: 'Firefox', version: '153.0' }, 'firefox'],
    ['Playwright', { name: 'chromium', version: '140' }, 'chromium'],
    ['Playwright', { name: 'firefox', version: '140' }, 'firefox'],
    ['Charles Proxy', undefined, 'unknown'],
  ] as const)('creator %s, browser %j → %s', (name, browser, expected) => {
    const capture = readHar({ log: { version: '1.2', creator: { name, version: '1' }, ...(browser && { browser }), entries: [] } });
    expect(capture.ok && capture.value.recorder).toBe(expected);
  });
});

describe('readHar on malformed input: a typed error, never a throw', () => {
  const ok = entry(0, 'GET', 'http://api.test/', [], 200, []);
  it.each([
    { name: 'not an object', input: 'hello', code: 'not-har', path: null },
    { name: 'an array', input: [], code: 'not-har', path: null },
    { name: 'no log', input: { name: 'package.json' }, code: 'not-har', path: null },
    { name: 'entries not an array', input: { log: { entries: {} } }, code: 'not-har', path: 'log.entries' },
    { name: 'entry not an object', input: har([ok, 42]), code: 'invalid-entry', path: 'log.entries[1]' },
    { name: 'entry without request', input: har([{ response: { status: 200 } }]), code: 'invalid-entry', path: 'log.entries[0].request' },
    { name: 'url not a string', input: har([{ request: { method: 'GET', url: 7 }, response: { status: 0 } }]), code: 'invalid-entry', path: 'log.entries[0].request.url' },
    { name: 'entry without response', input: har([{ request: { method: 'GET', url: 'http://a/' } }]), code: 'invalid-entry', path: 'log.entries[0].response' },
    { name: 'status not a number', input: har([{ request: { method: 'GET', url: 'http://a/' }, response: { status: '200' } }]), code: 'invalid-entry', path: 'log.entries[0].response.status' },
    { name: 'status not an integer', input: har([{ request: { method: 'GET', url: 'http://a/' }, response: { status: 200.5 } }]), code: 'invalid-entry', path: 'log.entries[0].response.status' },
    { name: 'status above 599', input: har([{ request: { method: 'GET', url: 'http://a/' }, response: { status: 600 } }]), code: 'invalid-entry', path: 'log.entries[0].response.status' },
    { name: 'status below 100', input: har([{ request: { method: 'GET', url: 'http://a/' }, response: { status: 99 } }]), code: 'invalid-entry', path: 'log.entries[0].response.status' },
    { name: 'status negative', input: har([{ request: { method: 'GET', url: 'http://a/' }, response: { status: -1 } }]), code: 'invalid-entry', path: 'log.entries[0].response.status' },
    { name: 'empty method', input: har([{ request: { method: '', url: 'http://a/' }, response: { status: 0 } }]), code: 'invalid-entry', path: 'log.entries[0].request.method' },
    { name: 'method not a token', input: har([{ request: { method: 'GE T', url: 'http://a/' }, response: { status: 0 } }]), code: 'invalid-entry', path: 'log.entries[0].request.method' },
    { name: 'url unparsable', input: har([{ request: { method: 'GET', url: 'http://exa mple/' }, response: { status: 0 } }]), code: 'invalid-entry', path: 'log.entries[0].request.url' },
    { name: 'headers not an array', input: har([{ request: { method: 'GET', url: 'http://a/', headers: 'Origin: x' }, response: { status: 0 } }]), code: 'invalid-entry', path: 'log.entries[0].request.headers' },
    { name: 'header value not a string', input: har([{ request: { method: 'GET', url: 'http://a/', headers: [{ name: 'X', value: 1 }] }, response: { status: 0 } }]), code: 'invalid-entry', path: 'log.entries[0].request.headers[0].value' },
    { name: 'a 3 MB URL', input: har([{ request: { method: 'GET', url: `http://a/${'x'.repeat(3 * 1024 * 1024)}` }, response: { status: 0 } }]), code: 'too-large', path: 'log.entries[0].request.url' },
    { name: 'a 2 MB header value', input: har([{ request: { method: 'GET', url: 'http://a/', headers: [{ name: 'X', value: 'v'.repeat(2 * 1024 * 1024) }] }, response: { status: 0 } }]), code: 'too-large', path: 'log.entries[0].request.headers[0].value' },
  ])('$name → $code', ({ input, code, path }) => {
    const result = readHar(input);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toMatchObject({ code, path });
      expect(result.error.message).not.toMatch(/\n/);
    }
  });

  it.each([
    ['not JSON', '{"log": {"entries": [ oops', 'not-json'],
    ['empty', '', 'not-json'],
    ['JSON null', 'null', 'not-har'],
  ])('parseHarText: %s → %s', (_name, text, code) => {
    const result = parseHarText(text);
    expect(result.ok ? null : result.error.code).toBe(code);
  });

  it('accepts a UTF-8 byte order mark', () => {
    expect(parseHarText(`\ufeff${JSON.stringify(har([ok]))}`).ok).toBe(true);
  });
});
