/**
 * The structured server fix of a blocked exchange: which response gets which header (and, for a
 * preflight, which status), so that both browsers allow the exchange and everything the same
 * server already allowed stays allowed. Plain data; the report's `fix.server` field
 * (docs/report-format.md), the human fix text, the server snippets and the panel's "Try a fix"
 * are all rendered from it.
 */

/**
 * One change to one response.
 * - `OPTIONS` + `url`: the CORS-preflight answer for that URL
 *   (https://fetch.spec.whatwg.org/#cors-preflight-fetch);
 * - any other method + `url`: the response to that request (the request itself, or a redirect hop).
 */
export interface ServerChange {
  readonly method: string;
  readonly url: string;
  /** The status the response must have; present only when it must change (a preflight answered 401/404/302 must be 2xx). */
  readonly status?: number;
  /** `Name: value` lines; each replaces every header of that name in the response. */
  readonly headers: readonly string[];
  /**
   * The recording holds no answer for this response (the request was never sent, or is a hop the
   * browser stopped before), so the lines are everything it must carry, and a preflight's status
   * is given.
   */
  readonly unrecorded?: true;
}

export interface ServerFix {
  /** The changes, each to one response; null when no server change can fix it (`note` says what must change instead). */
  readonly server: readonly ServerChange[] | null;
  /** What else to do or check; when `server` is null, what must change instead (usually the client). */
  readonly note: string | null;
}

/** The key of the response a change is for: `OPTIONS <url>` is that URL's preflight. */
export function responseKey(method: string, url: string): string {
  return `${method} ${url}`;
}

/** `Name: value` → its parts; null when the line has no `:`. */
export function splitHeaderLine(line: string): { readonly name: string; readonly value: string } | null {
  const colon = line.indexOf(':');
  if (colon <= 0) return null;
  return { name: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() };
}
