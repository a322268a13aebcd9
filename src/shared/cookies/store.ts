/**
 * The store decision: what a browser does with one `Set-Cookie` line of a response, and why, in
 * its own words (Chromium's CDP `SetCookieBlockedReason`, Firefox's console key). Each rule was
 * verified in Chromium 156 and Firefox ESR 153 (src/shared/cookies/VERIFIED.md).
 *
 * Spec: https://httpwg.org/http-extensions/draft-ietf-httpbis-rfc6265bis.html#name-storage-model;
 * where a browser departs from it, the rule says so.
 */
import { BROWSER_RULES, type CookiePolicy, type PartitionKey, type ResolvedContext } from './context.ts';
import type { CookieNote, CookieVerdict, FirefoxCookieKey, SetCookieBlockedReason } from './reasons.ts';
import { parseSetCookieLine, type CookiePriority, type ParsedSetCookie, type SameSiteValue } from './set-cookie.ts';
import { defaultPath, domainMatches, isPotentiallyTrustworthy, registrableDomain } from './site.ts';

/** A cookie in a (simulated) jar. */
export interface StoredCookie {
  readonly name: string;
  readonly value: string;
  /** The host (host-only) or the domain (then sent to subdomains too). */
  readonly domain: string;
  readonly hostOnly: boolean;
  readonly path: string;
  readonly secure: boolean;
  readonly httpOnly: boolean;
  readonly sameSite: SameSiteValue;
  /** Chromium's `Priority` attribute: which cookies it evicts first from a full site (caps.ts). */
  readonly priority: CookiePriority;
  readonly partitionKey: PartitionKey | null;
  /** ms since the epoch; null for a session cookie. */
  readonly expiresAt: number | null;
  /** Where it came from: the response URL and time, and the raw line. */
  readonly setBy: { readonly url: string; readonly at: number; readonly line: string };
}

/** The decision on one `Set-Cookie` line (Firefox's reasons: errors when not stored, warnings when stored). */
export interface StoreDecision extends CookieVerdict<SetCookieBlockedReason, FirefoxCookieKey> {
  readonly stored: boolean;
  /** What to put into the jar (null when nothing is stored). */
  readonly cookie: StoredCookie | null;
  /** An expired line deletes the jar's cookie of the same name, domain, path and partition. */
  readonly deletes: boolean;
}

const CROSS_SITE_SAMESITE: Readonly<Record<SameSiteValue, SetCookieBlockedReason | null>> = {
  Lax: 'SchemefulSameSiteLax',
  Strict: 'SchemefulSameSiteStrict',
  Unspecified: 'SchemefulSameSiteUnspecifiedTreatedAsLax',
  None: null,
};

/**
 * The Domain attribute's outcome: the cookie's domain and host-only flag, or null when the
 * attribute names a domain the host may not set. A host without a registrable domain (localhost,
 * an IP address) may only name itself, and the cookie stays host-only (verified: Chromium's jar
 * keeps `Domain=localhost` as host `localhost`); a public suffix is refused unless it is the host.
 */
function cookieDomain(host: string, domain: string | null): { domain: string; hostOnly: boolean } | null {
  if (domain === null) return { domain: host, hostOnly: true };
  const own = registrableDomain(host);
  if (own === null) return domain === host ? { domain: host, hostOnly: true } : null;
  if (!domainMatches(host, domain)) return null;
  if (registrableDomain(domain) === null) return domain === host ? { domain: host, hostOnly: true } : null;
  return { domain, hostOnly: false };
}

/**
 * Cookie name prefixes (https://httpwg.org/http-extensions/draft-ietf-httpbis-rfc6265bis.html#name-cookie-name-prefixes),
 * matched case-insensitively by both browsers (verified: `__secure-` is checked). A nameless
 * cookie whose value carries a prefix is refused too.
 */
function prefixOk(c: ParsedSetCookie, host: string, secureUrl: boolean, policy: CookiePolicy): boolean {
  const carrier = (c.name === '' ? c.value : c.name).toLowerCase();
  if (c.name === '' && (carrier.startsWith('__secure-') || carrier.startsWith('__host-'))) return false;
  if (carrier.startsWith('__secure-')) return c.secure && secureUrl;
  if (carrier.startsWith('__host-')) {
    const domainOk = c.domain === null || (BROWSER_RULES[policy.browser].hostPrefixAllowsOwnDomain && c.domain === host);
    return c.secure && secureUrl && domainOk && c.path === '/';
  }
  return true;
}

function expiryOf(c: ParsedSetCookie, at: number): number | null {
  if (c.maxAgeSeconds !== null) return c.maxAgeSeconds <= 0 ? -Infinity : at + c.maxAgeSeconds * 1000;
  return c.expires;
}

const refused = (name: string, blocked: SetCookieBlockedReason[], firefox: FirefoxCookieKey[], notes: CookieNote[] = []): StoreDecision => ({
  name, stored: false, blockedReasons: blocked, firefoxReasons: firefox, notes, cookie: null, deletes: false,
});

