/**
 * Hosts, sites and paths as cookies see them. Registrable domains come from `tldts` (the Public
 * Suffix List, private domains included, as browsers use it); a host without one (`localhost`,
 * an IP address, a single label) is its own site.
 *
 * Spec: https://html.spec.whatwg.org/multipage/browsers.html#same-site (schemeful: `http:` and
 * `https:` pages of one domain are different sites) and
 * https://httpwg.org/http-extensions/draft-ietf-httpbis-rfc6265bis.html#name-domain-matching.
 */
import { getDomain, parse } from 'tldts';

/** The host of a URL as cookies key it: lower-case, IPv6 without brackets. */
export function cookieHost(url: URL): string {
  return url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
}

/** The registrable domain of a host, or null when it has none (`localhost`, an IP, `com`). */
export function registrableDomain(host: string): string | null {
  if (parse(host).isIp) return null;
  return getDomain(host, { allowPrivateDomains: true });
}

/** The schemeful site of a URL: `http://localhost`, `https://example.co.uk`, `http://127.0.0.1`. */
export function siteOf(url: URL): string {
  const host = cookieHost(url);
  return `${url.protocol.replace(/:$/, '')}://${registrableDomain(host) ?? host}`;
}

/**
 * A potentially trustworthy URL (https://w3c.github.io/webappsec-secure-contexts/#is-origin-trustworthy):
 * `https:`/`wss:`, or a loopback host (`127.0.0.0/8`, `::1`, `localhost` and `*.localhost`). A
 * `Secure` cookie may be set and sent only on such URLs.
 */
export function isPotentiallyTrustworthy(url: URL): boolean {
  if (url.protocol === 'https:' || url.protocol === 'wss:') return true;
  const host = cookieHost(url);
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** Domain-match (rfc6265bis): identical, or `host` ends with "." + `domain` and is not an IP. */
export function domainMatches(host: string, domain: string): boolean {
  if (host === domain) return true;
  return host.endsWith(`.${domain}`) && !parse(host).isIp;
}

/**
 * The default-path of a request path: "/" unless it has a second "/", else up to (not
 * including) the right-most "/". https://httpwg.org/http-extensions/draft-ietf-httpbis-rfc6265bis.html#name-paths-and-path-match
 */
export function defaultPath(path: string): string {
  if (!path.startsWith('/')) return '/';
  const last = path.lastIndexOf('/');
  return last <= 0 ? '/' : path.slice(0, last);
}

/** Path-match: identical, or a prefix that ends with "/" or is followed by "/". */
export function pathMatches(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith('/') || requestPath[cookiePath.length] === '/';
}
