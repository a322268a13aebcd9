import { describe, expect, it } from 'vitest';
import {
  corsUnsafeRequestHeaderNames,
  isCorsSafelistedMethod,
  isForbiddenRequestHeader,
  normalizeMethod,
  preflightTriggers,
  safelistFailure,
  splitPageHeaders,
} from './safelist.ts';
import type { PreflightTrigger } from './safelist.ts';
import type { HttpHeader } from '../model/exchange.ts';

type Pairs = readonly (readonly [string, string])[];
const h = (pairs: Pairs): HttpHeader[] => pairs.map(([name, value]) => ({ name, value }));

// Browser-added headers seen on every real request; they must never count as triggers.
const BROWSER: Pairs = [
  ['Host', 'api.example'],
  ['Origin', 'http://localhost:8000'],
  ['User-Agent', 'Mozilla/5.0'],
  ['Accept-Encoding', 'gzip, deflate, br'],
  ['Accept-Language', 'en-US,en;q=0.9'],
  ['Referer', 'http://localhost:8000/'],
  ['Connection', 'keep-alive'],
  ['Cookie', 'a=1'],
  ['Sec-Fetch-Mode', 'cors'],
  ['Sec-Fetch-Site', 'cross-site'],
  ['Sec-Fetch-Dest', 'empty'],
  ['sec-ch-ua', '"Chromium";v="156"'],
  ['sec-ch-ua-platform', '"Linux"'],
  ['Priority', 'u=4'],
  ['Content-Length', '12'],
];

interface TriggerRow {
  readonly name: string;
  readonly method: string;
  readonly headers: Pairs;
  readonly triggers: readonly PreflightTrigger[];
}

const TRIGGER_ROWS: readonly TriggerRow[] = [
  // Safelisted methods with only browser-added headers: no preflight.
  { name: 'GET', method: 'GET', headers: [], triggers: [] },
  { name: 'HEAD', method: 'HEAD', headers: [], triggers: [] },
  { name: 'POST text/plain', method: 'POST', headers: [['Content-Type', 'text/plain;charset=UTF-8']], triggers: [] },
  { name: 'POST form', method: 'POST', headers: [['Content-Type', 'application/x-www-form-urlencoded']], triggers: [] },
  { name: 'POST multipart', method: 'POST', headers: [['Content-Type', 'multipart/form-data; boundary=x']], triggers: [] },
  { name: 'Accept set by the page', method: 'GET', headers: [['Accept', 'application/json']], triggers: [] },
  { name: 'Range bytes=0-99', method: 'GET', headers: [['Range', 'bytes=0-99']], triggers: [] },
  { name: 'Range bytes=5-', method: 'GET', headers: [['Range', 'bytes=5-']], triggers: [] },
  // Method trigger: anything but GET/HEAD/POST, byte for byte.
  { name: 'PUT', method: 'PUT', headers: [], triggers: [{ kind: 'method', method: 'PUT' }] },
  { name: 'DELETE', method: 'DELETE', headers: [], triggers: [{ kind: 'method', method: 'DELETE' }] },
  { name: 'patch stays lower-case', method: 'patch', headers: [], triggers: [{ kind: 'method', method: 'patch' }] },
  // Header trigger: a name outside the safelist.
  { name: 'X-Api-Key', method: 'GET', headers: [['X-Api-Key', 'k']], triggers: [{ kind: 'header', name: 'x-api-key' }] },
  { name: 'Authorization', method: 'GET', headers: [['Authorization', 'Bearer t']], triggers: [{ kind: 'header', name: 'authorization' }] },
  { name: 'X-Requested-With', method: 'GET', headers: [['X-Requested-With', 'XMLHttpRequest']], triggers: [{ kind: 'header', name: 'x-requested-with' }] },
  { name: 'Cache-Control set by the page', method: 'GET', headers: [['Cache-Control', 'max-age=0']], triggers: [{ kind: 'header', name: 'cache-control' }] },
  // Header-value triggers: a safelisted name with a value the safelist rejects.
  { name: 'Content-Type json', method: 'POST', headers: [['Content-Type', 'application/json']], triggers: [{ kind: 'header-value', name: 'content-type', value: 'application/json', why: 'content-type-essence' }] },
  { name: 'Content-Type unparsable', method: 'POST', headers: [['Content-Type', 'text']], triggers: [{ kind: 'header-value', name: 'content-type', value: 'text', why: 'content-type-essence' }] },
  { name: 'Content-Type with a quote', method: 'POST', headers: [['Content-Type', 'text/plain;a=b"c']], triggers: [{ kind: 'header-value', name: 'content-type', value: 'text/plain;a=b"c', why: 'unsafe-byte' }] },
  // A name set twice is one combined value, judged whole (Chromium 156 and Firefox 153 with
  // Headers.append and XHR; Firefox's fetch() init pairs: cors/rules/init-pairs.ts).
  { name: 'Content-Type doubled', method: 'POST', headers: [['Content-Type', 'text/plain'], ['Content-Type', 'text/plain']], triggers: [{ kind: 'header-value', name: 'content-type', value: 'text/plain, text/plain', why: 'content-type-essence' }] },
  { name: 'Content-Type text/plain then multipart', method: 'POST', headers: [['Content-Type', 'text/plain'], ['Content-Type', 'multipart/form-data; boundary=x']], triggers: [{ kind: 'header-value', name: 'content-type', value: 'text/plain, multipart/form-data; boundary=x', why: 'content-type-essence' }] },
  { name: 'Content-Language doubled stays safelisted', method: 'GET', headers: [['Content-Language', 'en'], ['Content-Language', 'fr']], triggers: [] },
  { name: 'Accept with an unsafe byte', method: 'GET', headers: [['Accept', 'a"b']], triggers: [{ kind: 'header-value', name: 'accept', value: 'a"b', why: 'unsafe-byte' }] },
  { name: 'Accept over 128 bytes', method: 'GET', headers: [['Accept', 'a'.repeat(129)]], triggers: [{ kind: 'header-value', name: 'accept', value: 'a'.repeat(129), why: 'too-long' }] },
  { name: 'Content-Language with a slash', method: 'GET', headers: [['Content-Language', 'en/us']], triggers: [{ kind: 'header-value', name: 'content-language', value: 'en/us', why: 'invalid-value' }] },
  { name: 'Range suffix', method: 'GET', headers: [['Range', 'bytes=-5']], triggers: [{ kind: 'header-value', name: 'range', value: 'bytes=-5', why: 'invalid-value' }] },
  { name: 'Range two ranges', method: 'GET', headers: [['Range', 'bytes=0-1,3-4']], triggers: [{ kind: 'header-value', name: 'range', value: 'bytes=0-1,3-4', why: 'invalid-value' }] },
  { name: 'Range start after end', method: 'GET', headers: [['Range', 'bytes=9-1']], triggers: [{ kind: 'header-value', name: 'range', value: 'bytes=9-1', why: 'invalid-value' }] },
  // Several triggers: the method first, then names sorted.
  { name: 'method and sorted headers', method: 'PUT', headers: [['X-Zed', '1'], ['X-Abc', '2']], triggers: [{ kind: 'method', method: 'PUT' }, { kind: 'header', name: 'x-abc' }, { kind: 'header', name: 'x-zed' }] },
];

