/**
 * What a cookie decision depends on besides the cookie: the request, the page that made it, the
 * browser and its third-party-cookie setting. Browser differences are data (`BROWSER_RULES`).
 */
import { cookieHost, siteOf } from './site.ts';

/** One request (one hop) whose cookies are decided. */
export interface CookieRequestContext {
  /** The URL of this request (this hop of a redirect chain). */
  readonly url: string;
  /** The URL of the top-level page. */
  readonly topLevelUrl: string;
  /** A frame between the top-level page and the request's initiator is cross-site to the top level. */
  readonly crossSiteAncestor: boolean;
  /**
   * Whether the request carries credentials: fetch's `credentials: "include"`, or `same-origin`
   * to the page's own origin (https://fetch.spec.whatwg.org/#http-network-or-cache-fetch, step
   * "includeCredentials"). Without them no cookie is sent and `Set-Cookie` is ignored.
   */
  readonly includeCredentials: boolean;
  /** When the response arrived / the request was sent, ms since the epoch. */
  readonly at: number;
}

/**
 * The browser and its setting for third-party cookies.
 * - Chromium: `profile.cookie_controls_mode` (chrome://settings/cookies): 1 blocks third-party
 *   cookies (this Chromium's default, and incognito's), 0 allows them.
 * - Firefox: `network.cookie.cookieBehavior`: 5 Total Cookie Protection (default: third-party
 *   cookies stored in a jar per top-level site), 0 accepts all, 1 rejects third-party cookies.
 */
export type CookiePolicy =
  | { readonly browser: 'chromium'; readonly thirdPartyCookies: 'blocked' | 'allowed' }
  | { readonly browser: 'firefox'; readonly cookieBehavior: 0 | 1 | 5 };

/** A cookie partition: the top-level site, and whether the frame chain or request was cross-site. */
export interface PartitionKey {
  readonly topLevelSite: string;
  readonly crossSiteAncestor: boolean;
}

/** How the two browsers differ where it is not a reason name. */
interface BrowserRules {
  /**
   * What sets a partition key's ancestor bit. Chromium: the request being cross-site at all
   * (CDP `cookiePartitionKey.hasCrossSiteAncestor` is true for a top-level page's fetch to
   * another site); Firefox: a cross-site frame in between (`(http,localhost,f)`).
   */
  readonly ancestorBit: 'cross-site-request' | 'cross-site-frame';
  /** `Set-Cookie: abc` (no "="): Chromium stores name "" value "abc"; Firefox name "abc" value "". */
  readonly namelessLine: 'empty-name' | 'empty-value';
  /** `__Host-` with a `Domain` attribute equal to the host: Chromium refuses, Firefox stores. */
  readonly hostPrefixAllowsOwnDomain: boolean;
}

export const BROWSER_RULES: Readonly<Record<CookiePolicy['browser'], BrowserRules>> = {
  chromium: { ancestorBit: 'cross-site-request', namelessLine: 'empty-name', hostPrefixAllowsOwnDomain: false },
  firefox: { ancestorBit: 'cross-site-frame', namelessLine: 'empty-value', hostPrefixAllowsOwnDomain: true },
};

/** The request seen for cookies: parsed URLs and whether its context is cross-site. */
export interface ResolvedContext {
  readonly url: URL;
  readonly host: string;
  /** Cross-site to the top-level site, or from a cross-site frame: SameSite's "cross-site". */
  readonly crossSite: boolean;
  readonly partitionKey: PartitionKey;
  readonly source: CookieRequestContext;
}

/** Resolves a context for a browser; null when a URL does not parse. */
export function resolveContext(ctx: CookieRequestContext, policy: CookiePolicy): ResolvedContext | null {
  const url = URL.canParse(ctx.url) ? new URL(ctx.url) : null;
  const top = URL.canParse(ctx.topLevelUrl) ? new URL(ctx.topLevelUrl) : null;
  if (!url || !top) return null;
  const topLevelSite = siteOf(top);
  const crossSite = ctx.crossSiteAncestor || siteOf(url) !== topLevelSite;
  const bit = BROWSER_RULES[policy.browser].ancestorBit === 'cross-site-request' ? crossSite : ctx.crossSiteAncestor;
  return { url, host: cookieHost(url), crossSite, partitionKey: { topLevelSite, crossSiteAncestor: bit }, source: ctx };
}

/** Two partition keys (or none) are the same partition. */
export function samePartition(a: PartitionKey | null, b: PartitionKey | null): boolean {
  if (a === null || b === null) return a === b;
  return a.topLevelSite === b.topLevelSite && a.crossSiteAncestor === b.crossSiteAncestor;
}

/**
 * Whether a recorded request came from a cross-site frame, inferred from its `Sec-Fetch-Site`
 * (https://w3c.github.io/webappsec-fetch-metadata/#sec-fetch-site-header): `cross-site` on a
 * request whose URL is same-site with the top-level page means its initiator (the frame, or a
 * hop of its redirect chain) is another site, and SameSite then treats the request as
 * cross-site. A recording names no frames, so this is an inference; without the header, false.
 */
export function inferCrossSiteAncestor(url: string, topLevelUrl: string, secFetchSite: string | undefined): boolean {
  if (secFetchSite?.trim().toLowerCase() !== 'cross-site' || !URL.canParse(url) || !URL.canParse(topLevelUrl)) return false;
  return siteOf(new URL(url)) === siteOf(new URL(topLevelUrl));
}
