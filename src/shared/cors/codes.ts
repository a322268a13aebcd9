/**
 * The three vocabularies the evaluator speaks: Chromium's CDP `Network.CorsError` names, Firefox's
 * console reason keys (without the message-version digit), and the project's own stable reason and
 * warning codes. Mapping tables between them live here too, so a missing row is a type error.
 */

/** CDP `Network.CorsError` (devtools-protocol pdl, current). String names, never numbers. */
export const CHROMIUM_CORS_ERRORS = [
  'DisallowedByMode',
  'InvalidResponse',
  'WildcardOriginNotAllowed',
  'MissingAllowOriginHeader',
  'MultipleAllowOriginValues',
  'InvalidAllowOriginValue',
  'AllowOriginMismatch',
  'InvalidAllowCredentials',
  'CorsDisabledScheme',
  'PreflightInvalidStatus',
  'PreflightDisallowedRedirect',
  'PreflightWildcardOriginNotAllowed',
  'PreflightMissingAllowOriginHeader',
  'PreflightMultipleAllowOriginValues',
  'PreflightInvalidAllowOriginValue',
  'PreflightAllowOriginMismatch',
  'PreflightInvalidAllowCredentials',
  'PreflightMissingAllowExternal',
  'PreflightInvalidAllowExternal',
  'InvalidAllowMethodsPreflightResponse',
  'InvalidAllowHeadersPreflightResponse',
  'MethodDisallowedByPreflightResponse',
  'HeaderDisallowedByPreflightResponse',
  'RedirectContainsCredentials',
  'InsecureLocalNetwork',
  'InvalidLocalNetworkAccess',
  'NoCorsRedirectModeNotFollow',
  'LocalNetworkAccessPermissionDenied',
] as const;

export type ChromiumCorsError = (typeof CHROMIUM_CORS_ERRORS)[number];

export function isChromiumCorsError(value: unknown): value is ChromiumCorsError {
  return typeof value === 'string' && (CHROMIUM_CORS_ERRORS as readonly string[]).includes(value);
}

/**
 * Firefox reasons (security.properties keys without the trailing version digit). The console
 * category is the full key: see `FIREFOX_CATEGORY`.
 */
export const FIREFOX_REASONS = [
  'CORSDisabled',
  'CORSDidNotSucceed',
  'CORSOriginHeaderNotAdded',
  'CORSExternalRedirectNotAllowed',
  'CORSRequestNotHttp',
  'CORSMissingAllowOrigin',
  'CORSMultipleAllowOriginNotAllowed',
  'CORSAllowOriginNotMatchingOrigin',
  'CORSNotSupportingCredentials',
  'CORSMissingAllowCredentials',
  'CORSPreflightDidNotSucceed',
  'CORSInvalidAllowMethod',
  'CORSMethodNotFound',
  'CORSInvalidAllowHeader',
  'CORSMissingAllowHeaderFromPreflight',
] as const;

export type FirefoxReason = (typeof FIREFOX_REASONS)[number];

/** The console category Firefox 153 logs (verified in the browser for every reason we produce). */
export const FIREFOX_CATEGORY: Record<FirefoxReason, string> = {
  CORSDisabled: 'CORSDisabled',
  CORSDidNotSucceed: 'CORSDidNotSucceed2',
  CORSOriginHeaderNotAdded: 'CORSOriginHeaderNotAdded',
  CORSExternalRedirectNotAllowed: 'CORSExternalRedirectNotAllowed',
  CORSRequestNotHttp: 'CORSRequestNotHttp',
  CORSMissingAllowOrigin: 'CORSMissingAllowOrigin2',
  CORSMultipleAllowOriginNotAllowed: 'CORSMultipleAllowOriginNotAllowed',
  CORSAllowOriginNotMatchingOrigin: 'CORSAllowOriginNotMatchingOrigin',
  CORSNotSupportingCredentials: 'CORSNotSupportingCredentials',
  CORSMissingAllowCredentials: 'CORSMissingAllowCredentials',
  CORSPreflightDidNotSucceed: 'CORSPreflightDidNotSucceed3',
  CORSInvalidAllowMethod: 'CORSInvalidAllowMethod',
  CORSMethodNotFound: 'CORSMethodNotFound',
  CORSInvalidAllowHeader: 'CORSInvalidAllowHeader',
  CORSMissingAllowHeaderFromPreflight: 'CORSMissingAllowHeaderFromPreflight2',
};

