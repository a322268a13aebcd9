/**
 * What the redirect rules of https://fetch.spec.whatwg.org/#concept-http-redirect-fetch see in a
 * redirect: its location URL, whether it leaves the request's origin, and whether a CORS request
 * may follow it at all. The capture, the evaluator's walk and its CORS-involvement test all judge
 * a Location here.
 */
import type { HttpHeader } from '../model/exchange.ts';
import { getHeader } from './headers.ts';
import { includesCredentials, isHttpScheme, originOf, resolveUrl, sameOrigin } from './origin.ts';
import { isRedirectStatus } from './status.ts';

interface StatusAndHeaders {
  readonly status: number;
  readonly headers: readonly HttpHeader[];
}

/**
 * A response the browser would follow: a redirect status with a `Location` header
 * (https://fetch.spec.whatwg.org/#concept-http-fetch: a redirect status without one is handed to
 * the page as it is).
 */
export function isRedirect(response: StatusAndHeaders): boolean {
  return isRedirectStatus(response.status) && getHeader(response.headers, 'location') !== null;
}

/**
 * https://fetch.spec.whatwg.org/#concept-response-location-url: `Location` resolved against the
 * request's URL; as written when it does not resolve; null when the response has none.
 */
export function locationUrl(response: StatusAndHeaders, requestUrl: string): string | null {
  const location = getHeader(response.headers, 'location');
  return location === null ? null : resolveUrl(location, requestUrl);
}

/** Why a CORS request may not follow a location URL (https://fetch.spec.whatwg.org/#concept-http-redirect-fetch). */
export type LocationRefusal =
  /** "If locationURL's scheme is not an HTTP(S) scheme, then return a network error." */
  | 'non-http-scheme'
  /** "If request's response tainting is "cors" and locationURL includes credentials, then return a network error." */
  | 'includes-credentials';

export interface LocationJudgement {
  /** The location URL. */
  readonly url: string;
  /** It is not same origin with the request's origin (an opaque or unknown origin never is). */
  readonly leavesOrigin: boolean;
  /** Why a CORS request may not follow it; null when it may. */
  readonly refusal: LocationRefusal | null;
}

/** Judges a location URL for a request whose origin is `origin` (a serialized origin, `null` when unknown). */
export function judgeLocation(url: string, origin: string | null): LocationJudgement {
  const refusal: LocationRefusal | null = !isHttpScheme(url) ? 'non-http-scheme' : includesCredentials(url) ? 'includes-credentials' : null;
  return { url, leavesOrigin: !sameOrigin(origin, originOf(url)), refusal };
}

/** `judgeLocation` of a redirect response's location URL; null when the response is not a redirect (`isRedirect`). */
export function judgeRedirect(response: StatusAndHeaders, requestUrl: string, origin: string | null): LocationJudgement | null {
  if (!isRedirectStatus(response.status)) return null;
  const url = locationUrl(response, requestUrl);
  return url === null ? null : judgeLocation(url, origin);
}
