/** The send decision, one row per rule of VERIFIED.md (lab: page localhost:8310, API :8311). */
import { describe, expect, it } from 'vitest';
import { inferCrossSiteAncestor, resolveContext, type CookiePolicy, type CookieRequestContext } from './context.ts';
import { decideSend } from './send.ts';
import { decideStore, type StoredCookie } from './store.ts';

const PAGE = 'http://localhost:8310/';
const SAME_SITE = 'http://localhost:8311/s/x/1/0';
const CROSS_SITE = 'http://127.0.0.1:8311/s/x/1/0';
const POLICIES = {
  CR_BLOCK: { browser: 'chromium', thirdPartyCookies: 'blocked' },
  CR_ALLOW: { browser: 'chromium', thirdPartyCookies: 'allowed' },
  FF_TCP: { browser: 'firefox', cookieBehavior: 5 },
  FF_ALL: { browser: 'firefox', cookieBehavior: 0 },
  FF_REJECT: { browser: 'firefox', cookieBehavior: 1 },
} as const satisfies Record<string, CookiePolicy>;
type P = keyof typeof POLICIES;

function ctx(policy: P, url: string, more: Partial<CookieRequestContext> = {}) {
  const c = resolveContext({ url, topLevelUrl: PAGE, crossSiteAncestor: false, includeCredentials: true, at: 2_000_000, ...more }, POLICIES[policy]);
  if (!c) throw new Error('bad url');
  return c;
}

/** A cookie as the browser would have stored it from `url` (set from the page's own context). */
function stored(policy: P, url: string, line: string, more: Partial<CookieRequestContext> = {}): StoredCookie {
  const d = decideStore(line, ctx(policy, url, { at: 1_000_000, ...more }), POLICIES[policy]);
  if (!d.cookie || !d.stored) throw new Error(`not stored: ${line}`);
  return d.cookie;
}

const FRAME = { crossSiteAncestor: true } as const;

