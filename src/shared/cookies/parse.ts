/**
 * Cookie and Set-Cookie parsing for display (the panel's Cookies tab, reports).
 *
 * Lenient by design — this shows what went over the wire, it does not decide what a browser
 * would store. Spec: https://httpwg.org/specs/rfc6265.html#sane-set-cookie-syntax and
 * https://httpwg.org/specs/rfc6265.html#cookie (the `Cookie` request header).
 */

/** One `name=value` pair of a `Cookie` request header. */
export interface RequestCookie {
  readonly name: string;
  readonly value: string;
}

/** One attribute of a `Set-Cookie` line, as written (`Path=/`, `Secure`, …). */
export interface CookieAttribute {
  /** Canonical spelling when the attribute is known (`SameSite`, `Max-Age`), else as written. */
  readonly name: string;
  /** Null for flag attributes (`Secure`, `HttpOnly`, `Partitioned`). */
  readonly value: string | null;
}

export interface SetCookie {
  readonly name: string;
  readonly value: string;
  readonly attributes: readonly CookieAttribute[];
  /** The raw header line, for display and copying. */
  readonly raw: string;
}

const KNOWN_ATTRIBUTES: ReadonlyMap<string, string> = new Map(
  ['Expires', 'Max-Age', 'Domain', 'Path', 'Secure', 'HttpOnly', 'SameSite', 'Partitioned', 'Priority'].map((a) => [
    a.toLowerCase(),
    a,
  ]),
);

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

/**
 * Parses one `Set-Cookie` line: the first `name=value`, then `;`-separated attributes.
 * Returns null for a line a browser would ignore outright (no `=` in the name-value pair and
 * nothing else), https://httpwg.org/specs/rfc6265.html#storage-model.
 */
export function parseSetCookie(line: string): SetCookie | null {
  const parts = line.split(';');
  const pair = (parts[0] ?? '').trim();
  if (pair === '') return null;
  const eq = pair.indexOf('=');
  const name = eq === -1 ? '' : pair.slice(0, eq).trim();
  const value = eq === -1 ? pair : pair.slice(eq + 1).trim();
  const attributes: CookieAttribute[] = [];
  for (const raw of parts.slice(1)) {
    const trimmed = raw.trim();
    if (trimmed === '') continue;
    const aeq = trimmed.indexOf('=');
    const attrName = (aeq === -1 ? trimmed : trimmed.slice(0, aeq)).trim();
    const attrValue = aeq === -1 ? null : trimmed.slice(aeq + 1).trim();
    attributes.push({ name: KNOWN_ATTRIBUTES.get(attrName.toLowerCase()) ?? attrName, value: attrValue });
  }
  return { name, value, attributes, raw: line };
}

/** The value of attribute `name` (case-insensitive), the last one winning as in RFC 6265 §5.3. */
export function cookieAttribute(cookie: SetCookie, name: string): string | null | undefined {
  const wanted = name.toLowerCase();
  let found: string | null | undefined;
  for (const attribute of cookie.attributes) {
    if (attribute.name.toLowerCase() === wanted) found = attribute.value;
  }
  return found;
}
