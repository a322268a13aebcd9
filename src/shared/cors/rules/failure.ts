/**
 * One browser's first failing check, in that browser's own terms, and its constructors: Chromium's
 * CorsError and Firefox's reason come from the tables in `codes.ts`. Internal to the evaluator;
 * `evaluate.ts` turns a failure into a `BrowserVerdict`.
 */
import type { BrowserName } from '../../model/exchange.ts';
import type { AccessCheckCode, ChromiumCorsError, FirefoxReason, ReasonCode } from '../codes.ts';
import type { Provenance } from '../verdict.ts';
import { CHROMIUM_ERROR_FOR_CODE, FIREFOX_REASON_FOR_CODE, PREFLIGHT_TWIN } from '../codes.ts';

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

/** A CORS-check failure in `browser`'s terms; `preflight` selects Chromium's Preflight* twin. */
export function accessFailure(
  browser: BrowserName,
  code: AccessCheckCode,
  param: string,
  url: string,
  preflight: boolean,
  provenance: Provenance,
): Failure {
  const reasonCode: ReasonCode = preflight ? PREFLIGHT_TWIN[code] : code;
  return failure(browser, reasonCode, url, provenance, browser === 'chromium' ? { chromiumParam: param } : { firefoxParam: param });
}

/** What a failure names besides its code, in each browser's terms. */
export interface FailureParts {
  /** Chromium's `failedParameter` (`''` when omitted), when Chromium reports a CorsError. */
  readonly chromiumParam?: string;
  /** Firefox's message parameter: a status, a token, a header name, `(null)`. */
  readonly firefoxParam?: string;
  /**
   * Firefox quirk: a reason other than `FIREFOX_REASON_FOR_CODE`'s for this code (null: Firefox
   * logs none). Each use says which case it is.
   */
  readonly firefoxReason?: FirefoxReason | null;
  /** A console line that does not follow the CORS template. */
  readonly consoleOverride?: string | null;
}

/** `code` as `browser` reports it: Chromium's CorsError and Firefox's reason from their tables. */
export function failure(browser: BrowserName, code: ReasonCode, url: string, provenance: Provenance, parts: FailureParts = {}): Failure {
  const corsError = CHROMIUM_ERROR_FOR_CODE[code];
  const base: Failure =
    browser === 'chromium'
      ? { code, corsError, failedParameter: corsError === null ? null : (parts.chromiumParam ?? ''), firefoxReason: null, firefoxParam: null, url, provenance }
      : {
          code,
          corsError: null,
          failedParameter: null,
          firefoxReason: parts.firefoxReason === undefined ? FIREFOX_REASON_FOR_CODE[code] : parts.firefoxReason,
          firefoxParam: parts.firefoxParam ?? null,
          url,
          provenance,
        };
  return parts.consoleOverride === undefined ? base : { ...base, consoleOverride: parts.consoleOverride };
}
