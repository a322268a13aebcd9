/**
 * The send decision: which cookies of the jar a browser considers for a request, and which it
 * sends or withholds, and why (Chromium: CDP `associatedCookies[].blockedReasons`; Firefox logs
 * nothing for a withheld cookie, so its reasons here are this module's own codes, checked only
 * by whether the cookie went over the wire).
 *
 * Spec: https://httpwg.org/http-extensions/draft-ietf-httpbis-rfc6265bis.html#name-retrieval-algorithm.
 */
import { samePartition, type CookiePolicy, type ResolvedContext } from './context.ts';
import type { CookieBlockedReason, CookieVerdict } from './reasons.ts';
import type { SameSiteValue } from './set-cookie.ts';
import { domainMatches, isPotentiallyTrustworthy, pathMatches } from './site.ts';
import type { StoredCookie } from './store.ts';

/** Why Firefox withheld a cookie (Firefox logs no message; these are inferred by the rules). */
export type FirefoxWithheldReason = 'NotOnPath' | 'SecureOnly' | 'SameSiteLaxOrStrict';

export interface SendDecision extends Omit<CookieVerdict<CookieBlockedReason, FirefoxWithheldReason>, 'name'> {
  readonly cookie: StoredCookie;
  readonly sent: boolean;
}

const CROSS_SITE_SAMESITE: Readonly<Record<SameSiteValue, CookieBlockedReason | null>> = {
  Lax: 'SchemefulSameSiteLax',
  Strict: 'SchemefulSameSiteStrict',
  Unspecified: 'SchemefulSameSiteUnspecifiedTreatedAsLax',
  None: null,
};

/**
 * Whether the browser looks at a cookie for this request at all (CDP lists only those): its
 * domain matches the host and it lives in a partition the request reads.
 * - Chromium: the unpartitioned jar plus the request's own partition.
 * - Firefox: a third-party request reads only its partition under Total Cookie Protection
 *   (verified: a localhost `SameSite=None; Secure` cookie is not sent from a cross-site frame),
 *   nothing with cookieBehavior 1, and both jars with cookieBehavior 0.
 */
function considered(c: StoredCookie, ctx: ResolvedContext, policy: CookiePolicy): boolean {
  if (!(c.hostOnly ? ctx.host === c.domain : domainMatches(ctx.host, c.domain))) return false;
  if (c.partitionKey !== null) return samePartition(c.partitionKey, ctx.partitionKey);
  if (policy.browser === 'firefox' && ctx.crossSite) return policy.cookieBehavior === 0;
  return true;
}

function chromiumReasons(c: StoredCookie, ctx: ResolvedContext, thirdParty: 'blocked' | 'allowed'): CookieBlockedReason[] {
  const reasons: CookieBlockedReason[] = [];
  if (c.secure && !isPotentiallyTrustworthy(ctx.url)) reasons.push('SecureOnly');
  if (!pathMatches(ctx.url.pathname, c.path)) reasons.push('NotOnPath');
  const sameSite = ctx.crossSite ? CROSS_SITE_SAMESITE[c.sameSite] : null;
  if (sameSite) reasons.push(sameSite);
  // verified: listed after the SameSite reason (`SchemefulSameSiteLax`, `UserPreferences`)
  if (thirdParty === 'blocked' && ctx.crossSite && c.partitionKey === null) reasons.push('UserPreferences');
  return reasons;
}

function firefoxReasons(c: StoredCookie, ctx: ResolvedContext): FirefoxWithheldReason[] {
  const reasons: FirefoxWithheldReason[] = [];
  if (c.secure && !isPotentiallyTrustworthy(ctx.url)) reasons.push('SecureOnly');
  if (!pathMatches(ctx.url.pathname, c.path)) reasons.push('NotOnPath');
  // Firefox 153 has no Lax-by-default: a cookie without SameSite goes cross-site (verified)
  if (ctx.crossSite && (c.sameSite === 'Lax' || c.sameSite === 'Strict')) reasons.push('SameSiteLaxOrStrict');
  return reasons;
}

/**
 * Decides, for each cookie of `jar` the browser considers for the request `ctx`, whether it is
 * sent. A request without credentials considers none. Expired cookies are gone from the jar.
 */
export function decideSend(jar: readonly StoredCookie[], ctx: ResolvedContext, policy: CookiePolicy): SendDecision[] {
  if (!ctx.source.includeCredentials) return [];
  const at = ctx.source.at;
  return jar
    .filter((c) => (c.expiresAt === null || c.expiresAt > at) && considered(c, ctx, policy))
    .map((cookie): SendDecision => {
      const blockedReasons = policy.browser === 'chromium' ? chromiumReasons(cookie, ctx, policy.thirdPartyCookies) : [];
      const ff = policy.browser === 'firefox' ? firefoxReasons(cookie, ctx) : [];
      return { cookie, sent: blockedReasons.length === 0 && ff.length === 0, blockedReasons, firefoxReasons: ff, notes: [] };
    });
}
