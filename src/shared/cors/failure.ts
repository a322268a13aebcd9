/**
 * One browser's first failing check, in that browser's own terms. Internal to the evaluator;
 * `evaluate.ts` turns it into a `BrowserVerdict`.
 */
import type { ChromiumCorsError, FirefoxReason, ReasonCode } from './codes.ts';
import type { Provenance } from './verdict.ts';

export interface Failure {
  readonly code: ReasonCode;
  /** Chromium: the CDP CorsError; null when Chromium reports none (network errors). */
  readonly corsError: ChromiumCorsError | null;
  /** Chromium: `corsErrorStatus.failedParameter`. */
  readonly failedParameter: string | null;
  /** Firefox: the reason key; null when Firefox logs no CORS reason. */
  readonly firefoxReason: FirefoxReason | null;
  /** Firefox: the message's second parameter (status, ACAO value, token or header name). */
  readonly firefoxParam: string | null;
  /** The URL the browser names in its console message. */
  readonly url: string;
  readonly provenance: Provenance;
  /** Chromium: the text after "has been blocked by CORS policy: " when it depends on more than the parameter (LNA). */
  readonly chromiumBody?: string;
  /** A console line that does not follow the CORS template (mode errors, net errors). */
  readonly consoleOverride?: string | null;
}
