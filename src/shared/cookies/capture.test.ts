import { describe, expect, it } from 'vitest';
import type { HttpHeader, ObservedExchange } from '../model/exchange.ts';
import { captureCookies } from './capture.ts';

const PAGE = 'http://localhost:8310/';
let seq = 0;
/** One GET with its request and response headers, made by the page at `PAGE`. */
function x(url: string, request: readonly HttpHeader[], response: readonly HttpHeader[], more: Partial<ObservedExchange> = {}): ObservedExchange {
  seq += 1;
  const at = 1_700_000_000_000 + seq * 1000;
  return {
    id: String(seq),
    recorder: 'chromium',
    initiatorOrigin: 'http://localhost:8310',
    topLevelUrl: PAGE,
    legs: [{ request: { url, method: 'GET', headers: request, startedAt: at }, preflight: null, response: { status: 200, headers: response, receivedAt: at } }],
    outcome: { kind: 'succeeded' },
    ...more,
  };
}
const setCookie = (value: string): HttpHeader => ({ name: 'Set-Cookie', value });
const cookie = (value: string): HttpHeader => ({ name: 'Cookie', value });
const CROSS_FRAME: HttpHeader = { name: 'Sec-Fetch-Site', value: 'cross-site' };

describe('captureCookies', () => {
  it('says which earlier response set a cookie a later cross-site request could not carry', () => {
    const login = x('http://localhost:8310/login', [], [setCookie('sid=1; Path=/; SameSite=Lax')]);
    // the cross-site frame's credentialed request to the page's site: a Cookie header for another cookie proves include
    const api = x('http://localhost:8311/api', [CROSS_FRAME], [], { credentialsMode: 'include' });
    const { byExchange } = captureCookies([login, api], 'chromium', { thirdPartyCookies: 'allowed' });
    expect(byExchange.get(login.id)?.response).toMatchObject([{ name: 'sid', stored: true }]);
    expect(byExchange.get(api.id)?.request).toMatchObject([
      { name: 'sid', sent: false, blockedReasons: ['SchemefulSameSiteLax'], setBy: { url: 'http://localhost:8310/login', line: 'sid=1; Path=/; SameSite=Lax' } },
    ]);
  });

  it.each([
    ['a later request carried the cookie this response set', [cookie('a=1')], 'include', 'set-cookie-stored'],
    ['a later request the cookie applies to went without it', [], 'not-include', 'matching-cookie-not-sent'],
  ] as const)('an exchange of unknown credentials: %s', (_, laterHeaders, reading, code) => {
    const set = x('http://127.0.0.1:8311/set', [], [setCookie('a=1; Path=/; SameSite=None; Secure')]);
    const later = x('http://127.0.0.1:8311/get', laterHeaders, [], { credentialsMode: 'include' });
    const { byExchange } = captureCookies([set, later], 'firefox', { cookieBehavior: 0 });
    expect(byExchange.get(set.id)?.credentials).toMatchObject({ reading, proof: { code, cookie: 'a' } });
  });

  it('a stored cookie that matched and was not sent proves credentials were not included', () => {
    const set = x('http://localhost:8310/set', [], [setCookie('s=1; Path=/; SameSite=None; Secure')]);
    const get = x('http://localhost:8311/get', [], []);
    const bare = { ...get, initiatorOrigin: 'http://localhost:8310' };
    const { byExchange } = captureCookies([set, bare], 'chromium', { thirdPartyCookies: 'blocked' });
    expect(byExchange.get(bare.id)).toMatchObject({ request: [], credentials: { reading: 'not-include', proof: { code: 'matching-cookie-not-sent', cookie: 's' } } });
  });

  it('marks rows decided under an open credentials mode, and cookies that pre-date the recording', () => {
    const get = x('http://127.0.0.1:8311/get', [], [setCookie('n=1; Path=/; SameSite=None; Secure')]);
    const same = x('http://localhost:8310/me', [cookie('old=1')], []);
    const { byExchange } = captureCookies([get, same], 'chromium', { thirdPartyCookies: 'allowed' });
    expect(byExchange.get(get.id)?.response).toMatchObject([{ name: 'n', stored: true, notes: ['CredentialsUnknown'] }]);
    expect(byExchange.get(same.id)?.request).toMatchObject([{ name: 'old', sent: true, notes: ['PredatesRecording'], setBy: null }]);
  });

  it('infers the third-party setting from a cross-site SameSite=None cookie, and gives both readings without evidence', () => {
    const set = x('http://127.0.0.1:8311/set', [], [setCookie('t=1; Path=/; SameSite=None; Secure')], { credentialsMode: 'include' });
    const sent = x('http://127.0.0.1:8311/get', [cookie('t=1')], [], { credentialsMode: 'include' });
    expect(captureCookies([set, sent], 'chromium').setting).toMatchObject({ thirdPartyCookies: 'allowed', provenance: 'inferred', evidence: [{ cookie: 't', sent: true, exchangeId: sent.id }] });
    const alone = captureCookies([set], 'chromium');
    expect(alone.setting).toMatchObject({ thirdPartyCookies: null, evidence: [] });
    expect(alone.byExchange.get(set.id)).toMatchObject({
      response: [{ stored: false, blockedReasons: ['UserPreferences'] }],
      otherReading: { response: [{ stored: true, blockedReasons: [] }] },
    });
  });
});

