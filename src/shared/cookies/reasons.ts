/**
 * The names browsers give their cookie decisions, as data.
 *
 * Chromium's are CDP's own enums (`Network.CookieBlockedReason` for a cookie withheld from a
 * request, `Network.SetCookieBlockedReason` for a `Set-Cookie` line not stored,
 * `Network.CookieExemptionReason` for a third-party cookie let through anyway), copied from the
 * devtools-protocol package; reasons.test.ts checks them against it. Firefox's are the
 * necko.properties keys of the console messages it logs for a refused cookie (the console service
 * carries only a coarse category, `cookiesRejection`/`cookieSameSite`/…, so the key is recovered
 * from the message template; see test/harness/firefox-cookies.ts).
 */

/** `Network.CookieBlockedReason`: why a cookie of the jar was not sent with a request. */
export const COOKIE_BLOCKED_REASONS = [
  'SecureOnly', 'NotOnPath', 'DomainMismatch', 'SameSiteStrict', 'SameSiteLax', 'SameSiteUnspecifiedTreatedAsLax',
  'SameSiteNoneInsecure', 'UserPreferences', 'ThirdPartyPhaseout', 'ThirdPartyBlockedInFirstPartySet', 'UnknownError',
  'SchemefulSameSiteStrict', 'SchemefulSameSiteLax', 'SchemefulSameSiteUnspecifiedTreatedAsLax', 'NameValuePairExceedsMaxSize',
  'PortMismatch', 'SchemeMismatch', 'AnonymousContext',
] as const;
export type CookieBlockedReason = (typeof COOKIE_BLOCKED_REASONS)[number];

/** `Network.SetCookieBlockedReason`: why a `Set-Cookie` line was not stored. */
export const SET_COOKIE_BLOCKED_REASONS = [
  'SecureOnly', 'SameSiteStrict', 'SameSiteLax', 'SameSiteUnspecifiedTreatedAsLax', 'SameSiteNoneInsecure', 'UserPreferences',
  'ThirdPartyPhaseout', 'ThirdPartyBlockedInFirstPartySet', 'SyntaxError', 'SchemeNotSupported', 'OverwriteSecure', 'InvalidDomain',
  'InvalidPrefix', 'UnknownError', 'SchemefulSameSiteStrict', 'SchemefulSameSiteLax', 'SchemefulSameSiteUnspecifiedTreatedAsLax',
  'NameValuePairExceedsMaxSize', 'DisallowedCharacter', 'NoCookieContent',
] as const;
export type SetCookieBlockedReason = (typeof SET_COOKIE_BLOCKED_REASONS)[number];

/** `Network.CookieExemptionReason`: why a cookie third-party blocking would refuse was let through. */
export const COOKIE_EXEMPTION_REASONS = [
  'None', 'UserSetting', 'TPCDMetadata', 'TPCDDeprecationTrial', 'TopLevelTPCDDeprecationTrial', 'TPCDHeuristics',
  'EnterprisePolicy', 'StorageAccess', 'TopLevelStorageAccess', 'Scheme', 'SameSiteNoneCookiesInSandbox',
] as const;
export type CookieExemptionReason = (typeof COOKIE_EXEMPTION_REASONS)[number];

/**
 * Firefox's console keys (netwerk/locales/en-US/necko.properties) for a `Set-Cookie` line it
 * refused or changed. `CookieSameSiteValueInvalid2` and `CookieForeignNoPartitioned` are
 * warnings: the cookie is stored (without SameSite; in the top-level site's partition).
 */
export const FIREFOX_COOKIE_KEYS = [
  'CookieRejectedNonRequiresSecure2', 'CookieRejectedForNonSameSiteness', 'CookieRejectedInvalidDomain',
  'CookieRejectedInvalidPrefix', 'CookieRejectedSecureButNonHttps', 'CookieOversize', 'CookieRejectedThirdParty', 'CookieRejectedPartitionedRequiresSecure',
  'CookieSameSiteValueInvalid2', 'CookieForeignNoPartitioned',
] as const;
export type FirefoxCookieKey = (typeof FIREFOX_COOKIE_KEYS)[number];

/**
 * Facts about a cookie decision that no browser reports as a reason (CDP is silent, Firefox's
 * console too), each verified in the lab (src/shared/cookies/VERIFIED.md).
 */
export type CookieNote =
  /** The request's credentials mode kept cookies out: the browser ignored `Set-Cookie` / sent none. */
  | 'CredentialsNotIncluded'
  /** The line's expiry date has passed: not stored, and a stored cookie of the same name, domain and path is deleted. */
  | 'Expired'
  /** Chromium: `Partitioned` without `Secure`; dropped without a CDP report. */
  | 'PartitionedWithoutSecure'
  /** Stored, in the partition of the top-level site (CHIPS, or Firefox's Total Cookie Protection). */
  | 'Partitioned'
  /** Sent, but the recording holds no `Set-Cookie` for it: it pre-dates the recording, so its attributes are unknown. */
  | 'PredatesRecording'
  /** Firefox: the cookie lives in another partition than the one this request reads. */
  | 'OtherPartition'
  /**
   * Firefox: the site already holds its 180 cookies and none it may evict for this one (they are
   * all Secure, this one is not): not stored, without a console message (caps.ts).
   */
  | 'SiteCookieLimit'
  /**
   * The recording leaves the credentials mode open and the jar does not tell: the row is what
   * `credentials: "include"` would do (without credentials nothing is considered or stored).
   */
  | 'CredentialsUnknown';

/**
 * What every cookie row says, whichever side of the exchange: the cookie, Chromium's reasons
 * (CDP's names; [] when it was stored/sent, and for a Firefox decision), Firefox's (its console
 * keys, or inferred codes where it logs nothing; [] for a Chromium decision), and facts no
 * browser reports.
 */
export interface CookieVerdict<Chromium extends string, Firefox extends string> {
  readonly name: string;
  readonly blockedReasons: readonly Chromium[];
  readonly firefoxReasons: readonly Firefox[];
  readonly notes: readonly CookieNote[];
}
