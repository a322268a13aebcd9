/**
 * One row per rule of src/shared/cookies/VERIFIED.md, in each browser world that decides it. The
 * lab is `http://localhost:P` (page), `http://localhost:A` (same-site API), `http://127.0.0.1:A`
 * (cross-site API).
 */
import { describe, expect, it } from 'vitest';
import { resolveContext, type CookiePolicy, type CookieRequestContext } from './context.ts';
import { decideStore } from './store.ts';

const PAGE = 'http://localhost:8310/';
const SAME_SITE = 'http://localhost:8311/s/x/0/0';
const CROSS_SITE = 'http://127.0.0.1:8311/s/x/0/0';
const CR_BLOCK: CookiePolicy = { browser: 'chromium', thirdPartyCookies: 'blocked' };
const CR_ALLOW: CookiePolicy = { browser: 'chromium', thirdPartyCookies: 'allowed' };
const FF_TCP: CookiePolicy = { browser: 'firefox', cookieBehavior: 5 };
const FF_ALL: CookiePolicy = { browser: 'firefox', cookieBehavior: 0 };
const FF_REJECT: CookiePolicy = { browser: 'firefox', cookieBehavior: 1 };
const POLICIES = { CR_BLOCK, CR_ALLOW, FF_TCP, FF_ALL, FF_REJECT } as const;

function decide(policy: keyof typeof POLICIES, url: string, line: string, more: Partial<CookieRequestContext> = {}) {
  const ctx = resolveContext({ url, topLevelUrl: PAGE, crossSiteAncestor: false, includeCredentials: true, at: 1_000_000, ...more }, POLICIES[policy]);
  if (!ctx) throw new Error('bad url');
  return decideStore(line, ctx, POLICIES[policy]);
}

type Row = [policy: keyof typeof POLICIES, url: string, line: string, stored: boolean, reasons: readonly string[]];

