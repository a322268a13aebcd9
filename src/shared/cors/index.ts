/**
 * The shared CORS evaluator's public API.
 *
 * - `evaluate.ts`: `evaluateExchange`, its stages in order; `verdict.ts` and `codes.ts`: what it
 *   answers, in the project's, Chromium's and Firefox's vocabularies.
 * - `rules/`: decisions as pure functions and data, no words: the CORS check, the preflight
 *   checks and each browser's order of them, tainting and request mode, the credentials mode,
 *   Local Network Access, failures in each browser's terms.
 * - `walk/`: one browser's walk over the legs (preflight, CORS check, redirect rules), both
 *   browsers under each credentials reading, and the reconciliation with the observed outcome.
 * - `content/`: the words: checklist rows, inferred facts, console messages, explanations,
 *   server snippets, warnings.
 * - `fix/`: the structured server fix of a blocked exchange, proven against both browsers' walks.
 * Request-side rules shared with the pairing (safelists, the preflight cache) are in `../http/`.
 */
export { evaluateExchange } from './evaluate.ts';
export type { EvaluateOptions } from './evaluate.ts';
export type * from '../model/exchange.ts';
export type * from './verdict.ts';
export { FACT_CODES, inferredFact } from './content/facts.ts';
export {
  CHROMIUM_CORS_ERRORS,
  CHROMIUM_ERROR_FOR_CODE,
  FIREFOX_CATEGORY,
  FIREFOX_REASONS,
  REASON_CODES,
  WARNING_CODES,
  codeForChromiumError,
  firefoxReasonFromCategory,
  isChromiumCorsError,
  mdnUrl,
} from './codes.ts';
export type { ChromiumCorsError, FirefoxReason, ReasonCode, WarningCode } from './codes.ts';
export {
  corsUnsafeRequestHeaderNames,
  hasCorsUnsafeByte,
  isCorsSafelistedMethod,
  isForbiddenRequestHeader,
  normalizeMethod,
  preflightTriggers,
  safelistFailure,
  splitPageHeaders,
} from '../http/safelist.ts';
export { legContexts, requestMode, requestOriginOf } from './rules/classify.ts';
export { DEFAULT_MAX_AGE, MAX_AGE_CAP, cachedPreflightCovers, isFresh, maxAgeFor, preflightLifetime } from '../http/preflight-cache.ts';
export type { Coverage, MaxAge } from '../http/preflight-cache.ts';
export { chromiumResourceKind } from './content/messages.ts';
export { describeTrigger } from './content/describe-trigger.ts';
export { addressSpaceOfUrl, isPotentiallyTrustworthy, localNetworkFailure } from './rules/local-network.ts';
export { EXPLANATIONS, WARNING_EXPLANATIONS, mdnFor } from './content/explanations.ts';
export type { Explanation, WarningExplanation } from './content/explanations.ts';
export * from './fix/index.ts';
export { FRAMEWORKS, FRAMEWORK_LABEL, renderSnippet } from './content/snippets.ts';
export type { CorsPolicy, Framework } from './content/snippets.ts';
