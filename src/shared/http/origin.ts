/**
 * Origins from URLs (https://html.spec.whatwg.org/multipage/browsers.html#ascii-serialisation-of-an-origin)
 * via the WHATWG URL parser (`new URL`, available in node and browsers).
 */

export function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** What the helpers below read from a parsed URL: strings only, so a memoized copy cannot be mutated. */
interface UrlFacts {
  readonly origin: string;
  readonly protocol: string;
  readonly hostname: string;
  readonly hasCredentials: boolean;
  /** `siteOf(hostname)`, for sameSite. */
  readonly site: string;
}

/**
 * A pure memo of `new URL(url)` by URL string: every exchange parses its URL (and origins) several
 * times (origin, scheme, same-site), and a HAR repeats the same few origins throughout. Bounded:
 * cleared when full, so a long capture session cannot grow it.
 */
const FACTS = new Map<string, UrlFacts | null>();
const FACTS_LIMIT = 1024;

function urlFacts(url: string): UrlFacts | null {
  let facts = FACTS.get(url);
  if (facts !== undefined) return facts;
  const u = parseUrl(url);
  facts =
    u === null
      ? null
      : { origin: u.origin, protocol: u.protocol, hostname: u.hostname, hasCredentials: u.username !== '' || u.password !== '', site: siteOf(u.hostname) };
  if (FACTS.size >= FACTS_LIMIT) FACTS.clear();
  FACTS.set(url, facts);
  return facts;
}

/** `ref` resolved against `base`; `ref` itself when either does not parse. */
export function resolveUrl(ref: string, base: string): string {
  try {
    return new URL(ref, base).href;
  } catch {
    return ref;
  }
}

/** The serialized origin of `url`: `scheme://host[:port]`, `null` for opaque origins, null if unparsable. */
export function originOf(url: string): string | null {
  const u = urlFacts(url);
  return u === null ? null : u.origin;
}

/** https://fetch.spec.whatwg.org/#http-scheme */
export function isHttpScheme(url: string): boolean {
  const u = urlFacts(url);
  return u !== null && (u.protocol === 'http:' || u.protocol === 'https:');
}

/** A `data:` URL: fetched by scheme fetch, with a basic response (https://fetch.spec.whatwg.org/#concept-main-fetch). */
export function isDataUrl(url: string): boolean {
  return urlFacts(url)?.protocol === 'data:';
}

/** https://url.spec.whatwg.org/#include-credentials: username or password non-empty. */
export function includesCredentials(url: string): boolean {
  const u = urlFacts(url);
  return u !== null && u.hasCredentials;
}

/**
 * A serialized tuple origin (https://html.spec.whatwg.org/multipage/browsers.html#concept-origin-tuple):
 * not the opaque origin's serialization `null`, and known.
 */
export function isTupleOrigin(origin: string | null): origin is string {
  return origin !== null && origin !== 'null';
}

/** Same origin (https://html.spec.whatwg.org/multipage/browsers.html#same-origin) by serialization; opaque never matches. */
export function sameOrigin(a: string | null, b: string | null): boolean {
  return a !== null && b !== null && a !== 'null' && a === b;
}

/** Registrable-domain approximation: same scheme and same last two host labels (IP literals compare whole). */
export function sameSite(a: string | null, b: string | null): boolean | null {
  if (a === null || b === null || a === 'null' || b === 'null') return null;
  const ua = urlFacts(a);
  const ub = urlFacts(b);
  if (ua === null || ub === null) return null;
  if (ua.protocol !== ub.protocol) return false;
  return ua.site === ub.site;
}

function siteOf(host: string): string {
  return /^[\d.]+$/.test(host) || host.startsWith('[') ? host : host.split('.').slice(-2).join('.');
}

/**
 * Whether Chromium's `GURL` would accept an `Access-Control-Allow-Origin` value as a URL. Chromium
 * reports `InvalidAllowOriginValue` when it does not (verified: `foo`, `http://`, `"*"`, and the
 * empty string all give InvalidAllowOriginValue). The WHATWG parser is our stand-in for GURL.
 */
export function isParsableUrl(value: string): boolean {
  return value !== '' && urlFacts(value) !== null;
}
