/**
 * A `Set-Cookie` parser that follows the user agent's algorithm, never throws, and says why a
 * line is ignored: https://httpwg.org/http-extensions/draft-ietf-httpbis-rfc6265bis.html#name-the-set-cookie-header-field
 * (lenient parsing, as browsers do) and https://httpwg.org/http-extensions/draft-ietf-httpbis-rfc6265bis.html#name-cookie-date
 * for `Expires`. `Partitioned` is CHIPS: https://datatracker.ietf.org/doc/html/draft-cutler-httpbis-partitioned-cookies.
 *
 * The server-side grammar the algorithm is lenient about:
 *
 *     set-cookie-string = BWS cookie-pair *( BWS ";" OWS cookie-av )
 *     cookie-pair       = cookie-name BWS "=" BWS cookie-value
 *     cookie-name       = 1*cookie-octet
 *     cookie-value      = *cookie-octet / ( DQUOTE *cookie-octet DQUOTE )
 *     cookie-av         = expires-av / max-age-av / domain-av / path-av / secure-av / httponly-av
 *                       / samesite-av / extension-av
 *     expires-av        = "Expires" BWS "=" BWS sane-cookie-date
 *     max-age-av        = "Max-Age" BWS "=" BWS non-zero-digit *DIGIT
 *     domain-av         = "Domain" BWS "=" BWS domain-value
 *     path-av           = "Path" BWS "=" BWS path-value
 *     samesite-av       = "SameSite" BWS "=" BWS samesite-value
 *     samesite-value    = "Strict" / "Lax" / "None"
 *     priority-av       = "Priority" BWS "=" BWS ( "Low" / "Medium" / "High" )
 *                         ; an extension-av to the spec, read by Chromium only; default Medium
 *
 * The parsing algorithm (quoted where it decides):
 * 1. "If the set-cookie-string contains a %x00-08 / %x0A-1F / %x7F character (CTL characters
 *    excluding HTAB): Abort these steps and ignore the set-cookie-string entirely."
 * 2. The name-value-pair is everything up to the first ";"; the rest are unparsed-attributes.
 * 3. "If the name-value-pair string lacks a %x3D ("=") character, then the name string is empty,
 *    and the value string is the value of name-value-pair." Otherwise split at the first "=".
 * 4. "Remove any leading or trailing WSP characters from the name string and the value string."
 * 5. "If the sum of the lengths of the name string and the value string is more than 4096 octets,
 *    abort these steps and ignore the set-cookie-string entirely."
 * 6. "If both the name string and the value string are empty, abort…" (Chromium: NoCookieContent).
 * Attributes: split on ";", name up to the first "=", both trimmed, matched case-insensitively;
 * an attribute value over 1024 octets is ignored; the last occurrence of an attribute wins.
 */

/** Why a whole line is ignored, named as Chromium's CDP names it. */
export type SetCookieSyntaxProblem = 'DisallowedCharacter' | 'NameValuePairExceedsMaxSize' | 'NoCookieContent';

/** The `SameSite` attribute as the line says it; `Unspecified` when absent or not a known value. */
export type SameSiteValue = 'Strict' | 'Lax' | 'None' | 'Unspecified';

/**
 * Chromium's `Priority` attribute (not in rfc6265bis; Firefox ignores it): which cookies of a full
 * site Chromium evicts first (caps.ts). `Medium` when absent or not a known value.
 */
export type CookiePriority = 'Low' | 'Medium' | 'High';
const PRIORITIES: readonly CookiePriority[] = ['Low', 'Medium', 'High'];

export interface ParsedSetCookie {
  readonly name: string;
  readonly value: string;
  /** Lower-cased, leading "." removed; null without a (non-empty) `Domain` attribute. */
  readonly domain: string | null;
  /** The `Path` attribute when it starts with "/", else null (the default path applies). */
  readonly path: string | null;
  readonly secure: boolean;
  readonly httpOnly: boolean;
  readonly partitioned: boolean;
  readonly sameSite: SameSiteValue;
  /** A `SameSite` attribute whose value is none of Strict/Lax/None (treated as absent). */
  readonly sameSiteInvalid: boolean;
  readonly priority: CookiePriority;
  /**
   * The expiry: `Max-Age` beats `Expires`. Milliseconds since the epoch relative to `at` for
   * Max-Age (so `maxAgeSeconds` is kept too); null for a session cookie.
   */
  readonly maxAgeSeconds: number | null;
  readonly expires: number | null;
}

export type SetCookieParse =
  | { readonly ok: true; readonly cookie: ParsedSetCookie }
  | { readonly ok: false; readonly problem: SetCookieSyntaxProblem; readonly name: string };

const MAX_NAME_VALUE_OCTETS = 4096;
const MAX_ATTRIBUTE_VALUE_OCTETS = 1024;
// %x00-08 / %x0A-1F / %x7F
const CTL_EXCEPT_HTAB = /[\x00-\x08\x0a-\x1f\x7f]/;
const WSP = /^[ \t]+|[ \t]+$/g;

const ENCODER = new TextEncoder();
const octets = (s: string): number => ENCODER.encode(s).length;
const trimWsp = (s: string): string => s.replace(WSP, '');

/** The name and value of a line, as step 3–4 split them (also for a line that is then ignored). */
export function nameValue(line: string): { name: string; value: string } {
  const semi = line.indexOf(';');
  const pair = semi === -1 ? line : line.slice(0, semi);
  const eq = pair.indexOf('=');
  return eq === -1 ? { name: '', value: trimWsp(pair) } : { name: trimWsp(pair.slice(0, eq)), value: trimWsp(pair.slice(eq + 1)) };
}

