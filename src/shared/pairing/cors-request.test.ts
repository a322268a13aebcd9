import { describe, expect, it } from 'vitest';
import type { HttpHeader } from '../model/exchange.ts';
import { corsUnsafeRequestHeaderNames, isPreflightRequest, needsCorsPreflight } from './cors-request.ts';

const h = (pairs: [string, string][]): HttpHeader[] => pairs.map(([name, value]) => ({ name, value }));

describe('corsUnsafeRequestHeaderNames', () => {
  it.each([
    { name: 'author headers, sorted and lower-cased', headers: [['X-B', '1'], ['x-a', '2'], ['Content-Type', 'application/json']], expected: ['content-type', 'x-a', 'x-b'] },
    { name: 'forbidden, browser-added and pseudo-headers are skipped', headers: [['Origin', 'http://a'], ['Referer', 'http://a/'], ['User-Agent', 'UA'], ['sec-ch-ua', '"x"'], ['Pragma', 'no-cache'], ['Cache-Control', 'no-cache'], [':authority', 'b'], [':path', '/']], expected: [] },
    { name: 'content-type outside the three essences', headers: [['Content-Type', 'application/json'], ['Accept', 'application/json']], expected: ['content-type'] },
    { name: 'duplicates collapse', headers: [['X-Token', '1'], ['x-token', '2']], expected: ['x-token'] },
    { name: 'a doubled Content-Type is judged on the combined value', headers: [['Content-Type', 'text/plain'], ['Content-Type', 'text/plain']], expected: ['content-type'] },
  ] satisfies { name: string; headers: [string, string][]; expected: string[] }[])('$name', ({ headers, expected }) => {
    expect(corsUnsafeRequestHeaderNames(h(headers))).toEqual(expected);
  });
});

describe('needsCorsPreflight / isPreflightRequest', () => {
  it.each([
    { method: 'GET', headers: [], expected: false },
    { method: 'POST', headers: [['Content-Type', 'text/plain']], expected: false },
    { method: 'POST', headers: [['Content-Type', 'application/json']], expected: true },
    { method: 'PUT', headers: [], expected: true },
    // https://fetch.spec.whatwg.org/#cors-safelisted-method is byte-case-sensitive
    { method: 'patch', headers: [], expected: true },
  ] satisfies { method: string; headers: [string, string][]; expected: boolean }[])(
    '$method $headers → $expected',
    ({ method, headers, expected }) => {
      expect(needsCorsPreflight({ url: 'http://b/', method, headers: h(headers) })).toBe(expected);
    },
  );

  // Firefox quirk (http/init-pairs.ts, verified in Firefox 153.8): a value unsafe only as a whole
  // may be fetch() init pairs it judged one by one, so on its wire it proves no preflight; a
  // combined Content-Type came whole (of init pairs Firefox sends only the first).
  const A = 'a'.repeat(100);
  const B = 'b'.repeat(100);
  it.each([
    { name: 'Content-Type text/plain twice', headers: [['Content-Type', 'text/plain'], ['Content-Type', 'text/plain']], chromium: true, firefox: true },
    { name: 'two 100-byte Accepts', headers: [['Accept', A], ['Accept', B]], chromium: true, firefox: false },
    { name: 'two single Ranges', headers: [['Range', 'bytes=0-1'], ['Range', 'bytes=2-3']], chromium: true, firefox: false },
    { name: 'two Accepts and an unsafe name', headers: [['Accept', A], ['Accept', B], ['X-A', '1']], chromium: true, firefox: true },
    { name: 'an Accept over 128 bytes alone', headers: [['Accept', 'a'.repeat(129)]], chromium: true, firefox: true },
    { name: 'two short Accepts stay safelisted', headers: [['Accept', 'a'], ['Accept', 'b']], chromium: false, firefox: false },
  ] satisfies { name: string; headers: [string, string][]; chromium: boolean; firefox: boolean }[])(
    'by browser: $name',
    ({ headers, chromium, firefox }) => {
      const request = { url: 'http://b/', method: 'GET', headers: h(headers) };
      expect({ chromium: needsCorsPreflight(request, 'chromium'), firefox: needsCorsPreflight(request, 'firefox') }).toEqual({ chromium, firefox });
      expect(needsCorsPreflight({ ...request, method: 'PUT' }, 'firefox')).toBe(true);
    },
  );

  it.each([
    { method: 'OPTIONS', headers: [['Origin', 'http://a'], ['Access-Control-Request-Method', 'PUT']], expected: true },
    { method: 'options', headers: [['origin', 'http://a'], ['access-control-request-method', 'PUT']], expected: true },
    { method: 'OPTIONS', headers: [['Origin', 'http://a']], expected: false },
    { method: 'OPTIONS', headers: [['Access-Control-Request-Method', 'PUT']], expected: false },
    { method: 'GET', headers: [['Origin', 'http://a'], ['Access-Control-Request-Method', 'PUT']], expected: false },
  ] satisfies { method: string; headers: [string, string][]; expected: boolean }[])(
    'preflight? $method $headers → $expected',
    ({ method, headers, expected }) => {
      expect(isPreflightRequest({ url: 'http://b/', method, headers: h(headers) })).toBe(expected);
    },
  );
});
