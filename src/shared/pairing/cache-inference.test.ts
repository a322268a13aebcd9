import { describe, expect, it } from 'vitest';
import type { BrowserName, HttpHeader, ObservedResponse } from '../model/exchange.ts';
import { PreflightLedger, preflightResponseCovers } from './cache-inference.ts';
import type { PairingSubject } from './match.ts';

const URL_A = 'http://api.test/items';
const ORIGIN = 'http://app.test';
const h = (pairs: [string, string][]): HttpHeader[] => pairs.map(([name, value]) => ({ name, value }));

function okResponse(extra: [string, string][], receivedAt: number): ObservedResponse {
  return {
    status: 204,
    headers: h([['Access-Control-Allow-Origin', ORIGIN], ['Access-Control-Allow-Methods', 'PUT'], ['Access-Control-Allow-Headers', 'content-type'], ...extra]),
    receivedAt,
  };
}

function recordPreflight(ledger: PreflightLedger, exchangeId: string, at: number, extra: [string, string][] = [], status = 204): void {
  const response = { ...okResponse(extra, at + 5), status };
  ledger.record({
    exchangeId,
    request: { url: URL_A, method: 'OPTIONS', headers: h([['Origin', ORIGIN], ['Access-Control-Request-Method', 'PUT']]), startedAt: at },
    response,
  });
}

const put = (at: number, headers: [string, string][] = [['Content-Type', 'application/json']]): PairingSubject => ({
  id: 'x',
  initiatorOrigin: ORIGIN,
  request: { url: URL_A, method: 'PUT', headers: h(headers), startedAt: at },
});

describe('PreflightLedger.findCacheSource', () => {
  it('links a request to the earlier preflight with Max-Age and remaining time', () => {
    const ledger = new PreflightLedger('chromium');
    recordPreflight(ledger, 'ex-0', 1000, [['Access-Control-Max-Age', '600']]);
    const hit = ledger.findCacheSource(put(31_005));
    expect(hit).toMatchObject({
      record: { kind: 'cache-hit', sourceExchangeId: 'ex-0', cachedAt: 1005, maxAgeSeconds: 600 },
      lifetimeSeconds: 600,
      remainingSeconds: 570,
    });
  });

  it.each<{ name: string; browser: BrowserName; maxAge: string | null; at: number; found: boolean }>([
    { name: 'default 5 s still alive', browser: 'chromium', maxAge: null, at: 4000, found: true },
    { name: 'default 5 s expired', browser: 'chromium', maxAge: null, at: 7000, found: false },
    { name: 'Chromium caps at 2 h', browser: 'chromium', maxAge: '86400', at: 1005 + 7201_000, found: false },
    { name: 'Firefox keeps it 24 h', browser: 'firefox', maxAge: '86400', at: 1005 + 7201_000, found: true },
    { name: 'Firefox does not cache Max-Age 0', browser: 'firefox', maxAge: '0', at: 1006, found: false },
    { name: 'not before the preflight answered', browser: 'chromium', maxAge: '600', at: 900, found: false },
  ])('$name', ({ browser, maxAge, at, found }) => {
    const ledger = new PreflightLedger(browser);
    recordPreflight(ledger, 'ex-0', 1000, maxAge === null ? [] : [['Access-Control-Max-Age', maxAge]]);
    expect(ledger.findCacheSource(put(at)) !== null).toBe(found);
  });

  it('ignores failed preflights: browsers cache only successes', () => {
    const ledger = new PreflightLedger('chromium');
    recordPreflight(ledger, 'ex-0', 1000, [['Access-Control-Max-Age', '600']], 500);
    expect(ledger.findCacheSource(put(2000))).toBeNull();
  });

  it('Chromium: a newer preflight replaces the entry; Firefox keeps per-token entries', () => {
    for (const [browser, expected] of [['chromium', null], ['firefox', 'ex-0']] as const) {
      const ledger = new PreflightLedger(browser);
      recordPreflight(ledger, 'ex-0', 1000, [['Access-Control-Max-Age', '600'], ['Access-Control-Allow-Headers', 'content-type, x-token']]);
      // A later preflight for another header set does not cover x-token.
      recordPreflight(ledger, 'ex-1', 2000, [['Access-Control-Max-Age', '600']]);
      const hit = ledger.findCacheSource(put(3000, [['Content-Type', 'application/json'], ['X-Token', 't']]));
      expect(hit?.record.sourceExchangeId ?? null).toBe(expected);
    }
  });
});

describe('preflightResponseCovers', () => {
  const request = { url: URL_A, method: 'PUT', headers: h([['Content-Type', 'application/json'], ['Authorization', 'Bearer x']]) };
  it.each([
    { name: 'lists both', headers: [['Access-Control-Allow-Origin', ORIGIN], ['Access-Control-Allow-Methods', 'PUT'], ['Access-Control-Allow-Headers', 'Content-Type, Authorization']], credentialed: false, expected: true },
    // Not the spec (#cors-non-wildcard-request-header-name): Chromium 156 lets `*` cover Authorization (verified by the evaluator).
    { name: '* covers Authorization in Chromium', headers: [['Access-Control-Allow-Origin', '*'], ['Access-Control-Allow-Methods', '*'], ['Access-Control-Allow-Headers', '*']], credentialed: false, expected: true },
    { name: '* is literal with credentials', headers: [['Access-Control-Allow-Origin', ORIGIN], ['Access-Control-Allow-Methods', 'PUT'], ['Access-Control-Allow-Headers', '*']], credentialed: true, expected: false },
    { name: 'method missing', headers: [['Access-Control-Allow-Origin', ORIGIN], ['Access-Control-Allow-Headers', 'content-type, authorization']], credentialed: false, expected: false },
    { name: '* origin with credentials', headers: [['Access-Control-Allow-Origin', '*'], ['Access-Control-Allow-Methods', 'PUT'], ['Access-Control-Allow-Headers', 'content-type, authorization']], credentialed: true, expected: false },
  ] satisfies { name: string; headers: [string, string][]; credentialed: boolean; expected: boolean }[])('$name', ({ headers, credentialed, expected }) => {
    expect(
      preflightResponseCovers('chromium', { status: 204, headers: h(headers) }, ORIGIN, request, { credentialed }, { credentialed }),
    ).toBe(expected);
  });
});