describe('decideSend', () => {
  it.each<[P, string, Partial<CookieRequestContext>, string, boolean | 'no row', readonly string[]]>([
    // same-site: any SameSite goes
    ['CR_BLOCK', SAME_SITE, {}, 'a=1; Path=/s/x/; SameSite=Strict', true, []],
    ['CR_BLOCK', SAME_SITE, {}, 'a=1; Path=/s/x/; SameSite=Lax; Secure', true, []],
    // path
    ['CR_BLOCK', SAME_SITE, {}, 'a=1; Path=/s/x/0/; SameSite=Lax', false, ['NotOnPath']],
    ['CR_BLOCK', SAME_SITE, {}, 'a=1; Path=/s/x/1; SameSite=Lax', true, []],
    ['CR_BLOCK', SAME_SITE, {}, 'a=1; Path=/s/x/1/0/deeper; SameSite=Lax', false, ['NotOnPath']],
    // from a cross-site frame: SameSite, and third-party blocking on top
    ['CR_BLOCK', SAME_SITE, FRAME, 'a=1; Path=/s/x/; SameSite=Lax', false, ['SchemefulSameSiteLax', 'UserPreferences']],
    ['CR_BLOCK', SAME_SITE, FRAME, 'a=1; Path=/s/x/; SameSite=Strict', false, ['SchemefulSameSiteStrict', 'UserPreferences']],
    ['CR_BLOCK', SAME_SITE, FRAME, 'a=1; Path=/s/x/', false, ['SchemefulSameSiteUnspecifiedTreatedAsLax', 'UserPreferences']],
    ['CR_BLOCK', SAME_SITE, FRAME, 'a=1; Path=/s/x/; SameSite=None; Secure', false, ['UserPreferences']],
    ['CR_ALLOW', SAME_SITE, FRAME, 'a=1; Path=/s/x/; SameSite=Lax', false, ['SchemefulSameSiteLax']],
    ['CR_ALLOW', SAME_SITE, FRAME, 'a=1; Path=/s/x/; SameSite=None; Secure', true, []],
    // Firefox: no Lax-by-default; Total Cookie Protection hides the first-party jar from the frame
    ['FF_ALL', SAME_SITE, FRAME, 'a=1; Path=/s/x/', true, []],
    ['FF_ALL', SAME_SITE, FRAME, 'a=1; Path=/s/x/; SameSite=Lax', false, ['SameSiteLaxOrStrict']],
    ['FF_TCP', SAME_SITE, FRAME, 'a=1; Path=/s/x/; SameSite=None; Secure', 'no row', []],
    ['FF_REJECT', SAME_SITE, FRAME, 'a=1; Path=/s/x/; SameSite=None; Secure', 'no row', []],
  ])('%s %s %o %j → %s %j', (policy, url, more, line, sent, reasons) => {
    const jar = [stored(policy, url, line)];
    const rows = decideSend(jar, ctx(policy, url, more), POLICIES[policy]);
    if (sent === 'no row') {
      expect(rows).toEqual([]);
      return;
    }
    expect(rows).toHaveLength(1);
    expect(rows[0]?.sent).toBe(sent);
    expect(policy.startsWith('CR') ? rows[0]?.blockedReasons : rows[0]?.firefoxReasons).toEqual(reasons);
  });

  it('considers a cookie only for its host: localhost cookies never go to 127.0.0.1', () => {
    const jar = [stored('CR_ALLOW', SAME_SITE, 'a=1; Path=/; SameSite=None; Secure')];
    expect(decideSend(jar, ctx('CR_ALLOW', CROSS_SITE), POLICIES.CR_ALLOW)).toEqual([]);
  });

  it('sends a Domain=localhost cookie (host-only) to every port of localhost', () => {
    const jar = [stored('CR_BLOCK', SAME_SITE, 'a=1; Path=/; Domain=localhost')];
    expect(decideSend(jar, ctx('CR_BLOCK', 'http://localhost:9999/'), POLICIES.CR_BLOCK)).toMatchObject([{ sent: true }]);
  });

  it('reads a partitioned cookie only in its partition', () => {
    const jar = [stored('CR_BLOCK', CROSS_SITE, 'a=1; Path=/; SameSite=None; Secure; Partitioned')];
    expect(decideSend(jar, ctx('CR_BLOCK', CROSS_SITE), POLICIES.CR_BLOCK)).toMatchObject([{ sent: true, blockedReasons: [] }]);
    const other = resolveContext({ url: CROSS_SITE, topLevelUrl: 'http://example.test/', crossSiteAncestor: false, includeCredentials: true, at: 2_000_000 }, POLICIES.CR_BLOCK);
    if (!other) throw new Error('bad url');
    expect(decideSend(jar, other, POLICIES.CR_BLOCK)).toEqual([]);
  });

  it('considers nothing for a request without credentials, and forgets expired cookies', () => {
    const jar = [stored('CR_BLOCK', SAME_SITE, 'a=1; Path=/; Max-Age=1')];
    expect(decideSend(jar, ctx('CR_BLOCK', SAME_SITE, { includeCredentials: false }), POLICIES.CR_BLOCK)).toEqual([]);
    expect(decideSend(jar, ctx('CR_BLOCK', SAME_SITE, { at: 1_000_999 }), POLICIES.CR_BLOCK)).toHaveLength(1);
    expect(decideSend(jar, ctx('CR_BLOCK', SAME_SITE, { at: 1_001_000 }), POLICIES.CR_BLOCK)).toEqual([]);
  });

  it('withholds a Secure cookie from a non-secure URL', () => {
    const at = (url: string, ms: number) => resolveContext({ url, topLevelUrl: url, crossSiteAncestor: false, includeCredentials: true, at: ms }, POLICIES.CR_ALLOW);
    const secure = at('https://lab.test/', 1_000_000);
    const insecure = at('http://lab.test/', 2_000_000);
    if (!secure || !insecure) throw new Error('bad url');
    const cookie = decideStore('a=1; Path=/; Secure', secure, POLICIES.CR_ALLOW).cookie;
    if (!cookie) throw new Error('not stored');
    expect(decideSend([cookie], insecure, POLICIES.CR_ALLOW)).toMatchObject([{ sent: false, blockedReasons: ['SecureOnly'] }]);
  });
});

describe('inferCrossSiteAncestor', () => {
  it.each([
    ['http://localhost:8311/a', 'cross-site', true],
    ['http://localhost:8311/a', 'same-site', false],
    ['http://localhost:8311/a', undefined, false],
    // a cross-site URL is cross-site anyway: no frame needs inferring
    ['http://127.0.0.1:8311/a', 'cross-site', false],
  ] as const)('%s with Sec-Fetch-Site %s → %s', (url, header, want) => {
    expect(inferCrossSiteAncestor(url, PAGE, header)).toBe(want);
  });
});
