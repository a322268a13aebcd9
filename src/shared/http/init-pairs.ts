/**
 * A header name the page gave twice. The spec appends every pair to one header list
 * (https://fetch.spec.whatwg.org/#concept-headers-fill) and judges each name's combined value
 * (https://fetch.spec.whatwg.org/#cors-unsafe-request-header-names reads it with `get`):
 * `Content-Type: text/plain` twice is `text/plain, text/plain`, no MIME type, so a preflight.
 * Chromium 156 does this whichever way the page set the headers, and so does Firefox 153 for
 * `Headers.append` and XHR `setRequestHeader` (verified; `safelistFailure` is that rule).
 *
 * Firefox quirk, verified in Firefox 153.8 against the lab (cors/VERIFIED.md, "A header given
 * twice"): fetch() and `new Request()` given their headers as pairs (a sequence of
 * `[name, value]`, not a Headers object) judge each pair alone, then send the pairs of one name
 * as one `a, b` line, except Content-Type, of which only the first pair goes out. So `text/plain`
 * twice, `text/plain` then `multipart/form-data; …`, two 100-byte `Accept`s or two single
 * `Range`s need no preflight in Firefox; `text/plain` then `application/json` does, and sends
 * only `text/plain`. The spec and Chromium preflight all of them. How the page built its headers
 * is in no recording.
 */
import { asciiLower } from './headers.ts';
import { splitList } from './list.ts';
import { safelistFailure } from './safelist.ts';

/** Names of which Firefox sends only the first init pair. */
const FIREFOX_SENDS_FIRST_PAIR_ONLY: ReadonlySet<string> = new Set(['content-type']);

/** Whether `name: value` fails the safelist only as a whole: it has items, and each passes alone. */
export function unsafeOnlyCombined(name: string, value: string): boolean {
  const items = splitList(value);
  return items.length > 1 && items.every((item) => safelistFailure(name, item) === null);
}

/**
 * Whether `name: value`, seen on Firefox's own wire, may have come from fetch() init pairs that
 * Firefox judged one by one. A combined value of a name it sends only the first pair of came
 * whole, from a Headers object or XHR, and was judged whole.
 */
export function firefoxMayHaveJudgedApart(name: string, value: string): boolean {
  return unsafeOnlyCombined(name, value) && !FIREFOX_SENDS_FIRST_PAIR_ONLY.has(asciiLower(name));
}
