/**
 * Every cookie reason code in words, with the `Set-Cookie` attributes that fix it, as data keyed
 * by the code (a code without an entry is a type error). Codes: Chromium's CDP names, Firefox's
 * console keys, the engine's Firefox send codes, and the notes no browser reports.
 */
import type { CookieBlockedReason, CookieNote, FirefoxCookieKey, SetCookieBlockedReason } from './reasons.ts';
import type { FirefoxWithheldReason } from './send.ts';
import { attributesOf } from './set-cookie.ts';

export type CookieReasonCode = CookieBlockedReason | SetCookieBlockedReason | FirefoxCookieKey | FirefoxWithheldReason | CookieNote;

/** Attribute edits on the `Set-Cookie` line: names to drop, `Name=value` or flags to add. */
export interface CookieFix {
  readonly remove: readonly string[];
  readonly add: readonly string[];
  /** What else to do when attributes are not the whole fix. */
  readonly note?: string;
}

export interface CookieRule {
  /** The rule, one sentence. */
  readonly rule: string;
  /** Null when no attribute fixes it (a browser setting, the request's credentials mode). */
  readonly fix: CookieFix | null;
}

const SAMESITE_NONE: CookieFix = { remove: ['SameSite'], add: ['SameSite=None', 'Secure'] };
const THIRD_PARTY: CookieFix = {
  remove: ['SameSite'],
  add: ['SameSite=None', 'Secure', 'Partitioned'],
  note: 'a Partitioned (CHIPS) cookie is kept per top-level site even where third-party cookies are blocked',
};
const SECURE: CookieFix = { remove: [], add: ['Secure'], note: 'and serve the site over https (loopback http counts as secure)' };
const HTTPS_ONLY: CookieFix = { remove: [], add: [], note: 'serve the page and the API over https' };
const PATH_ROOT: CookieFix = { remove: ['Path'], add: ['Path=/'] };
const HOST_ONLY: CookieFix = { remove: ['Domain'], add: [], note: 'leave Domain out: the cookie then belongs to the host that set it' };
const PREFIX: CookieFix = { remove: ['Domain', 'Path'], add: ['Secure', 'Path=/'], note: '`__Host-` needs Secure, Path=/ and no Domain; `__Secure-` needs Secure' };
const SHORTER: CookieFix = { remove: [], add: [], note: 'keep name and value under 4096 bytes together' };
const NONE: null = null;

