import { describe, expect, it } from 'vitest';
import type { ObservedRequest } from '../model/exchange.ts';
import { matchPreflight, type PairingSubject } from './match.ts';
import { pairPreflights } from './pair.ts';

const URL_A = 'http://api.test/items';

function preflight(id: string, at: number, over: { url?: string; method?: string; headers?: string; origin?: string } = {}): PairingSubject {
  const headers = [
    { name: 'Origin', value: over.origin ?? 'http://app.test' },
    { name: 'Access-Control-Request-Method', value: over.method ?? 'PUT' },
  ];
  if (over.headers !== undefined) headers.push({ name: 'Access-Control-Request-Headers', value: over.headers });
  return { id, request: { url: over.url ?? URL_A, method: 'OPTIONS', headers, startedAt: at } };
}

function actual(id: string, at: number, over: Partial<ObservedRequest> & { origin?: string } = {}): PairingSubject {
  const { origin, ...request } = over;
  return {
    id,
    initiatorOrigin: origin ?? 'http://app.test',
    request: { url: URL_A, method: 'PUT', headers: [{ name: 'Content-Type', value: 'application/json' }], startedAt: at, ...request },
  };
}

describe('matchPreflight', () => {
  it.each([
    { name: 'exact match', pf: preflight('p', 1002, { headers: 'content-type' }), req: actual('a', 1000), expected: { matches: true, headers: 'exact', deltaMs: 2 } },
    { name: 'preflight listed before its request', pf: preflight('p', 990, { headers: 'content-type' }), req: actual('a', 1000), expected: { matches: true, headers: 'exact', deltaMs: -10 } },
    { name: 'fragment ignored', pf: preflight('p', 1000, { headers: 'content-type' }), req: actual('a', 1000, { url: `${URL_A}#frag` }), expected: { matches: true, headers: 'exact', deltaMs: 0 } },
    { name: 'other URL', pf: preflight('p', 1000, { url: `${URL_A}/2` }), req: actual('a', 1000), expected: { matches: false, mismatch: 'url' } },
    { name: 'other method', pf: preflight('p', 1000, { method: 'DELETE', headers: 'content-type' }), req: actual('a', 1000), expected: { matches: false, mismatch: 'method' } },
    { name: 'method is case-sensitive', pf: preflight('p', 1000, { method: 'put', headers: 'content-type' }), req: actual('a', 1000), expected: { matches: false, mismatch: 'method' } },
    { name: 'other origin', pf: preflight('p', 1000, { origin: 'http://evil.test', headers: 'content-type' }), req: actual('a', 1000), expected: { matches: false, mismatch: 'origin' } },
    { name: 'tainted origin matches the leg\'s Origin: null', pf: preflight('p', 1000, { origin: 'null', headers: 'content-type' }), req: actual('a', 1000, { headers: [{ name: 'Origin', value: 'null' }, { name: 'Content-Type', value: 'application/json' }] }), expected: { matches: true, headers: 'exact', deltaMs: 0 } },
    { name: 'Firefox: the page origin on the preflight of a tainted hop', pf: preflight('p', 1000, { headers: 'content-type' }), req: actual('a', 1000, { headers: [{ name: 'Origin', value: 'null' }, { name: 'Content-Type', value: 'application/json' }] }), expected: { matches: true, headers: 'exact', deltaMs: 0 } },
    { name: 'Chromium: a provisional redirect hop without Origin matches its Origin: null re-preflight', pf: preflight('p', 1000, { origin: 'null' }), req: { ...actual('a', 1000, { headers: [], headersProvisional: true }), afterRedirect: true }, expected: { matches: true, headers: 'exact', deltaMs: 0 } },
    { name: 'a first hop without Origin does not match an Origin: null preflight', pf: preflight('p', 1000, { origin: 'null' }), req: actual('a', 1000, { headers: [], headersProvisional: true }), expected: { matches: false, mismatch: 'origin' } },
    { name: 'a redirect hop whose headers are complete does not hide its Origin', pf: preflight('p', 1000, { origin: 'null' }), req: { ...actual('a', 1000, { headers: [] }), afterRedirect: true }, expected: { matches: false, mismatch: 'origin' } },
    { name: 'asks for a header the request lacks', pf: preflight('p', 1000, { headers: 'content-type,x-token' }), req: actual('a', 1000), expected: { matches: false, mismatch: 'headers' } },
    { name: 'a sanitized export dropped its Authorization', pf: preflight('p', 1000, { headers: 'authorization,content-type' }), req: actual('a', 1000), expected: { matches: true, headers: 'compatible', deltaMs: 0 } },
    { name: 'only Authorization is excused', pf: preflight('p', 1000, { headers: 'authorization,content-type,x-token' }), req: actual('a', 1000), expected: { matches: false, mismatch: 'headers' } },
    { name: 'provisional headers are not held against it', pf: preflight('p', 1000, { headers: 'content-type,x-token' }), req: actual('a', 1000, { headersProvisional: true }), expected: { matches: true, headers: 'compatible', deltaMs: 0 } },
    { name: 'too long after the request', pf: preflight('p', 70_001, { headers: 'content-type' }), req: actual('a', 1000), expected: { matches: false, mismatch: 'time' } },
    { name: 'too long before the request', pf: preflight('p', 1000, { headers: 'content-type' }), req: actual('a', 7000), expected: { matches: false, mismatch: 'time' } },
    { name: 'not a preflight', pf: { id: 'p', request: { url: URL_A, method: 'GET', headers: [] } }, req: actual('a', 1000), expected: { matches: false, mismatch: 'not-preflight' } },
  ])('$name', ({ pf, req, expected }) => {
    expect(matchPreflight(pf, req)).toEqual(expected);
  });
});

