/**
 * Firefox's cookie console messages → the necko.properties key each was made from. Firefox's
 * console service gives only a coarse category (`cookiesRejection` covers invalid domains,
 * prefixes and third-party refusals alike) and no key (`errorMessageName` is empty for them), so
 * the key is recovered from the en-US template, the way a key is the category of a CORS message.
 * The differential test compares keys, never the text.
 */
import { FIREFOX_COOKIE_KEYS, type FirefoxCookieKey } from '../../src/shared/cookies/reasons.ts';

/** A distinctive fragment of each template (netwerk/locales/en-US/necko.properties, Firefox 153). */
const TEMPLATES: Readonly<Record<FirefoxCookieKey, string>> = {
  CookieRejectedNonRequiresSecure2: 'attribute but is missing the “secure” attribute',
  CookieRejectedForNonSameSiteness: 'is in a cross-site context and its “SameSite” is “Lax” or “Strict”',
  CookieRejectedInvalidDomain: 'has been rejected for invalid domain',
  CookieRejectedInvalidPrefix: 'has been rejected for invalid prefix',
  CookieRejectedSecureButNonHttps: 'a non-HTTPS cookie can’t be set as “secure”',
  CookieOversize: 'is invalid because its size is too big',
  CookieRejectedThirdParty: 'has been rejected as third-party',
  CookieRejectedPartitionedRequiresSecure: 'Partitioned',
  CookieSameSiteValueInvalid2: 'Invalid “SameSite“ value for cookie',
  CookieForeignNoPartitioned: 'is foreign and does not have the “Partitioned“ attribute',
};

export interface FirefoxCookieMessage {
  key: FirefoxCookieKey;
  /** The cookie the message names (the whole line for CookieRejectedThirdParty). */
  subject: string;
}

/** The key and subject of a cookie console message; null for other messages. */
export function parseFirefoxCookieMessage(message: string): FirefoxCookieMessage | null {
  const key = FIREFOX_COOKIE_KEYS.find((k) => k !== 'CookieRejectedPartitionedRequiresSecure' && message.includes(TEMPLATES[k]));
  if (!key) return null;
  const subject = /cookie “([^“”]*)”/i.exec(message)?.[1] ?? '';
  return { key, subject };
}

/** Whether a message's subject names the cookie of `line` (its name, or the line itself). */
export function namesLine(subject: string, name: string, line: string): boolean {
  return subject === line || subject === name || (subject !== '' && line.startsWith(`${subject}=`));
}
