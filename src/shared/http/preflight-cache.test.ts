import { describe, expect, it } from 'vitest';
import { cachedPreflightCovers, isFresh, preflightLifetime } from './preflight-cache.ts';
import type { HttpHeader } from '../model/exchange.ts';

const h = (pairs: readonly (readonly [string, string])[]): HttpHeader[] => pairs.map(([name, value]) => ({ name, value }));

// Max-Age parsing, as observed in Chromium 156 and Firefox 153 (reuse within / after 5 s).
const MAX_AGE_ROWS: readonly { raw: string | null; chromium: number; firefox: number }[] = [
  // Absent: 5 s (Chromium kDefaultTimeout; Firefox source default).
  { raw: null, chromium: 5, firefox: 5 },
  // Plain digits, below the caps.
  { raw: '60', chromium: 60, firefox: 60 },
  { raw: '600', chromium: 600, firefox: 600 },
  // Zero: not reused by either.
  { raw: '0', chromium: 0, firefox: 0 },
  // Above a cap: Chromium 7200 s, Firefox 86400 s.
  { raw: '86400', chromium: 7200, firefox: 86400 },
  { raw: '99999999999', chromium: 7200, firefox: 86400 },
  { raw: '100000', chromium: 7200, firefox: 86400 },
  // Chromium parses an int64 (leading `+` accepted, negative → 0, junk → 5 s); Firefox wants digits or does not cache.
  { raw: '+60', chromium: 60, firefox: 0 },
  { raw: '-1', chromium: 0, firefox: 0 },
  { raw: '60abc', chromium: 5, firefox: 0 },
  { raw: 'ten', chromium: 5, firefox: 0 },
  { raw: '60, 60', chromium: 5, firefox: 0 },
  { raw: '99999999999999999999', chromium: 5, firefox: 86400 },
];

describe('Access-Control-Max-Age', () => {
  it.each(MAX_AGE_ROWS)('$raw', ({ raw, chromium, firefox }) => {
    expect(preflightLifetime('chromium', raw).seconds).toBe(chromium);
    expect(preflightLifetime('firefox', raw).seconds).toBe(firefox);
  });

  it('freshness', () => {
    expect(isFresh(0, preflightLifetime('chromium', '60'), 59_999)).toBe(true);
    expect(isFresh(0, preflightLifetime('chromium', '60'), 60_000)).toBe(false);
    expect(isFresh(0, preflightLifetime('chromium', '0'), 0)).toBe(false);
  });
});

describe('cachedPreflightCovers', () => {
  const answer = h([['Access-Control-Allow-Methods', 'PUT, DELETE, *'], ['Access-Control-Allow-Headers', 'x-foo, *']]);
  const base = { response: answer, entryCredentials: false, method: 'PUT', unsafeHeaderNames: ['x-foo'], credentialed: false };

  // An entry made without credentials never serves a credentialed request (both, verified).
  it('credentials', () => {
    expect(cachedPreflightCovers('chromium', { ...base, credentialed: true })).toEqual({ covered: false, why: 'credentials' });
    // Chromium: a credentialed entry serves a plain request; Firefox keys on the flag (verified).
    expect(cachedPreflightCovers('chromium', { ...base, entryCredentials: true }).covered).toBe(true);
    expect(cachedPreflightCovers('firefox', { ...base, entryCredentials: true })).toEqual({ covered: false, why: 'credentials' });
  });

  // Methods: exact match; `*` a wildcard in Chromium only without credentials.
  it('methods', () => {
    expect(cachedPreflightCovers('chromium', { ...base, method: 'DELETE' }).covered).toBe(true);
    expect(cachedPreflightCovers('chromium', { ...base, method: 'PATCH' }).covered).toBe(true);
    expect(cachedPreflightCovers('firefox', { ...base, method: 'PATCH' })).toEqual({ covered: false, why: 'method', item: 'PATCH' });
    expect(cachedPreflightCovers('chromium', { ...base, response: h([['Access-Control-Allow-Methods', 'put']]), unsafeHeaderNames: [] })).toEqual({ covered: false, why: 'method', item: 'PUT' });
    // Firefox's quirk: GET and POST skip the lookup, HEAD does not.
    const none = { ...base, response: h([]), unsafeHeaderNames: [] };
    expect(cachedPreflightCovers('firefox', { ...none, method: 'POST' }).covered).toBe(true);
    expect(cachedPreflightCovers('firefox', { ...none, method: 'HEAD' }).covered).toBe(false);
  });

  // Headers: case-insensitive; `*` for Chromium without credentials.
  it('headers', () => {
    expect(cachedPreflightCovers('firefox', { ...base, unsafeHeaderNames: ['X-FOO'] }).covered).toBe(true);
    expect(cachedPreflightCovers('firefox', { ...base, unsafeHeaderNames: ['x-bar'] })).toEqual({ covered: false, why: 'header', item: 'x-bar' });
    expect(cachedPreflightCovers('chromium', { ...base, unsafeHeaderNames: ['x-bar'] }).covered).toBe(true);
    expect(cachedPreflightCovers('chromium', { ...base, response: h([['Access-Control-Allow-Headers', 'x;y']]) })).toEqual({ covered: false, why: 'unparsable' });
  });
});
