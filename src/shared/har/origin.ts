/**
 * The initiator's origin of a HAR entry
 * (https://html.spec.whatwg.org/multipage/browsers.html#ascii-serialisation-of-an-origin).
 */
import { getHeader } from '../http/headers.ts';
import { isTupleOrigin, originOf } from '../http/origin.ts';
import type { HarEntryRecord, HarPage } from './types.ts';

/**
 * The origin of whoever made the request, best evidence first:
 * 1. the `Origin` header (not `null`, which only says the origin was tainted by a redirect);
 * 2. the `Referer` header's origin;
 * 3. the page the entry belongs to (`pageref` → `pages[].title`, the page URL in Chromium and
 *    Firefox exports);
 * 4. Chromium's `_initiator.url` (a document or script URL).
 * URLs with an opaque origin (`data:`, `about:`) name no origin and are passed over.
 */
export function entryInitiatorOrigin(entry: HarEntryRecord, pages: ReadonlyMap<string, HarPage>): string | undefined {
  const headers = entry.request.headers;
  const origin = getHeader(headers, 'origin');
  if (origin !== null && origin !== 'null') return origin;
  const page = entry.pageref === undefined ? undefined : pages.get(entry.pageref);
  for (const url of [getHeader(headers, 'referer'), page?.title, entry.initiator?.url]) {
    const candidate = url === null || url === undefined ? null : originOf(url);
    if (isTupleOrigin(candidate)) return candidate;
  }
  return undefined;
}

/** The URL of the page an entry belongs to (`pageref` → `pages[].title`), when it is an http(s) URL. */
export function entryPageUrl(entry: HarEntryRecord, pages: ReadonlyMap<string, HarPage>): string | undefined {
  const title = entry.pageref === undefined ? undefined : pages.get(entry.pageref)?.title;
  return title !== undefined && /^https?:\/\//i.test(title) && isTupleOrigin(originOf(title)) ? title : undefined;
}
