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