describe('captureCookies with the browser\'s jar (the extension\'s cookies API)', () => {
  const jarCookie = { name: 'old', domain: 'localhost', hostOnly: true, path: '/', secure: false, httpOnly: false, sameSite: 'Lax', topLevelSite: null, crossSiteAncestor: null, expiresAt: null } as const;
  const withJar = (ex: ObservedExchange, browserJar: NonNullable<ObservedExchange['legs'][number]['browserJar']>): ObservedExchange => ({
    ...ex,
    legs: ex.legs.map((leg) => ({ ...leg, browserJar })),
  });

  it('a cookie no recorded response set, withheld from a cross-site frame: a row with the rules\' reasons, from the jar', () => {
    const api = withJar(x('http://localhost:8311/api', [CROSS_FRAME, cookie('other=1')], [], { credentialsMode: 'include' }), { stored: [], unsent: [jarCookie] });
    const rows = captureCookies([api], 'chromium', { thirdPartyCookies: 'allowed' }).byExchange.get(api.id);
    expect(rows?.request).toContainEqual({ name: 'old', sent: false, blockedReasons: ['SchemefulSameSiteLax'], firefoxReasons: [], notes: [], provenance: 'browser-jar', setBy: null });
  });

  it('a cookie a recorded response set is left to the simulated jar', () => {
    const login = x('http://localhost:8310/login', [], [setCookie('old=1; Path=/; SameSite=Lax')]);
    const api = withJar(x('http://localhost:8311/api', [CROSS_FRAME], [], { credentialsMode: 'include' }), { stored: [], unsent: [jarCookie] });
    const rows = captureCookies([login, api], 'chromium', { thirdPartyCookies: 'allowed' }).byExchange.get(api.id);
    expect(rows?.request.map((r) => [r.name, r.provenance])).toEqual([['old', 'observed']]);
  });

  it.each([
    ['agrees', true, { stored: true, blockedReasons: [] }],
    ['says it was not stored', false, { stored: false, blockedReasons: [] }],
  ] as const)('a Set-Cookie line the jar %s about', (_, stored, row) => {
    const login = withJar(x('http://localhost:8310/login', [], [setCookie('sid=1; Path=/')], { credentialsMode: 'include' }), { stored: [stored], unsent: [] });
    const rows = captureCookies([login], 'chromium', { thirdPartyCookies: 'blocked' }).byExchange.get(login.id);
    expect(rows?.response).toMatchObject([{ name: 'sid', provenance: 'browser-jar', ...row }]);
  });

  it('a stored line proves credentials were included (seen by the cookies API)', () => {
    const api = withJar(x('http://localhost:8311/api', [], [setCookie('sid=1; Path=/; SameSite=None; Secure')]), { stored: [true], unsent: [] });
    const rows = captureCookies([api], 'chromium', { thirdPartyCookies: 'allowed' }).byExchange.get(api.id);
    expect(rows?.credentials).toMatchObject({ reading: 'include', proof: { code: 'set-cookie-stored', cookie: 'sid', seenBy: 'cookies-api' } });
  });
});