export const COOKIE_RULES: Readonly<Record<CookieReasonCode, CookieRule>> = {
  SecureOnly: { rule: 'A Secure cookie is set and sent only over a secure URL (https, or loopback http).', fix: HTTPS_ONLY },
  NotOnPath: { rule: "The request's path is not under the cookie's Path.", fix: PATH_ROOT },
  DomainMismatch: { rule: "The request's host does not domain-match the cookie's Domain.", fix: HOST_ONLY },
  SameSiteStrict: { rule: 'SameSite=Strict cookies go only with same-site requests.', fix: SAMESITE_NONE },
  SameSiteLax: { rule: 'SameSite=Lax cookies go cross-site only with top-level navigations.', fix: SAMESITE_NONE },
  SameSiteUnspecifiedTreatedAsLax: { rule: 'Without SameSite, Chromium treats a cookie as SameSite=Lax.', fix: SAMESITE_NONE },
  SchemefulSameSiteStrict: { rule: 'SameSite=Strict cookies go only with same-site requests (scheme included in the site).', fix: SAMESITE_NONE },
  SchemefulSameSiteLax: { rule: 'SameSite=Lax cookies go cross-site only with top-level navigations (scheme included in the site).', fix: SAMESITE_NONE },
  SchemefulSameSiteUnspecifiedTreatedAsLax: { rule: 'Without SameSite, Chromium treats a cookie as SameSite=Lax, so it is not used cross-site.', fix: SAMESITE_NONE },
  SameSiteNoneInsecure: { rule: 'SameSite=None requires Secure.', fix: SECURE },
  UserPreferences: { rule: 'Third-party cookies are blocked in this browser (its default, and incognito); an unpartitioned cookie is neither set nor sent cross-site.', fix: THIRD_PARTY },
  ThirdPartyPhaseout: { rule: 'Third-party cookies are being phased out in this browser.', fix: THIRD_PARTY },
  ThirdPartyBlockedInFirstPartySet: { rule: 'Third-party cookies are blocked even within a Related Website Set.', fix: THIRD_PARTY },
  UnknownError: { rule: 'The browser gave no reason.', fix: NONE },
  NameValuePairExceedsMaxSize: { rule: 'Name and value together exceed 4096 bytes.', fix: SHORTER },
  PortMismatch: { rule: 'The cookie was set on another port (Chromium port binding).', fix: NONE },
  SchemeMismatch: { rule: 'The cookie was set over another scheme (Chromium scheme binding).', fix: NONE },
  AnonymousContext: { rule: 'The request was made in an anonymous context, which carries no cookies.', fix: NONE },
  SyntaxError: { rule: 'The Set-Cookie line does not parse.', fix: NONE },
  SchemeNotSupported: { rule: "The URL's scheme does not support cookies.", fix: NONE },
  OverwriteSecure: { rule: 'A non-secure URL may not overwrite a Secure cookie.', fix: HTTPS_ONLY },
  InvalidDomain: { rule: "Domain must be the request's host or a parent of it, and not a public suffix.", fix: HOST_ONLY },
  InvalidPrefix: { rule: '`__Secure-` needs Secure on a secure URL; `__Host-` also Path=/ and no Domain.', fix: PREFIX },
  DisallowedCharacter: { rule: 'The line holds a control character.', fix: NONE },
  NoCookieContent: { rule: 'The line has neither a name nor a value.', fix: NONE },
  CookieRejectedNonRequiresSecure2: { rule: 'SameSite=None requires Secure (Firefox).', fix: SECURE },
  CookieRejectedForNonSameSiteness: { rule: 'A cross-site response may not set a SameSite=Lax or Strict cookie (Firefox).', fix: SAMESITE_NONE },
  CookieRejectedInvalidDomain: { rule: "Domain must be the request's host or a parent of it (Firefox).", fix: HOST_ONLY },
  CookieRejectedInvalidPrefix: { rule: '`__Secure-`/`__Host-` prefix rules not met (Firefox).', fix: PREFIX },
  CookieRejectedSecureButNonHttps: { rule: 'A non-https URL may not set a Secure cookie (Firefox).', fix: HTTPS_ONLY },
  CookieOversize: { rule: 'The cookie is too big (Firefox).', fix: SHORTER },
  CookieRejectedThirdParty: { rule: 'Firefox rejects third-party cookies with this setting (network.cookie.cookieBehavior 1).', fix: NONE },
  CookieRejectedPartitionedRequiresSecure: { rule: 'Partitioned requires Secure (Firefox).', fix: SECURE },
  CookieSameSiteValueInvalid2: { rule: 'The SameSite value is not Strict, Lax or None; Firefox ignores it.', fix: SAMESITE_NONE },
  CookieForeignNoPartitioned: {
    rule: "Stored in the top-level site's jar (Total Cookie Protection); Firefox warns that such cookies will need Partitioned.",
    fix: { remove: [], add: ['Partitioned'] },
  },
  SameSiteLaxOrStrict: { rule: 'SameSite=Lax or Strict cookies are not sent cross-site (Firefox; it has no Lax-by-default).', fix: SAMESITE_NONE },
  CredentialsNotIncluded: {
    rule: 'The request did not include credentials: no cookie is sent and Set-Cookie is ignored.',
    fix: { remove: [], add: [], note: 'send the request with credentials: "include" (or withCredentials = true)' },
  },
  Expired: { rule: 'The expiry date has passed: not stored, and a stored cookie of the same name, domain and path is deleted.', fix: NONE },
  PartitionedWithoutSecure: { rule: 'Chromium drops a Partitioned cookie without Secure, and reports nothing.', fix: SECURE },
  Partitioned: { rule: "Stored in the top-level site's partition: sent only under that top-level site.", fix: NONE },
  PredatesRecording: { rule: 'The cookie was set before the recording started: its attributes are unknown.', fix: NONE },
  OtherPartition: { rule: 'The cookie lives in another partition than the one this request reads.', fix: NONE },
  SiteCookieLimit: {
    rule: 'The site already holds 180 cookies, all Secure: Firefox evicts none of them for a cookie that is not Secure, and drops this one.',
    fix: { remove: [], add: [], note: 'set fewer cookies on this site, or make this one Secure' },
  },
  CredentialsUnknown: { rule: 'The recording does not show whether the request included credentials; this is what credentials: "include" would do.', fix: NONE },
};

/** The attribute name of `Name=value` or `Flag`, lower-cased. */
const attrName = (av: string): string => (av.split('=')[0] ?? '').trim().toLowerCase();

/**
 * The `Set-Cookie` attributes of `line` (its name-value pair left out: values are never shown)
 * after the fixes of `codes`, in order: existing attributes first, then the added ones.
 */
export function fixedAttributes(line: string, codes: readonly CookieReasonCode[]): string[] | null {
  const fixes = codes.map((c) => COOKIE_RULES[c].fix).filter((f): f is CookieFix => f !== null && (f.add.length > 0 || f.remove.length > 0));
  if (fixes.length === 0) return null;
  const remove = new Set(fixes.flatMap((f) => [...f.remove, ...f.add.map(attrName)]).map((a) => a.toLowerCase()));
  const kept = attributesOf(line).filter((av) => !remove.has(attrName(av)));
  const added = [...new Set(fixes.flatMap((f) => f.add))];
  return [...kept, ...added];
}