/** Strip the version digit from a Firefox console category (`CORSMissingAllowOrigin2` → reason). */
export function firefoxReasonFromCategory(category: string): FirefoxReason | null {
  const base = category.replace(/\d+$/, '');
  return (FIREFOX_REASONS as readonly string[]).includes(base) ? (base as FirefoxReason) : null;
}

/** MDN page for a Firefox reason (the slug is the reason key). */
export function mdnUrl(reason: FirefoxReason): string {
  return `https://developer.mozilla.org/en-US/docs/Web/HTTP/Guides/CORS/Errors/${reason}`;
}

/** The project's stable reason codes: one per distinct cause a user has to fix. */
export const REASON_CODES = [
  'disallowed-by-mode',
  'cors-disabled-scheme',
  'missing-allow-origin',
  'multiple-allow-origin',
  'invalid-allow-origin',
  'allow-origin-mismatch',
  'wildcard-origin-with-credentials',
  'invalid-allow-credentials',
  'preflight-missing-allow-origin',
  'preflight-multiple-allow-origin',
  'preflight-invalid-allow-origin',
  'preflight-allow-origin-mismatch',
  'preflight-wildcard-origin-with-credentials',
  'preflight-invalid-allow-credentials',
  'preflight-invalid-status',
  'preflight-redirect',
  'preflight-network-error',
  'invalid-allow-methods',
  'invalid-allow-headers',
  'method-disallowed-by-preflight',
  'header-disallowed-by-preflight',
  'redirect-contains-credentials',
  'network-error',
  'local-network-access',
  'blocked-cause-not-visible',
] as const;

export type ReasonCode = (typeof REASON_CODES)[number];

export const WARNING_CODES = [
  'reflected-origin-without-vary',
  'reflected-origin-with-credentials',
  'null-origin-allowed',
  'max-age-above-cap',
  'max-age-invalid',
  'headers-not-exposed',
  'authorization-covered-by-wildcard',
  'credentials-mode-inferred',
  'outcome-contradicts-headers',
] as const;

export type WarningCode = (typeof WARNING_CODES)[number];

/** Chromium's CorsError for a reason code; null when Chromium reports no CorsError for it. */
export const CHROMIUM_ERROR_FOR_CODE: Record<ReasonCode, ChromiumCorsError | null> = {
  'disallowed-by-mode': 'DisallowedByMode',
  'cors-disabled-scheme': 'CorsDisabledScheme',
  'missing-allow-origin': 'MissingAllowOriginHeader',
  'multiple-allow-origin': 'MultipleAllowOriginValues',
  'invalid-allow-origin': 'InvalidAllowOriginValue',
  'allow-origin-mismatch': 'AllowOriginMismatch',
  'wildcard-origin-with-credentials': 'WildcardOriginNotAllowed',
  'invalid-allow-credentials': 'InvalidAllowCredentials',
  'preflight-missing-allow-origin': 'PreflightMissingAllowOriginHeader',
  'preflight-multiple-allow-origin': 'PreflightMultipleAllowOriginValues',
  'preflight-invalid-allow-origin': 'PreflightInvalidAllowOriginValue',
  'preflight-allow-origin-mismatch': 'PreflightAllowOriginMismatch',
  'preflight-wildcard-origin-with-credentials': 'PreflightWildcardOriginNotAllowed',
  'preflight-invalid-allow-credentials': 'PreflightInvalidAllowCredentials',
  'preflight-invalid-status': 'PreflightInvalidStatus',
  'preflight-redirect': 'PreflightDisallowedRedirect',
  // Chromium 156 fails a preflight that got no response (ERR_EMPTY_RESPONSE) with the net error
  // alone: no corsErrorStatus (verified).
  'preflight-network-error': null,
  'invalid-allow-methods': 'InvalidAllowMethodsPreflightResponse',
  'invalid-allow-headers': 'InvalidAllowHeadersPreflightResponse',
  'method-disallowed-by-preflight': 'MethodDisallowedByPreflightResponse',
  'header-disallowed-by-preflight': 'HeaderDisallowedByPreflightResponse',
  'redirect-contains-credentials': 'RedirectContainsCredentials',
  'network-error': null,
  'local-network-access': 'LocalNetworkAccessPermissionDenied',
  'blocked-cause-not-visible': null,
};

