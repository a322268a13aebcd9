/**
 * The evaluator's output for one exchange. Pure data; the panel, the CLI and the report all
 * render it. Reason codes and the CorsError / Firefox-reason vocabularies live in `codes.ts`.
 */
import type { BrowserName, RequestMode } from '../model/exchange.ts';
import type { ChromiumCorsError, FirefoxReason, ReasonCode, WarningCode } from './codes.ts';
import type { PreflightTrigger } from '../http/safelist.ts';

export type { PreflightTrigger };

export type CheckStatus = 'pass' | 'fail' | 'not-applicable' | 'unknown';

/** How we know a fact: seen in headers/events, or inferred from indirect evidence. */
export type Provenance = 'observed' | 'inferred';

/** One row of the ordered checklist. */
export interface Check {
  /** Stable id of the check (`preflight.allow-origin`, `response.allow-credentials`, …). */
  readonly id: string;
  /** Short title ("Access-Control-Allow-Origin matches the origin"). */
  readonly title: string;
  readonly status: CheckStatus;
  /** The observed value (raw header value, status code, …), null when absent. */
  readonly observed: string | null;
  /** What was expected, in words ("`http://localhost:8000` or `*`"). */
  readonly expected: string;
  /** One sentence describing the result ("…is `http://localhost:8000/`: a trailing slash; …"). */
  readonly detail: string;
  /** The failure's reason code (only when status is `fail`). */
  readonly code?: ReasonCode;
  readonly provenance: Provenance;
  /** Fetch Standard anchor of the rule, e.g. `https://fetch.spec.whatwg.org/#cors-check`. */
  readonly spec?: string;
}

/** What one browser would decide for this exchange. */
export interface BrowserVerdict {
  readonly browser: BrowserName;
  readonly allowed: boolean;
  /** Chromium only: the CDP `Network.CorsError` name; null when allowed. */
  readonly corsError: ChromiumCorsError | null;
  /** Chromium only: CDP `corsErrorStatus.failedParameter`. */
  readonly failedParameter: string | null;
  /** Firefox only: the reason key without its message-version digit (`CORSMissingAllowOrigin`). */
  readonly firefoxReason: FirefoxReason | null;
  /** The console message this browser prints, null when allowed. */
  readonly consoleMessage: string | null;
  /** The project's reason code of the first failing check, null when allowed. */
  readonly code: ReasonCode | null;
}

export interface Classification {
  /** `navigation` covers navigate requests; `no-cors` yields an opaque response, never a CORS error. */
  readonly kind: 'same-origin' | 'cors' | 'no-cors' | 'navigation';
  readonly origin: string | null;
  readonly target: string;
  readonly sameSite: boolean | null;
  readonly preflightNeeded: boolean;
  /** Empty when no preflight is needed. */
  readonly preflightTriggers: readonly PreflightTrigger[];
}

export interface Warning {
  readonly code: WarningCode;
  readonly detail: string;
}

/**
 * What an inferred fact carries besides its code and text, per code: the structured values a
 * program reads (the text is rendered from them by `content/facts.ts` and is never read back).
 */
