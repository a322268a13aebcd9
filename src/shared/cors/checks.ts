/**
 * Small constructors for checklist rows and per-browser failures, so the pipeline reads as the
 * ordered list of steps it is.
 */
import type { BrowserName } from '../model/exchange.ts';
import type { Check, Provenance } from './verdict.ts';
import type { AccessCheckCode, FirefoxReason, ReasonCode } from './codes.ts';
import type { Failure } from './failure.ts';
import { CHROMIUM_ERROR_FOR_CODE, FIREFOX_REASON_FOR_CODE, PREFLIGHT_TWIN } from './codes.ts';

export const SPEC = {
  corsCheck: 'https://fetch.spec.whatwg.org/#cors-check',
  preflight: 'https://fetch.spec.whatwg.org/#cors-preflight-fetch',
  preflightCache: 'https://fetch.spec.whatwg.org/#cors-preflight-cache',
  redirect: 'https://fetch.spec.whatwg.org/#concept-http-redirect-fetch',
  okStatus: 'https://fetch.spec.whatwg.org/#ok-status',
  credentials: 'https://fetch.spec.whatwg.org/#cors-protocol-and-credentials',
  mainFetch: 'https://fetch.spec.whatwg.org/#concept-main-fetch',
  mode: 'https://fetch.spec.whatwg.org/#concept-request-mode',
  credentialsMode: 'https://fetch.spec.whatwg.org/#concept-request-credentials-mode',
  taintedOrigin: 'https://fetch.spec.whatwg.org/#concept-request-tainted-origin',
  unsafeNames: 'https://fetch.spec.whatwg.org/#cors-unsafe-request-header-names',
  safelistedMethod: 'https://fetch.spec.whatwg.org/#cors-safelisted-method',
  exposeHeaders: 'https://fetch.spec.whatwg.org/#http-access-control-expose-headers',
  maxAge: 'https://fetch.spec.whatwg.org/#http-access-control-max-age',
  httpCaches: 'https://fetch.spec.whatwg.org/#cors-protocol-and-http-caches',
} as const;

/** A checklist row as written by the pipeline: `provenance` defaults to observed. */
export type CheckInit = Omit<Check, 'provenance'> & { readonly provenance?: Provenance };

export function check(init: CheckInit): Check {
  // Built in place rather than by spreads (a row is made for every step of every walk); the keys
  // are added in the same order, so serialized rows are unchanged.
  const row: { -readonly [K in keyof Check]: Check[K] } = {
    id: init.id,
    title: init.title,
    status: init.status,
    observed: init.observed,
    expected: init.expected,
    detail: init.detail,
    provenance: init.provenance ?? 'observed',
  };
  if (init.status === 'fail' && init.code !== undefined) row.code = init.code;
  if (init.spec !== undefined) row.spec = init.spec;
  return row;
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
