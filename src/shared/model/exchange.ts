/**
 * The evaluator's input: one observed exchange, as plain data.
 *
 * Every producer builds this shape — the worker's pairing (from webRequest events), the HAR
 * reader (from Chrome/Firefox HAR exports) and the lab's CDP recorder — and the evaluator
 * (`evaluateExchange`) is the only consumer. No browser types, no DOM: this file is pure.
 *
 * An exchange is one fetch as the page sees it: an ordered list of legs, one per URL in its
 * redirect chain (https://fetch.spec.whatwg.org/#concept-http-redirect-fetch). Each leg may carry
 * the CORS-preflight that guarded it (https://fetch.spec.whatwg.org/#cors-preflight-fetch), the
 * request as sent and the response received (a 3xx for all legs but the last).
 */

/** One header line. Order and duplicates are preserved: `Access-Control-Allow-Origin` twice is a failure. */
export interface HttpHeader {
  readonly name: string;
  readonly value: string;
}

export type BrowserName = 'chromium' | 'firefox';

/** Who recorded the exchange; `unknown` when a HAR's creator is neither browser. */
export type Recorder = BrowserName | 'unknown';

export interface ObservedRequest {
  readonly url: string;
  /** The method as sent on the wire (already upper-cased by the browser where it normalizes). */
  readonly method: string;
  /** Request headers as sent. */
  readonly headers: readonly HttpHeader[];
  /**
   * True when only provisional headers are known (Chrome DevTools shows "Provisional headers are
   * shown" for a request blocked at preflight; webRequest without `extraHeaders` hides Origin).
   */
  readonly headersProvisional?: boolean;
  /** Wall-clock start in ms since the epoch, when known. */
  readonly startedAt?: number;
  /** The request body as recorded (HAR `postData`), when the recorder kept it. */
  readonly body?: RequestBody;
}

/**
 * A recorded request body. HAR 1.2 `postData.text` is text (Chrome DevTools decodes the bytes as
 * UTF-8); a producer that kept the raw bytes gives them base64-encoded (`encoding: 'base64'`).
 */
export interface RequestBody {
  readonly text: string;
  readonly encoding?: 'base64';
  /** HAR `postData.mimeType`. */
  readonly mimeType?: string;
}

export interface ObservedResponse {
  readonly status: number;
  readonly statusText?: string;
  readonly headers: readonly HttpHeader[];
  /** Wall-clock time the headers arrived, ms since the epoch, when known. */
  readonly receivedAt?: number;
}

/** A preflight that went on the wire. `response` is null when it failed at the network level. */
export interface ObservedPreflight {
  readonly kind: 'observed';
  readonly request: ObservedRequest;
  readonly response: ObservedResponse | null;
  /** Network error string of the preflight itself (`net::ERR_FAILED`, `NS_ERROR_DOM_BAD_URI`, …). */
  readonly error?: string;
}

/**
 * No preflight reached the network although one was needed: inferred to be a CORS-preflight cache
 * hit (https://fetch.spec.whatwg.org/#cors-preflight-cache). Always inferred, never observed.
 */
export interface CachedPreflight {
  readonly kind: 'cache-hit';
  /** The earlier exchange whose preflight created the entry, when the producer saw it. */
  readonly sourceExchangeId?: string;
  /** When the earlier preflight's response arrived (ms since the epoch). */
  readonly cachedAt?: number;
  /** The `Access-Control-Max-Age` the server sent, null when absent or unparsable. */
  readonly maxAgeSeconds?: number | null;
  /** The earlier preflight's response, so its allow-lists can be shown and re-checked. */
  readonly sourceResponse?: ObservedResponse;
}

export type PreflightRecord = ObservedPreflight | CachedPreflight;

/** One URL of the redirect chain. */
export interface ExchangeLeg {
  readonly request: ObservedRequest;
  /** The preflight for this URL: observed, an inferred cache hit, or null (none seen). */
  readonly preflight: PreflightRecord | null;
  /** The response; null when the request never completed (blocked at preflight, network error). */
  readonly response: ObservedResponse | null;
  /** What the browser's cookie jar said after the response (the extension's `cookies` API; src/shared/cookies/browser-jar.ts). */
  readonly browserJar?: BrowserJarFacts;
}

/** One cookie of the browser's jar (the `cookies` API), without its value. */
export interface BrowserJarCookie {
  readonly name: string;
  readonly domain: string;
  readonly hostOnly: boolean;
  readonly path: string;
  readonly secure: boolean;
  readonly httpOnly: boolean;
  readonly sameSite: 'Strict' | 'Lax' | 'None' | 'Unspecified';
  /** The partition's top-level site; null for an unpartitioned cookie. */
  readonly topLevelSite: string | null;
  /** Chromium's `partitionKey.hasCrossSiteAncestor`; null when the browser does not say (Firefox). */
  readonly crossSiteAncestor: boolean | null;
  /** ms since the epoch; null for a session cookie. */
  readonly expiresAt: number | null;
}

/** What the browser's jar said about one hop, read after its response. */
export interface BrowserJarFacts {
  /** Per `Set-Cookie` line of the response, in order: whether the jar holds its cookie (name and value). */
  readonly stored: readonly boolean[];
  /** Cookies of the jar matching the hop's URL that its `Cookie` header did not carry. */
  readonly unsent: readonly BrowserJarCookie[];
}

