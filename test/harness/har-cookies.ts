/**
 * A HAR's entries as the cookie engine's exchanges: each entry's URL, its recorded `Cookie`
 * request header and its `Set-Cookie` response lines, at its start time, in the HAR's order. What
 * a HAR does not record comes from the caller: the top-level page, whether the request ran in a
 * cross-site frame, and whether it carried credentials (fetch's credentials mode is never on the
 * wire; src/shared/cors/credentials.ts infers it where a recording allows).
 */
import type { CookieExchange } from '../../src/shared/cookies/jar.ts';
import type { Har, HarEntry } from './lab-runner.ts';

export interface EntryFacts {
  readonly topLevelUrl: string;
  readonly crossSiteAncestor: boolean;
  readonly includeCredentials: boolean;
}

const values = (headers: readonly { name: string; value: string }[], name: string): string[] =>
  headers.filter((h) => h.name.toLowerCase() === name).map((h) => h.value);

/** The exchanges of `har`, with the facts `factsOf` knows for each entry (null: skip the entry). */
export function cookieExchangesOfHar(har: Har, factsOf: (entry: HarEntry) => EntryFacts | null): { entry: HarEntry; exchange: CookieExchange }[] {
  return har.log.entries.flatMap((entry) => {
    const facts = factsOf(entry);
    if (!facts) return [];
    const cookie = values(entry.request.headers, 'cookie');
    const exchange: CookieExchange = {
      request: { url: entry.request.url, at: Date.parse(entry.startedDateTime), ...facts },
      cookieHeader: cookie.length > 0 ? cookie.join('; ') : null,
      setCookieLines: values(entry.response.headers, 'set-cookie'),
    };
    return [{ entry, exchange }];
  });
}
