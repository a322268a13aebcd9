/**
 * `preflightTriggers` and `corsUnsafeRequestHeaderNames` read a header list once (a memoized
 * table of its names); this checks them against the spec's algorithm written out directly —
 * split the page's headers, then `getAll` per name, judge, sort — over random header lists and
 * random `Access-Control-Request-Headers`, with the list asked about repeatedly (memo hits).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { HttpHeader } from '../model/exchange.ts';
import type { PreflightTrigger } from './safelist.ts';
import { byteLength, corsUnsafeRequestHeaderNames, isCorsSafelistedMethod, preflightTriggers, safelistFailure, splitPageHeaders } from './safelist.ts';
import { asciiLower, headerValues } from './headers.ts';

/** https://fetch.spec.whatwg.org/#cors-unsafe-request-header-names, step by step. */
function referenceUnsafe(pageHeaders: readonly HttpHeader[]): Map<string, PreflightTrigger> {
  const names = [...new Set(pageHeaders.map((h) => asciiLower(h.name)))];
  const unsafe = new Map<string, PreflightTrigger>();
  const potentially: { name: string; value: string }[] = [];
  let size = 0;
  for (const name of names) {
    const value = headerValues(pageHeaders, name).join(', ');
    const failure = safelistFailure(name, value);
    if (failure === null) {
      potentially.push({ name, value });
      size += byteLength(value);
    } else if (failure === 'not-safelisted-name') unsafe.set(name, { kind: 'header', name });
    else unsafe.set(name, { kind: 'header-value', name, value, why: failure });
  }
  if (size > 1024) for (const p of potentially) unsafe.set(p.name, { kind: 'header-value', name: p.name, value: p.value, why: 'total-too-long' });
  return new Map([...unsafe].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function referenceTriggers(method: string, headers: readonly HttpHeader[], acrh: readonly string[] | null): PreflightTrigger[] {
  const triggers: PreflightTrigger[] = isCorsSafelistedMethod(method) ? [] : [{ kind: 'method', method }];
  const unsafe = referenceUnsafe(splitPageHeaders(headers, acrh).page);
  if (acrh === null) return [...triggers, ...unsafe.values()];
  const names = [...new Set(acrh.map(asciiLower))].sort();
  return [...triggers, ...names.map((name): PreflightTrigger => unsafe.get(name) ?? { kind: 'header', name })];
}

const NAMES = [
  'X-Api-Key',
  'x-api-key',
  'Content-Type',
  'content-type',
  'Accept',
  'Accept-Language',
  'Content-Language',
  'Range',
  'Authorization',
  'Cookie',
  'Origin',
  'User-Agent',
  'Priority',
  'Pragma',
  'Cache-Control',
  'X-HTTP-Method-Override',
  'Sec-Fetch-Mode',
  'Proxy-Foo',
  'Intervention',
  'x-é',
];
const VALUES = ['no-cache', 'text/plain', 'application/json', 'bytes=0-1', 'en-US', 'GET', 'TRACE', 'PUT, TRACE', ' v ', '', 'a"b', 'x'.repeat(200)];
const name = fc.oneof(fc.constantFrom(...NAMES), fc.string({ maxLength: 6 }));
const header: fc.Arbitrary<HttpHeader> = fc.record({ name, value: fc.oneof(fc.constantFrom(...VALUES), fc.string({ maxLength: 8 })) });
const headers = fc.array(header, { maxLength: 14 });
const acrh = fc.option(fc.oneof(fc.array(name, { maxLength: 8 }), fc.array(name, { maxLength: 8 }).map((n) => [...new Set(n.map(asciiLower))].sort())), { nil: null });
const method = fc.constantFrom('GET', 'POST', 'PUT', 'patch');

describe('preflightTriggers equals the spec algorithm written out', () => {
  it('over random header lists and Access-Control-Request-Headers, asked twice of the same list', () => {
    fc.assert(
      fc.property(method, headers, acrh, acrh, (m, list, first, second) => {
        expect(preflightTriggers({ method: m, headers: list, requestHeadersFromPreflight: first })).toEqual(referenceTriggers(m, list, first));
        expect(preflightTriggers({ method: m, headers: list, requestHeadersFromPreflight: second })).toEqual(referenceTriggers(m, list, second));
        expect(preflightTriggers({ method: m, headers: list })).toEqual(referenceTriggers(m, list, null));
      }),
      { numRuns: 2000 },
    );
  });

  it('corsUnsafeRequestHeaderNames judges every line it is given, forbidden names included', () => {
    fc.assert(
      fc.property(headers, (list) => {
        expect(corsUnsafeRequestHeaderNames(list)).toEqual([...referenceUnsafe(list).keys()]);
      }),
      { numRuns: 1000 },
    );
  });
});
