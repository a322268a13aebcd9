/**
 * Origins from URLs and the initiator's origin of a HAR entry
 * (https://html.spec.whatwg.org/multipage/browsers.html#ascii-serialisation-of-an-origin).
 */
import { getHeader } from '../pairing/headers.ts';
import { originOf as serializedOriginOf } from '../http/origin.ts';
import type { HarEntryRecord, HarPage } from './types.ts';

/** The ASCII serialization of the URL's origin; null for opaque origins and unparsable URLs. */
export function originOf(url: string): string | null {
  // The memoized WHATWG parse of http/origin.ts (the reader asks for the same few origins often).
  const origin = serializedOriginOf(url);
  return origin === 'null' ? null : origin;
}

/**
 * The origin of whoever made the request, best evidence first:
 * 1. the `Origin` header (not `null`, which only says the origin was tainted by a redirect);
 * 2. the `Referer` header's origin;
 * 3. the page the entry belongs to (`pageref` → `pages[].title`, the page URL in Chromium and
 *    Firefox exports);
 * 4. Chromium's `_initiator.url` (a document or script URL).
 */
export function initiatorOriginOf(entry: HarEntryRecord, pages: ReadonlyMap<string, HarPage>): string | undefined {
  const headers = entry.request.headers;
  const origin = getHeader(headers, 'origin');
  if (origin !== null && origin.trim() !== 'null') return origin.trim();
  const referer = getHeader(headers, 'referer');
  const fromReferer = referer === null ? null : originOf(referer);
  if (fromReferer !== null) return fromReferer;
  const page = entry.pageref === undefined ? undefined : pages.get(entry.pageref);
  const fromPage = page === undefined ? null : originOf(page.title);
  if (fromPage !== null) return fromPage;
  const initiatorUrl = entry.initiator?.url;
  const fromInitiator = initiatorUrl === undefined ? null : originOf(initiatorUrl);
  return fromInitiator ?? undefined;
}
