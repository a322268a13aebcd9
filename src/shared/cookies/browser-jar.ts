/**
 * The browser's own cookie jar, as the extension reads it (the `cookies` API, partition-aware:
 * `cookies.getAll({ url, partitionKey: {} })` answers every partition's cookies matching the
 * URL's host, path and scheme). The worker reads it once a hop's response is in and hands the
 * raw answer here; what comes out holds no cookie value:
 * - `stored`: for each `Set-Cookie` line of the hop, whether the jar holds a cookie of that
 *   name and value (the line was stored, and not yet replaced);
 * - `unsent`: cookies of the jar that match the hop's URL and that the `Cookie` header did not
 *   carry (capture.ts keeps those no recorded response set: from before the recording, or set
 *   by a request the capture does not show, like the page's own origin's).
 * The raw answer arrives untrusted (`unknown`) and is validated here.
 */
import type { BrowserJarCookie, BrowserJarFacts } from '../model/exchange.ts';
import { parseCookieHeader } from './parse.ts';
import { nameValue, type SameSiteValue } from './set-cookie.ts';

/** The `cookies.Cookie.sameSite` values: `no_restriction`, `lax`, `strict`, `unspecified`. */
const SAME_SITE: Readonly<Record<string, SameSiteValue>> = { no_restriction: 'None', lax: 'Lax', strict: 'Strict', unspecified: 'Unspecified' };

interface RawCookie extends BrowserJarCookie {
  readonly value: string;
}

function readCookie(v: unknown): RawCookie | null {
  if (typeof v !== 'object' || v === null) return null;
  const c = v as Readonly<Record<string, unknown>>;
  const { name, value, domain, path } = c;
  if (typeof name !== 'string' || typeof value !== 'string' || typeof domain !== 'string' || typeof path !== 'string') return null;
  const key = typeof c['partitionKey'] === 'object' && c['partitionKey'] !== null ? (c['partitionKey'] as Readonly<Record<string, unknown>>) : null;
  const site = key?.['topLevelSite'];
  const ancestor = key?.['hasCrossSiteAncestor'];
  const expires = c['expirationDate'];
  return {
    name,
    value,
    domain: domain.replace(/^\./, ''),
    hostOnly: c['hostOnly'] === true,
    path,
    secure: c['secure'] === true,
    httpOnly: c['httpOnly'] === true,
    sameSite: typeof c['sameSite'] === 'string' ? (SAME_SITE[c['sameSite']] ?? 'Unspecified') : 'Unspecified',
    topLevelSite: typeof site === 'string' && site !== '' ? site : null,
    crossSiteAncestor: typeof ancestor === 'boolean' ? ancestor : null,
    expiresAt: typeof expires === 'number' && Number.isFinite(expires) ? expires * 1000 : null,
  };
}

/**
 * The facts of one hop: `answer` is what `cookies.getAll` answered for its URL, `cookieHeader`
 * the `Cookie` header it carried (null: none), `lines` its response's `Set-Cookie` lines.
 */
export function browserJarFacts(answer: unknown, cookieHeader: string | null, lines: readonly string[]): BrowserJarFacts {
  const jar = (Array.isArray(answer) ? (answer as unknown[]) : []).flatMap((v) => readCookie(v) ?? []);
  const stored = lines.map((line) => {
    const { name, value } = nameValue(line);
    return jar.some((c) => c.name === name && c.value === value);
  });
  const sent = new Set(parseCookieHeader(cookieHeader ?? '').map((c) => c.name));
  const unsent = jar
    .filter((c) => !sent.has(c.name))
    .map(({ value: _value, ...cookie }): BrowserJarCookie => cookie);
  return { stored, unsent };
}
