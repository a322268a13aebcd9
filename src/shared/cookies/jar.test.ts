import { describe, expect, it } from 'vitest';
import type { CookieRequestContext } from './context.ts';
import { simulateCookies, type CookieExchange } from './jar.ts';
import { inferThirdPartyCookies } from './world.ts';

const PAGE = 'http://localhost:8310/';
const at = (url: string, ms: number, more: Partial<CookieRequestContext> = {}): CookieRequestContext => ({
  url, topLevelUrl: PAGE, crossSiteAncestor: false, includeCredentials: true, at: ms, ...more,
});
const CR_ALLOW = { browser: 'chromium', thirdPartyCookies: 'allowed' } as const;

describe('simulateCookies', () => {
  it('predicts a later request from an earlier Set-Cookie, and says which response set it', () => {
    const rows = simulateCookies([
      { request: at('http://localhost:8311/login', 1000), setCookieLines: ['sid=1; Path=/; SameSite=Lax'] },
      { request: at('http://localhost:8311/me', 2000, { crossSiteAncestor: true }), setCookieLines: [] },
    ], CR_ALLOW);
    expect(rows[0]?.response).toMatchObject([{ name: 'sid', stored: true, provenance: 'inferred' }]);
    expect(rows[1]?.request).toMatchObject([
      { name: 'sid', sent: false, blockedReasons: ['SchemefulSameSiteLax'], provenance: 'inferred', setBy: { url: 'http://localhost:8311/login', at: 1000, line: 'sid=1; Path=/; SameSite=Lax' } },
    ]);
  });

  it('takes what was sent from the recorded Cookie header, and marks cookies that pre-date the recording', () => {
    const rows = simulateCookies([
      { request: at('http://localhost:8311/login', 1000), setCookieLines: ['sid=1; Path=/'] },
      { request: at('http://localhost:8311/me', 2000), cookieHeader: 'old=7; sid=1', setCookieLines: [] },
    ], CR_ALLOW);
    expect(rows[1]?.request).toEqual([
      expect.objectContaining({ name: 'sid', sent: true, provenance: 'observed' }),
      expect.objectContaining({ name: 'old', sent: true, notes: ['PredatesRecording'], setBy: null }),
    ]);
  });

  it('replaces a cookie of the same name, domain and path, and deletes it with Max-Age=0', () => {
    const x = (ms: number, lines: string[]): CookieExchange => ({ request: at('http://localhost:8311/a', ms), setCookieLines: lines });
    const rows = simulateCookies([x(1, ['a=1; Path=/']), x(2, ['a=2; Path=/']), x(3, []), x(4, ['a=; Path=/; Max-Age=0']), x(5, [])], CR_ALLOW);
    expect(rows[2]?.request).toHaveLength(1);
    expect(rows[3]?.response).toMatchObject([{ stored: false, notes: ['Expired'] }]);
    expect(rows[4]?.request).toEqual([]);
  });
});

describe('inferThirdPartyCookies', () => {
  const set = { request: at('http://127.0.0.1:8311/login', 1000), setCookieLines: ['sid=1; Path=/; SameSite=None; Secure'] };
  const again = (cookieHeader: string | null | undefined): CookieExchange => ({ request: at('http://127.0.0.1:8311/me', 2000), cookieHeader, setCookieLines: [] });

  it.each([
    ['sid=1', 'allowed'],
    [null, 'blocked'],
  ] as const)('a cross-site SameSite=None; Secure cookie %j afterwards → %s', (header, setting) => {
    const inference = inferThirdPartyCookies([set, again(header)]);
    expect(inference.setting).toBe(setting);
    expect(inference.evidence).toEqual([{ exchange: 1, cookie: 'sid', sent: header !== null, fits: setting }]);
  });

  it('gives both readings without evidence', () => {
    expect(inferThirdPartyCookies([set, again(undefined)])).toEqual({ setting: null, evidence: [] });
    expect(inferThirdPartyCookies([{ ...set, setCookieLines: ['sid=1; SameSite=None; Secure; Partitioned'] }, again('sid=1')]).setting).toBeNull();
  });
});
