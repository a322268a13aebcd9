/**
 * A HAR's entries as the cookie engine's exchanges: each entry's URL, its recorded `Cookie`
 * request header and its `Set-Cookie` response lines, at its start time, in the HAR's order, and
 * whether it came from a cross-site frame, inferred from `Sec-Fetch-Site`. What a HAR does not
 * record comes from the caller: whether the request carried credentials (fetch's credentials mode
 * is never on the wire; src/shared/cors/credentials.ts infers it where a recording allows).
 */
import { inferCrossSiteAncestor } from '../../src/shared/cookies/context.ts';
import type { CookieExchange } from '../../src/shared/cookies/jar.ts';
import type { Har, HarEntry } from './har.ts';

export interface EntryFacts {
  readonly includeCredentials: boolean;
}

const values = (headers: readonly { name: string; value: string }[], name: string): string[] =>
  headers.filter((h) => h.name.toLowerCase() === name).map((h) => h.value);

/**
 * The exchanges of `har` (pages named by their URL, as Chrome's export titles them), with the
 * facts `factsOf` knows for each entry (null: skip the entry).
 */
export function cookieExchangesOfHar(har: Har, factsOf: (entry: HarEntry) => EntryFacts | null): { entry: HarEntry; exchange: CookieExchange }[] {
  const pageUrl = new Map(har.log.pages.map((p) => [p.id, p.title]));
  return har.log.entries.flatMap((entry) => {
    const facts = factsOf(entry);
    const topLevelUrl = pageUrl.get(entry.pageref ?? '') ?? har.log.pages[0]?.title;
    if (!facts || topLevelUrl === undefined) return [];
    const url = entry.request.url;
    const cookie = values(entry.request.headers, 'cookie');
    const crossSiteAncestor = inferCrossSiteAncestor(url, topLevelUrl, values(entry.request.headers, 'sec-fetch-site')[0]);
    const exchange: CookieExchange = {
      request: { url, topLevelUrl, crossSiteAncestor, at: Date.parse(entry.startedDateTime), ...facts },
      cookieHeader: cookie.length > 0 ? cookie.join('; ') : null,
      setCookieLines: values(entry.response.headers, 'set-cookie'),
    };
    return [{ entry, exchange }];
  });
}