describe('preflightTriggers', () => {
  it.each(TRIGGER_ROWS)('$name', ({ method, headers, triggers }) => {
    expect(preflightTriggers({ method, headers: h([...BROWSER, ...headers]) })).toEqual(triggers);
  });

  // The 1024-byte total rule cannot fire while each value is capped at 128 bytes: five
  // safelistable names × 128 = 640. Maximal values stay safelisted; one byte more is `too-long`.
  it('maximal safelisted values stay safelisted', () => {
    const max = h([['Accept', 'a'.repeat(128)], ['Accept-Language', 'b'.repeat(128)], ['Content-Language', 'c'.repeat(128)], ['Content-Type', `text/plain;a=${'d'.repeat(115)}`], ['Range', `bytes=0-${'9'.repeat(120)}`]]);
    expect(corsUnsafeRequestHeaderNames(max)).toEqual([]);
    const doubled = h([['Accept', 'a'.repeat(100)], ['Accept', 'a'.repeat(100)]]);
    expect(preflightTriggers({ method: 'GET', headers: doubled })).toEqual([{ kind: 'header-value', name: 'accept', value: `${'a'.repeat(100)}, ${'a'.repeat(100)}`, why: 'too-long' }]);
  });

  it('an observed Access-Control-Request-Headers is authoritative', () => {
    // User-Agent is browser-added unless the browser's own preflight says the page set it.
    const headers = h([...BROWSER, ['X-Foo', '1']]);
    expect(preflightTriggers({ method: 'GET', headers, requestHeadersFromPreflight: ['user-agent', 'x-foo'] })).toEqual([
      { kind: 'header', name: 'user-agent' },
      { kind: 'header', name: 'x-foo' },
    ]);
    expect(preflightTriggers({ method: 'GET', headers })).toEqual([{ kind: 'header', name: 'x-foo' }]);
  });
});

describe('request-header rules', () => {
  it('safelisted methods are byte-exact', () => {
    expect(['GET', 'HEAD', 'POST'].every(isCorsSafelistedMethod)).toBe(true);
    expect(isCorsSafelistedMethod('get')).toBe(false);
    expect(normalizeMethod('get')).toBe('GET');
    expect(normalizeMethod('patch')).toBe('patch');
  });

  it('forbidden request headers', () => {
    for (const name of ['Cookie', 'Host', 'Origin', 'Referer', 'Connection', 'Accept-Encoding', 'Sec-Fetch-Mode', 'sec-ch-ua', 'Proxy-Authorization', 'Content-Length']) {
      expect(isForbiddenRequestHeader(name, 'x')).toBe(true);
    }
    expect(isForbiddenRequestHeader('User-Agent', 'x')).toBe(false);
    expect(isForbiddenRequestHeader('X-HTTP-Method-Override', 'TRACE')).toBe(true);
    expect(isForbiddenRequestHeader('X-HTTP-Method-Override', 'PUT')).toBe(false);
  });

  it('safelistFailure per name', () => {
    expect(safelistFailure('content-type', 'TEXT/PLAIN')).toBeNull();
    expect(safelistFailure('accept-language', 'de-CH,de;q=0.9')).toBeNull();
    expect(safelistFailure('accept', '\u0001')).toBe('unsafe-byte');
    expect(safelistFailure('x-foo', 'a')).toBe('not-safelisted-name');
  });

  it('splits page-set from browser-added headers', () => {
    const split = splitPageHeaders(h([...BROWSER, ['Pragma', 'no-cache'], ['Cache-Control', 'no-cache'], ['X-Foo', '1']]), null);
    // Accept-Language stays with the page: its value decides, and the browser's own value is always safelisted.
    expect(split.page.map((x) => x.name)).toEqual(['Accept-Language', 'X-Foo']);
    expect(split.fromPreflight).toBe(false);
  });
});