/**
 * Firefox's console reason for a reason code; null when Firefox logs no CORS reason for it. Where
 * Firefox names another reason for the same code, the check that fails says so (a redirect to
 * `data:` is CORSDidNotSucceed, not CORSRequestNotHttp; verified in Firefox 153).
 */
export const FIREFOX_REASON_FOR_CODE: Record<ReasonCode, FirefoxReason | null> = {
  // A `SOP` security error, not a CORS reason (verified).
  'disallowed-by-mode': null,
  'cors-disabled-scheme': 'CORSRequestNotHttp',
  'missing-allow-origin': 'CORSMissingAllowOrigin',
  // Firefox counts ACAO lines: two lines are CORSMultipleAllowOriginNotAllowed, one line `a, b`
  // is simply not matching (access-check.ts decides which code).
  'multiple-allow-origin': 'CORSMultipleAllowOriginNotAllowed',
  'invalid-allow-origin': 'CORSAllowOriginNotMatchingOrigin',
  'allow-origin-mismatch': 'CORSAllowOriginNotMatchingOrigin',
  'wildcard-origin-with-credentials': 'CORSNotSupportingCredentials',
  'invalid-allow-credentials': 'CORSMissingAllowCredentials',
  // Firefox has no preflight twins: the same reason on a preflight.
  'preflight-missing-allow-origin': 'CORSMissingAllowOrigin',
  'preflight-multiple-allow-origin': 'CORSMultipleAllowOriginNotAllowed',
  'preflight-invalid-allow-origin': 'CORSAllowOriginNotMatchingOrigin',
  'preflight-allow-origin-mismatch': 'CORSAllowOriginNotMatchingOrigin',
  'preflight-wildcard-origin-with-credentials': 'CORSNotSupportingCredentials',
  'preflight-invalid-allow-credentials': 'CORSMissingAllowCredentials',
  'preflight-invalid-status': 'CORSPreflightDidNotSucceed',
  'preflight-redirect': 'CORSExternalRedirectNotAllowed',
  'preflight-network-error': 'CORSDidNotSucceed',
  'invalid-allow-methods': 'CORSInvalidAllowMethod',
  'invalid-allow-headers': 'CORSInvalidAllowHeader',
  'method-disallowed-by-preflight': 'CORSMethodNotFound',
  'header-disallowed-by-preflight': 'CORSMissingAllowHeaderFromPreflight',
  // Firefox logs CORSDidNotSucceed `(null)` for a `user:pass@` Location (verified).
  'redirect-contains-credentials': 'CORSDidNotSucceed',
  'network-error': 'CORSDidNotSucceed',
  // Firefox 153 has no Local Network Access check.
  'local-network-access': null,
  'blocked-cause-not-visible': null,
};

/** The reason code Chromium's CorsError stands for (used to read `outcome.chromiumCorsError`). */
export function codeForChromiumError(error: ChromiumCorsError): ReasonCode | null {
  switch (error) {
    case 'InvalidResponse':
      return 'preflight-network-error';
    case 'InsecureLocalNetwork':
    case 'InvalidLocalNetworkAccess':
    case 'LocalNetworkAccessPermissionDenied':
      return 'local-network-access';
    case 'NoCorsRedirectModeNotFollow':
    case 'PreflightMissingAllowExternal':
    case 'PreflightInvalidAllowExternal':
      return null;
    default: {
      for (const code of REASON_CODES) if (CHROMIUM_ERROR_FOR_CODE[code] === error) return code;
      return null;
    }
  }
}

/** Chromium's preflight twin of a plain ACAO/ACAC error (`preflight_controller.cc`). */
export const PREFLIGHT_TWIN = {
  'missing-allow-origin': 'preflight-missing-allow-origin',
  'multiple-allow-origin': 'preflight-multiple-allow-origin',
  'invalid-allow-origin': 'preflight-invalid-allow-origin',
  'allow-origin-mismatch': 'preflight-allow-origin-mismatch',
  'wildcard-origin-with-credentials': 'preflight-wildcard-origin-with-credentials',
  'invalid-allow-credentials': 'preflight-invalid-allow-credentials',
} as const satisfies Partial<Record<ReasonCode, ReasonCode>>;

export type AccessCheckCode = keyof typeof PREFLIGHT_TWIN;
