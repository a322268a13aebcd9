import { describe, expect, it } from 'vitest';
import type { ExchangeRecord } from '../../shared/protocol/messages.ts';
import { allFixtures, corsBlockedLogin } from '../testing/fixtures.ts';
import { hasCookieProblem, recordCookies, recordHasCookieProblem } from './cookies.ts';

/** `record` with every `Cookie` and `Set-Cookie` header removed. */
function withoutCookies(record: ExchangeRecord): ExchangeRecord {
  const drop = <H extends { readonly name: string }>(headers: readonly H[]): H[] => headers.filter((h) => !/^(set-)?cookie$/i.test(h.name));
  const legs = record.exchange.legs.map((leg) => ({
    ...leg,
    request: { ...leg.request, headers: drop(leg.request.headers) },
    ...(leg.response ? { response: { ...leg.response, headers: drop(leg.response.headers) } } : {}),
  }));
  return { ...record, exchange: { ...record.exchange, legs } };
}

describe('recordHasCookieProblem', () => {
  const logs: readonly (readonly [string, readonly ExchangeRecord[]])[] = [
    ['every fixture', [...allFixtures(), corsBlockedLogin()]],
    ['every fixture without cookie headers', [...allFixtures(), corsBlockedLogin()].map(withoutCookies)],
  ];
  it.each(logs)('equals the whole-log simulation: %s', (_name, log) => {
    for (const record of log) {
      expect(recordHasCookieProblem(log, record.id)).toBe(hasCookieProblem(recordCookies(log, record.id)));
    }
  });

  it('finds the problem of a log that has one', () => {
    const log = [corsBlockedLogin()];
    expect(recordHasCookieProblem(log, 'ex-login', { browser: 'chromium', thirdPartyCookies: 'blocked' })).toBe(true);
  });
});

describe('recordHasCookieProblem with the browser jar alone', () => {
  it('finds a cookie the browser withheld though no header of the log mentions a cookie', () => {
    const login = withoutCookies(corsBlockedLogin());
    const host = new URL(login.exchange.legs[0]?.request.url ?? '').hostname;
    const jarCookie = { name: 'sid', domain: host, hostOnly: true, path: '/', secure: false, httpOnly: false, sameSite: 'Strict', topLevelSite: null, crossSiteAncestor: null, expiresAt: null } as const;
    const record = { ...login, exchange: { ...login.exchange, legs: login.exchange.legs.map((leg) => ({ ...leg, browserJar: { stored: [], unsent: [jarCookie] } })) } };
    const setting = { browser: 'chromium', thirdPartyCookies: 'allowed' } as const;
    expect(hasCookieProblem(recordCookies([record], record.id, setting))).toBe(true);
    expect(recordHasCookieProblem([record], record.id, setting)).toBe(true);
  });
});
