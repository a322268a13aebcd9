import { describe, expect, it } from 'vitest';
import type { ExchangeRecord } from '../../shared/protocol/messages.ts';
import { allFixtures, corsBlockedLogin } from '../testing/fixtures.ts';
import { simulateCookies, type ExchangeCookies } from '../../shared/cookies/jar.ts';
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

describe('hasCookieProblem over lines the browser dropped silently', () => {
  const firefox = { browser: 'firefox', cookieBehavior: 5 } as const;
  const page = 'http://localhost:8310/';
  /** One response setting `lines` to a site already full of `Secure` cookies (Firefox refuses a plain newcomer). */
  const rowsOf = (lines: readonly string[]): ExchangeCookies | undefined => {
    const secure = Array.from({ length: 180 }, (_, i) => `s${i}=v; Secure; Path=/`);
    const request = (at: number) => ({ url: 'https://localhost:8311/api', topLevelUrl: page, crossSiteAncestor: false, includeCredentials: true, at });
    return simulateCookies([{ request: request(1_000), setCookieLines: secure }, { request: request(2_000), setCookieLines: lines }], firefox)[1];
  };
  it.each([
    ['a plain cookie Firefox refuses because the site is full of Secure ones', ['plain=v; Path=/'], true],
    ['another Secure cookie, which evicts an old one instead', ['more=v; Secure; Path=/'], false],
  ])('%s', (_name, lines, problem) => {
    expect(hasCookieProblem(rowsOf(lines))).toBe(problem);
  });
});