describe('decideStore', () => {
  it.each<Row>([
    // third-party cookies blocked (Chromium's default): UserPreferences alone, whatever SameSite says
    ['CR_BLOCK', CROSS_SITE, 'a=1; SameSite=None; Secure', false, ['UserPreferences']],
    ['CR_BLOCK', CROSS_SITE, 'a=1; SameSite=None', false, ['UserPreferences']],
    ['CR_BLOCK', CROSS_SITE, 'a=1; SameSite=Lax', false, ['UserPreferences']],
    ['CR_BLOCK', CROSS_SITE, 'a=1', false, ['UserPreferences']],
    // …but a Partitioned (CHIPS) cookie is stored
    ['CR_BLOCK', CROSS_SITE, 'a=1; SameSite=None; Secure; Partitioned', true, []],
    // third-party cookies allowed: SameSite decides, in its schemeful names
    ['CR_ALLOW', CROSS_SITE, 'a=1; SameSite=None; Secure', true, []],
    ['CR_ALLOW', CROSS_SITE, 'a=1; SameSite=None', false, ['SameSiteNoneInsecure']],
    ['CR_ALLOW', CROSS_SITE, 'a=1; SameSite=Lax', false, ['SchemefulSameSiteLax']],
    ['CR_ALLOW', CROSS_SITE, 'a=1; SameSite=Strict', false, ['SchemefulSameSiteStrict']],
    ['CR_ALLOW', CROSS_SITE, 'a=1', false, ['SchemefulSameSiteUnspecifiedTreatedAsLax']],
    // same-site (another port of localhost): any SameSite is stored
    ['CR_BLOCK', SAME_SITE, 'a=1; SameSite=Strict', true, []],
    ['CR_BLOCK', SAME_SITE, 'a=1; SameSite=Lax; Secure', true, []],
    // Domain
    ['CR_BLOCK', SAME_SITE, 'a=1; Domain=example.com', false, ['InvalidDomain']],
    ['CR_BLOCK', SAME_SITE, 'a=1; Domain=localhost', true, []],
    ['CR_BLOCK', CROSS_SITE, 'a=1; SameSite=None; Secure; Domain=0.0.1', false, ['InvalidDomain']],
    ['CR_ALLOW', CROSS_SITE, 'a=1; SameSite=None; Secure; Domain=127.0.0.1', true, []],
    ['CR_ALLOW', 'https://a.example.co.uk/', 'a=1; Domain=co.uk', false, ['InvalidDomain']],
    ['CR_ALLOW', 'https://a.example.co.uk/', 'a=1; Domain=example.co.uk', true, []],
    // prefixes, matched without regard to case
    ['CR_BLOCK', SAME_SITE, '__Host-a=1; Secure; Path=/', true, []],
    ['CR_BLOCK', SAME_SITE, '__Host-a=1; Secure; Path=/s/', false, ['InvalidPrefix']],
    ['CR_BLOCK', SAME_SITE, '__Host-a=1; Path=/', false, ['InvalidPrefix']],
    ['CR_BLOCK', SAME_SITE, '__Host-a=1; Secure; Path=/; Domain=localhost', false, ['InvalidPrefix']],
    ['CR_BLOCK', SAME_SITE, '__Secure-a=1; Secure', true, []],
    ['CR_BLOCK', SAME_SITE, '__Secure-a=1', false, ['InvalidPrefix']],
    ['CR_BLOCK', SAME_SITE, '__secure-a=1', false, ['InvalidPrefix']],
    ['CR_BLOCK', 'http://lab.test:8310/', '__Secure-a=1; Secure', false, ['InvalidPrefix']],
    // Secure needs a potentially trustworthy URL: loopback is one
    ['CR_BLOCK', 'http://lab.test:8310/', 'a=1; Secure', false, ['SecureOnly']],
    ['CR_BLOCK', 'http://lab.test:8310/', '__Host-a=1; Secure; Path=/; Domain=localhost', false, ['InvalidDomain', 'InvalidPrefix']],
    // syntax
    ['CR_BLOCK', SAME_SITE, '; Path=/', false, ['NoCookieContent']],
    ['CR_BLOCK', SAME_SITE, `big=${'x'.repeat(4100)}`, false, ['NameValuePairExceedsMaxSize']],
    ['CR_BLOCK', SAME_SITE, 'nameless', true, []],
    // silent drops: stored false, no CDP reason
    ['CR_ALLOW', CROSS_SITE, 'a=1; SameSite=None; Partitioned', false, []],
    ['CR_BLOCK', SAME_SITE, 'a=1; Max-Age=0', false, []],

    // Firefox, Total Cookie Protection: third-party cookies stored in the page site's partition
    ['FF_TCP', CROSS_SITE, 'a=1; SameSite=None; Secure', true, ['CookieForeignNoPartitioned']],
    ['FF_TCP', CROSS_SITE, 'a=1', true, ['CookieForeignNoPartitioned']],
    ['FF_TCP', CROSS_SITE, 'a=1; SameSite=None; Secure; Partitioned', true, []],
    ['FF_TCP', CROSS_SITE, 'a=1; SameSite=None', false, ['CookieRejectedNonRequiresSecure2']],
    ['FF_TCP', CROSS_SITE, 'a=1; SameSite=None; Partitioned', false, ['CookieRejectedNonRequiresSecure2']],
    ['FF_TCP', CROSS_SITE, 'a=1; SameSite=Lax', false, ['CookieRejectedForNonSameSiteness']],
    ['FF_TCP', CROSS_SITE, 'a=1; SameSite=Strict', false, ['CookieRejectedForNonSameSiteness']],
    ['FF_TCP', SAME_SITE, 'a=1; Domain=example.com', false, ['CookieRejectedInvalidDomain']],
    ['FF_TCP', SAME_SITE, '__Host-a=1; Secure; Path=/; Domain=localhost', true, []],
    ['FF_TCP', SAME_SITE, '__Host-a=1; Path=/', false, ['CookieRejectedInvalidPrefix']],
    ['FF_TCP', SAME_SITE, '__secure-a=1', false, ['CookieRejectedInvalidPrefix']],
    ['FF_TCP', SAME_SITE, 'a=1; SameSite=Sometimes', true, ['CookieSameSiteValueInvalid2']],
    ['FF_TCP', SAME_SITE, `big=${'x'.repeat(4100)}`, false, ['CookieOversize']],
    ['FF_TCP', 'http://lab.test:8310/', 'a=1; Secure', false, ['CookieRejectedSecureButNonHttps']],
    ['FF_TCP', 'http://lab.test:8310/', '__Secure-a=1; Secure', false, ['CookieRejectedInvalidPrefix']],
    ['FF_TCP', 'http://lab.test:8310/', '__Host-a=1; Secure; Path=/; Domain=localhost', false, ['CookieRejectedInvalidDomain']],
    ['FF_TCP', SAME_SITE, '; Path=/', false, []],
    // accept all: stored unpartitioned
    ['FF_ALL', CROSS_SITE, 'a=1', true, []],
    // reject third-party: every cross-site line, before any other check
    ['FF_REJECT', CROSS_SITE, 'a=1; SameSite=None; Secure; Partitioned', false, ['CookieRejectedThirdParty']],
    ['FF_REJECT', CROSS_SITE, 'a=1; Domain=0.0.1', false, ['CookieRejectedThirdParty']],
    ['FF_REJECT', SAME_SITE, 'a=1', true, []],
  ])('%s %s %j → stored %s %j', (policy, url, line, stored, reasons) => {
    const d = decideStore(line, resolveOrThrow(policy, url), POLICIES[policy]);
    expect(d.stored).toBe(stored);
    expect(policy.startsWith('CR') ? d.blockedReasons : d.firefoxReasons).toEqual(reasons);
  });

  it('ignores Set-Cookie on a request without credentials (no reason: the browser reports nothing)', () => {
    const d = decide('CR_ALLOW', SAME_SITE, 'a=1; SameSite=Lax', { includeCredentials: false });
    expect(d).toMatchObject({ stored: false, blockedReasons: [], notes: ['CredentialsNotIncluded'] });
  });

  it('puts a Partitioned cookie in the top-level site\'s partition, with each browser\'s ancestor bit', () => {
    expect(decide('CR_BLOCK', CROSS_SITE, 'a=1; SameSite=None; Secure; Partitioned').cookie?.partitionKey).toEqual({ topLevelSite: 'http://localhost', crossSiteAncestor: true });
    expect(decide('FF_TCP', CROSS_SITE, 'a=1; SameSite=None; Secure; Partitioned').cookie?.partitionKey).toEqual({ topLevelSite: 'http://localhost', crossSiteAncestor: false });
    expect(decide('FF_TCP', SAME_SITE, 'a=1; SameSite=None; Secure; Partitioned', { crossSiteAncestor: true }).cookie?.partitionKey).toEqual({ topLevelSite: 'http://localhost', crossSiteAncestor: true });
  });

  it('reads a line without "=" as each browser does', () => {
    expect(decide('CR_BLOCK', SAME_SITE, 'abc').cookie).toMatchObject({ name: '', value: 'abc' });
    expect(decide('FF_TCP', SAME_SITE, 'abc').cookie).toMatchObject({ name: 'abc', value: '' });
  });

  it('defaults the path to the request path\'s directory', () => {
    expect(decide('CR_BLOCK', SAME_SITE, 'a=1').cookie?.path).toBe('/s/x/0');
  });
});

/** Lab URLs are fetched from the lab page; any other URL is its own top-level page. */
function resolveOrThrow(policy: keyof typeof POLICIES, url: string) {
  const ctx = resolveContext({ url, topLevelUrl: url.includes(':8311/') ? PAGE : url, crossSiteAncestor: false, includeCredentials: true, at: 1_000_000 }, POLICIES[policy]);
  if (!ctx) throw new Error('bad url');
  return ctx;
}