/** `Max-Age`: "-"? 1*DIGIT, anything else is ignored. */
function parseMaxAge(value: string): number | null {
  if (!/^-?\d+$/.test(value)) return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

/** Parses one `Set-Cookie` line. Never throws. */
export function parseSetCookieLine(line: string): SetCookieParse {
  const { name, value } = nameValue(line);
  if (CTL_EXCEPT_HTAB.test(line)) return { ok: false, problem: 'DisallowedCharacter', name };
  if (octets(name) + octets(value) > MAX_NAME_VALUE_OCTETS) return { ok: false, problem: 'NameValuePairExceedsMaxSize', name };
  if (name === '' && value === '') return { ok: false, problem: 'NoCookieContent', name };
  let domain: string | null = null;
  let path: string | null = null;
  let secure = false;
  let httpOnly = false;
  let partitioned = false;
  let sameSite: SameSiteValue = 'Unspecified';
  let sameSiteInvalid = false;
  let priority: CookiePriority = 'Medium';
  let maxAgeSeconds: number | null = null;
  let expires: number | null = null;
  const semi = line.indexOf(';');
  for (const av of semi === -1 ? [] : line.slice(semi + 1).split(';')) {
    const eq = av.indexOf('=');
    const attr = trimWsp(eq === -1 ? av : av.slice(0, eq)).toLowerCase();
    const v = eq === -1 ? '' : trimWsp(av.slice(eq + 1));
    if (octets(v) > MAX_ATTRIBUTE_VALUE_OCTETS) continue;
    switch (attr) {
      case 'expires': {
        const t = parseCookieDate(v);
        if (t !== null) expires = t;
        break;
      }
      case 'max-age': {
        const n = parseMaxAge(v);
        if (n !== null) maxAgeSeconds = n;
        break;
      }
      case 'domain':
        // "If the attribute-value is empty, the behavior is undefined. However, the user agent SHOULD ignore the cookie-av entirely."
        if (v !== '') domain = v.replace(/^\./, '').toLowerCase();
        break;
      case 'path':
        path = v.startsWith('/') ? v : null;
        break;
      case 'secure':
        secure = true;
        break;
      case 'httponly':
        httpOnly = true;
        break;
      case 'partitioned':
        partitioned = true;
        break;
      case 'samesite': {
        const known = (['Strict', 'Lax', 'None'] as const).find((s) => s.toLowerCase() === v.toLowerCase());
        sameSite = known ?? 'Unspecified';
        sameSiteInvalid = known === undefined;
        break;
      }
      case 'priority':
        priority = PRIORITIES.find((p) => p.toLowerCase() === v.toLowerCase()) ?? 'Medium';
        break;
      default:
        break;
    }
  }
  return { ok: true, cookie: { name, value, domain, path, secure, httpOnly, partitioned, sameSite, sameSiteInvalid, priority, maxAgeSeconds, expires } };
}

/**
 * The attributes of a line as written, without its name-value pair (steps 2 and the attribute
 * split above, untrimmed of meaning): what a report or the panel shows instead of the value.
 */
export function attributesOf(line: string): string[] {
  return line.split(';').slice(1).map((av) => trimWsp(av)).filter((av) => av !== '');
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
// delimiter = %x09 / %x20-2F / %x3B-40 / %x5B-60 / %x7B-7E
const DATE_DELIMITERS = /[\x09\x20-\x2f\x3b-\x40\x5b-\x60\x7b-\x7e]+/;

/**
 * The cookie-date algorithm: tokens split at delimiters; the first `hh:mm:ss` is the time, the
 * first 1–2 digit token the day, the first month name the month, the first 2–4 digit token the
 * year (70–99 → 19xx, 0–69 → 20xx). Null when a part is missing or out of range.
 */
export function parseCookieDate(text: string): number | null {
  let time: [number, number, number] | null = null;
  let day: number | null = null;
  let month: number | null = null;
  let year: number | null = null;
  for (const token of text.split(DATE_DELIMITERS)) {
    if (token === '') continue;
    const t = /^(\d{1,2}):(\d{1,2}):(\d{1,2})(?:\D.*)?$/.exec(token);
    if (time === null && t) {
      time = [Number(t[1]), Number(t[2]), Number(t[3])];
      continue;
    }
    const d = /^(\d{1,2})(?:\D.*)?$/.exec(token);
    if (day === null && d) {
      day = Number(d[1]);
      continue;
    }
    const m = MONTHS.indexOf(token.slice(0, 3).toLowerCase());
    if (month === null && m !== -1) {
      month = m;
      continue;
    }
    const y = /^(\d{2,4})(?:\D.*)?$/.exec(token);
    if (year === null && y) year = Number(y[1]);
  }
  if (time === null || day === null || month === null || year === null) return null;
  if (year >= 70 && year <= 99) year += 1900;
  else if (year >= 0 && year <= 69) year += 2000;
  const [h, min, s] = time;
  if (day < 1 || day > 31 || year < 1601 || h > 23 || min > 59 || s > 59) return null;
  const ms = Date.UTC(year, month, day, h, min, s);
  // a day past the month's end (Feb 30) fails
  return new Date(ms).getUTCDate() === day ? ms : null;
}