describe('pairPreflights', () => {
  it('pairs concurrent identical requests one-to-one, nearest first', () => {
    const pairs = pairPreflights(
      [actual('a1', 1000), actual('a2', 1001)],
      [preflight('p2', 1003, { headers: 'content-type' }), preflight('p1', 1002, { headers: 'content-type' })],
    );
    expect(Object.fromEntries([...pairs].map(([id, p]) => [id, p.preflightId]))).toEqual({ a1: 'p1', a2: 'p2' });
  });

  it('leaves a request without a preflight unpaired instead of stealing a later one', () => {
    // a1 was served from the preflight cache; p2 belongs to a2, 40 s later.
    const pairs = pairPreflights([actual('a1', 1000), actual('a2', 41_000)], [preflight('p2', 41_001, { headers: 'content-type' })]);
    expect([...pairs.keys()]).toEqual(['a2']);
  });

  it('prefers the exact header list over a compatible one', () => {
    const withToken = actual('token', 1000, {
      headers: [{ name: 'Content-Type', value: 'application/json' }, { name: 'X-Token', value: 't' }],
    });
    const plain = actual('plain', 1000);
    const pairs = pairPreflights([withToken, plain], [
      preflight('p-plain', 1001, { headers: 'content-type' }),
      preflight('p-token', 1002, { headers: 'content-type,x-token' }),
    ]);
    expect(pairs.get('token')?.preflightId).toBe('p-token');
    expect(pairs.get('plain')?.preflightId).toBe('p-plain');
  });

  it('stays linear on a large bucket of identical requests', () => {
    const n = 5000;
    const actuals = Array.from({ length: n }, (_, i) => actual(`a${i}`, i * 10));
    const preflights = Array.from({ length: n }, (_, i) => preflight(`p${i}`, i * 10 + 1, { headers: 'content-type' }));
    const pairs = pairPreflights(actuals, preflights);
    expect(pairs.size).toBe(n);
    expect(pairs.get('a4999')?.preflightId).toBe('p4999');
  });
});