/** Chromium's reasons a parsed line is refused, in the order CDP lists them. */
function chromiumReasons(c: ParsedSetCookie, ctx: ResolvedContext, thirdParty: 'blocked' | 'allowed'): { reasons: SetCookieBlockedReason[]; silent?: CookieNote } {
  const secureUrl = isPotentiallyTrustworthy(ctx.url);
  // CanonicalCookie::Create refuses these before any context is looked at (verified: a cross-site
  // line with a bad Domain says only InvalidDomain, even when third-party cookies are blocked)
  const created: SetCookieBlockedReason[] = [];
  if (cookieDomain(ctx.host, c.domain) === null) created.push('InvalidDomain');
  if (!prefixOk(c, ctx.host, secureUrl, { browser: 'chromium', thirdPartyCookies: thirdParty })) created.push('InvalidPrefix');
  if (created.length > 0) return { reasons: created };
  // Chromium: Partitioned without Secure is dropped with no CDP report at all (verified, both worlds)
  if (c.partitioned && !c.secure) return { reasons: [], silent: 'PartitionedWithoutSecure' };
  // Third-party blocking answers alone: no SameSite reason is added (verified)
  if (thirdParty === 'blocked' && ctx.crossSite && !c.partitioned) return { reasons: ['UserPreferences'] };
  const reasons: SetCookieBlockedReason[] = [];
  if (c.secure && !secureUrl) reasons.push('SecureOnly');
  const sameSite = ctx.crossSite ? CROSS_SITE_SAMESITE[c.sameSite] : null;
  if (sameSite) reasons.push(sameSite);
  if (c.sameSite === 'None' && !c.secure) reasons.push('SameSiteNoneInsecure');
  return { reasons };
}

/** Firefox's console keys for a parsed line it refuses (errors), in the order it checks them. */
function firefoxErrors(c: ParsedSetCookie, ctx: ResolvedContext, behavior: 0 | 1 | 5): FirefoxCookieKey[] {
  // cookieBehavior 1 refuses every third-party line first, even one with a bad Domain (verified)
  if (behavior === 1 && ctx.crossSite) return ['CookieRejectedThirdParty'];
  const secureUrl = isPotentiallyTrustworthy(ctx.url);
  if (c.sameSite === 'None' && !c.secure) return ['CookieRejectedNonRequiresSecure2'];
  if (c.partitioned && !c.secure) return ['CookieRejectedPartitionedRequiresSecure'];
  if (cookieDomain(ctx.host, c.domain) === null) return ['CookieRejectedInvalidDomain'];
  if (!prefixOk(c, ctx.host, secureUrl, { browser: 'firefox', cookieBehavior: behavior })) return ['CookieRejectedInvalidPrefix'];
  if (c.secure && !secureUrl) return ['CookieRejectedSecureButNonHttps'];
  if (ctx.crossSite && (c.sameSite === 'Lax' || c.sameSite === 'Strict')) return ['CookieRejectedForNonSameSiteness'];
  return [];
}

/**
 * Decides one `Set-Cookie` line of a response to the request `ctx`, under `policy`. Never
 * throws: an unparsable line is a refusal with its syntax reason.
 */
export function decideStore(line: string, ctx: ResolvedContext, policy: CookiePolicy): StoreDecision {
  const parsed = parseSetCookieLine(line);
  const firefox = policy.browser === 'firefox';
  const rawName = parsed.ok ? parsed.cookie.name : parsed.name;
  // Fetch: without includeCredentials the response's cookies are not processed; CDP reports nothing
  if (!ctx.source.includeCredentials) return refused(rawName, [], [], ['CredentialsNotIncluded']);
  if (!parsed.ok) {
    const ffOversize: FirefoxCookieKey[] = parsed.problem === 'NameValuePairExceedsMaxSize' ? ['CookieOversize'] : [];
    return refused(parsed.name, firefox ? [] : [parsed.problem], firefox ? ffOversize : []);
  }
  let c = parsed.cookie;
  if (firefox && c.name === '' && BROWSER_RULES.firefox.namelessLine === 'empty-value') c = { ...c, name: c.value, value: '' };
  const warnings: FirefoxCookieKey[] = firefox && c.sameSiteInvalid ? ['CookieSameSiteValueInvalid2'] : [];
  let partitionKey: PartitionKey | null = c.partitioned ? ctx.partitionKey : null;
  if (policy.browser === 'chromium') {
    const { reasons, silent } = chromiumReasons(c, ctx, policy.thirdPartyCookies);
    if (silent) return refused(c.name, [], [], [silent]);
    if (reasons.length > 0) return refused(c.name, reasons, []);
  } else {
    const errors = firefoxErrors(c, ctx, policy.cookieBehavior);
    if (errors.length > 0) return refused(c.name, [], [...warnings, ...errors]);
    // Total Cookie Protection: an unpartitioned third-party cookie goes to the top-level site's jar
    if (policy.cookieBehavior === 5 && ctx.crossSite && !c.partitioned) {
      partitionKey = ctx.partitionKey;
      warnings.push('CookieForeignNoPartitioned');
    }
  }
  const at = ctx.source.at;
  const expiresAt = expiryOf(c, at);
  const where = cookieDomain(ctx.host, c.domain) ?? { domain: ctx.host, hostOnly: true };
  const cookie: StoredCookie = {
    name: c.name, value: c.value, domain: where.domain, hostOnly: where.hostOnly, path: c.path ?? defaultPath(ctx.url.pathname),
    secure: c.secure, httpOnly: c.httpOnly, sameSite: c.sameSite, priority: c.priority, partitionKey, expiresAt, setBy: { url: ctx.source.url, at, line },
  };
  if (expiresAt !== null && expiresAt <= at) {
    return { name: c.name, stored: false, blockedReasons: [], firefoxReasons: warnings, notes: ['Expired'], cookie, deletes: true };
  }
  const notes: CookieNote[] = partitionKey ? ['Partitioned'] : [];
  return { name: c.name, stored: true, blockedReasons: [], firefoxReasons: warnings, notes, cookie, deletes: false };
}