export interface FactFields {
  /** The browser reported a cancellation (net::ERR_ABORTED, NS_BINDING_ABORTED), not a CORS block. */
  'request-cancelled': { readonly error: string };
  /** No initiator was recorded; the request's `Origin` header names the page's origin. */
  'request-origin-from-header': { readonly origin: string };
  /** `Origin: null` on the first URL: the request's origin is opaque, not the recorded page's. */
  'opaque-request-origin': { readonly page: string };
  /** The request mode was inferred (https://fetch.spec.whatwg.org/#concept-request-mode). */
  'request-mode': { readonly mode: RequestMode };
  /**
   * The credentials mode was inferred. With both readings evaluated, `otherReading` is what each
   * browser would decide under the reading not taken; null when only one reading was evaluated.
   */
  'credentials-mode': { readonly credentialed: boolean; readonly otherReading: OtherReading | null };
  /** A preflight was observed although nothing visible needs one (XHR upload listeners, stream bodies). */
  'preflight-forced': Record<never, never>;
  /**
   * Chromium names the first missing header in its own request-header order, which the recording
   * does not show for this hop: `header` is the best guess, `candidates` every header it could be.
   */
  'header-order-unrecorded': { readonly header: string; readonly candidates: readonly string[] };
  /**
   * The request was never sent (blocked at its preflight) and the recording shows only some of
   * its headers (Chromium reports none): `names` are the page-set headers the preflight's
   * `Access-Control-Request-Headers` lists and the recording lacks; both browsers are judged on
   * that list.
   */
  'request-headers-from-preflight': { readonly names: readonly string[] };
  /** No request to the Location was recorded, and the outcome does not say whether the page got the redirect. */
  'redirect-not-followed': Record<never, never>;
  /** The fetch failed at a redirect nobody followed: fetch()'s redirect mode "error", not CORS. */
  'stopped-at-redirect': Record<never, never>;
  /** Chromium completed a request its Local Network Access check would refuse without permission. */
  'local-network-access-granted': Record<never, never>;
  /**
   * `header`'s combined `value` needs a preflight, yet each of its items alone is safelisted:
   * Firefox sends none for it when the page passed the headers as fetch() init pairs, which no
   * recording shows (rules/init-pairs.ts). The verdicts follow the combined value.
   */
  'firefox-init-pairs': { readonly header: string; readonly value: string };
  /** Chromium refused before sending; Firefox (no such check) is judged on answers never given. */
  'firefox-has-no-local-network-access': Record<never, never>;
  /** The recorder captured Chromium's own CorsError, which the recorded headers do not explain. */
  'chromium-reported-cors-error': { readonly corsError: ChromiumCorsError };
  /** The failure is Chromium's Local Network Access check, inferred from the addresses. */
  'local-network-access-blocked': { readonly corsError: ChromiumCorsError };
  /** The browser failed the request and nothing recorded says why. */
  'cause-not-visible': { readonly error: string | null };
  /** The browser reported a network error (below CORS) and the recorded headers pass. */
  'network-error': { readonly error: string };
  /** A Firefox recording with no response and no error: a connection that closed unanswered (below CORS). */
  'network-failure-unrecorded': Record<never, never>;
  /** The browser failed the request although every recorded header passes. */
  'blocked-despite-passing-headers': { readonly error: string | null };
  /** A preflight was needed and none went out: the CORS-preflight cache answered (hop index into `hops`). */
  'preflight-cache-hit': { readonly hop: number };
}

export type FactCode = keyof FactFields;

/** Chromium's decision under a reading the evaluator did not take (fields as in `BrowserVerdict`). */
export type ChromiumReading = Pick<BrowserVerdict, 'allowed' | 'code' | 'corsError' | 'failedParameter'>;

/** Firefox's decision under a reading the evaluator did not take (fields as in `BrowserVerdict`). */
export type FirefoxReading = Pick<BrowserVerdict, 'allowed' | 'code' | 'firefoxReason'>;

/** What the browsers would decide under the other credentials mode. */
export interface OtherReading {
  readonly credentialed: boolean;
  readonly chromium: ChromiumReading;
  readonly firefox: FirefoxReading;
}

/** A fact inferred rather than observed: a code, its structured fields, and text rendered from them. */
export type InferredFact = {
  [C in FactCode]: {
    readonly code: C;
    /** Short statement ("credentials mode is include"), rendered from the code and fields. */
    readonly statement: string;
    /** The evidence it was inferred from, in words. */
    readonly because: string;
  } & FactFields[C];
}[FactCode];

export interface Verdict {
  /** As decided by the browser that recorded the exchange (or by Chromium when unknown). */
  readonly outcome: 'allowed' | 'blocked' | 'not-cors';
  readonly classification: Classification;
  readonly checks: readonly Check[];
  readonly chromium: BrowserVerdict;
  readonly firefox: BrowserVerdict;
  /** The project's reason code for the recorder's failure; null when allowed / not CORS. */
  readonly code: ReasonCode | null;
  /** True when the two browsers decide differently. */
  readonly browsersDisagree: boolean;
  readonly warnings: readonly Warning[];
  readonly inferred: readonly InferredFact[];
}