/**
 * What the browser itself said about the exchange.
 * - `failed`: it failed the fetch (Chrome `net::ERR_FAILED` for CORS blocks; Firefox
 *   `NS_ERROR_DOM_BAD_URI` for preflight failures). Firefox reports a CORS-blocked simple request
 *   as completed, so there `succeeded` only means "the network part completed".
 * - `succeeded`: the request completed.
 * - `unknown`: not observed.
 */
export interface ObservedOutcome {
  readonly kind: 'failed' | 'succeeded' | 'unknown';
  /** The browser's error text (`net::ERR_FAILED`, `NS_ERROR_DOM_BAD_URI`, …). */
  readonly error?: string;
  /**
   * Chromium's own CORS verdict when the recorder had it (CDP `corsErrorStatus`, HAR
   * `_error`-adjacent fields). Used to label inference, never to decide checks.
   */
  readonly chromiumCorsError?: string;
}

/** CDP `Network.IPAddressSpace`, lower-cased (Chromium's Local Network Access). */
export type AddressSpace = 'loopback' | 'local' | 'public' | 'unknown';

/** Where the page and the server live, as Chromium classified them. */
export interface AddressSpaces {
  /** CDP `clientSecurityState.initiatorIPAddressSpace`. */
  readonly initiator?: AddressSpace;
  /** CDP `responseReceivedExtraInfo.resourceIPAddressSpace`, or the target's literal address. */
  readonly target?: AddressSpace;
  /** CDP `clientSecurityState.initiatorIsSecureContext`. */
  readonly initiatorIsSecureContext?: boolean;
  /** fetch()'s `targetAddressSpace` option, when the page set one. */
  readonly requestedTarget?: AddressSpace;
}

/** Fetch request modes (https://fetch.spec.whatwg.org/#concept-request-mode). */
export type RequestMode = 'same-origin' | 'cors' | 'no-cors' | 'navigate' | 'websocket';

/** https://fetch.spec.whatwg.org/#concept-request-credentials-mode */
export type CredentialsMode = 'omit' | 'same-origin' | 'include';

export interface ObservedExchange {
  /** Stable id within one capture (webRequest requestId of the first request, HAR entry index, …). */
  readonly id: string;
  readonly recorder: Recorder;
  /**
   * The initiator's origin — the page (or worker) that made the fetch — when known from outside
   * the headers (webRequest `initiator`/`originUrl`, the HAR page). The `Origin` header may be
   * absent (simple GETs in some browsers) or `null` after a cross-origin redirect.
   */
  readonly initiatorOrigin?: string;
  /** Resource type as the recorder named it (`fetch`, `xmlhttprequest`, `script`, `image`, …). */
  readonly resourceType?: string;
  /** Known only when the producer was told (lab, CDP); the wire never says. */
  readonly credentialsMode?: CredentialsMode;
  /**
   * The URL of the top-level page the request was made under (HAR `pages[].title`, the inspected
   * tab), when known. Cookies are decided against it (SameSite, partitions), not the initiator.
   */
  readonly topLevelUrl?: string;
  /**
   * What the cookie jar says about the credentials mode (src/shared/cookies/capture.ts): filled
   * by whoever simulated the recording's cookies, read by the credentials inference.
   */
  readonly cookieEvidence?: CookieCredentialsEvidence;
  /** Known when the producer was told; otherwise derived from `Sec-Fetch-Mode`. */
  readonly mode?: RequestMode;
  /**
   * Address spaces for Chromium's Local Network Access check, when the recorder saw them (CDP).
   * Without them the evaluator infers LNA from host names only to explain an observed failure.
   */
  readonly addressSpace?: AddressSpaces;
  /** At least one leg; the last leg is the final URL. */
  readonly legs: readonly ExchangeLeg[];
  readonly outcome: ObservedOutcome;
}

/**
 * Cookie evidence on the credentials mode. A browser considers cookies for a request, and stores
 * a response's `Set-Cookie`, only when the request includes credentials
 * (https://fetch.spec.whatwg.org/#concept-http-network-or-cache-fetch, "includeCredentials").
 * - `set-cookie-stored`: a `Set-Cookie` line of this exchange was stored (a later request carried
 *   the cookie, or the extension saw the jar change): credentials were included.
 * - `matching-cookie-not-sent`: a cookie the recording stored matches the request and no rule
 *   withholds it, yet no `Cookie` header went: credentials were not included.
 * `withheld` lists the cookies that credentials would have sent but a rule withheld (Chromium's
 * reason names, or Firefox's), whatever the reading.
 */
export interface CookieCredentialsEvidence {
  readonly reading: 'include' | 'not-include' | 'unknown';
  readonly proof:
    | { readonly code: 'set-cookie-stored'; readonly cookie: string; readonly seenBy: 'later-request' | 'cookies-api'; readonly exchangeId: string | null }
    | { readonly code: 'matching-cookie-not-sent'; readonly cookie: string; readonly setByUrl: string; readonly setAt: number }
    | null;
  readonly withheld: readonly { readonly cookie: string; readonly reasons: readonly string[] }[];
}
