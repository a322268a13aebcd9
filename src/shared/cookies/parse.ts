/**
 * The `Cookie` request header (https://httpwg.org/specs/rfc6265.html#cookie):
 *
 *     cookie-header = "Cookie:" OWS cookie-string OWS
 *     cookie-string = cookie-pair *( ";" SP cookie-pair )
 *
 * read leniently, as recorded. `Set-Cookie` lines have one parser, set-cookie.ts.
 */

/** One `name=value` pair of a `Cookie` request header. */
export interface RequestCookie {
  readonly name: string;
  readonly value: string;
}

/**
 * Splits a `Cookie` header (`a=1; b=2`) into pairs. A pair without `=` is a cookie with an empty
 * name, as https://httpwg.org/specs/rfc6265.html#storage-model step 2 treats it.
 */
export function parseCookieHeader(value: string): RequestCookie[] {
  const cookies: RequestCookie[] = [];
  for (const part of value.split(';')) {
    const trimmed = part.trim();
    if (trimmed === '') continue;
    const eq = trimmed.indexOf('=');
    cookies.push(
      eq === -1 ? { name: '', value: trimmed } : { name: trimmed.slice(0, eq).trim(), value: trimmed.slice(eq + 1).trim() },
    );
  }
  return cookies;
}
