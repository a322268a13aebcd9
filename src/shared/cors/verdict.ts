/**
 * The evaluator's output for one exchange. Pure data; the panel, the CLI and the report all
 * render it. Reason codes and the CorsError / Firefox-reason vocabularies live in `codes.ts`.
 */
import type { BrowserName } from '../model/exchange.ts';
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

export interface InferredFact {
  /** Short statement ("the request was sent with credentials: include"). */
  readonly statement: string;
  /** The evidence it was inferred from. */
  readonly because: string;
}

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
