/** The shared CORS evaluator's public API. */
export { evaluateExchange } from './evaluate.ts';
export type { EvaluateOptions } from './evaluate.ts';
export type * from '../model/exchange.ts';
export type * from './verdict.ts';
export { FACT_CODES, inferredFact } from './facts.ts';
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
export { legContexts, requestMode, requestOriginOf } from './classify.ts';
export { DEFAULT_MAX_AGE, MAX_AGE_CAP, cachedPreflightCovers, isFresh, maxAgeFor, preflightLifetime } from '../http/preflight-cache.ts';
export type { Coverage, MaxAge } from '../http/preflight-cache.ts';
export { chromiumResourceKind } from './messages.ts';
export { describeTrigger } from './describe-trigger.ts';
export { addressSpaceOfUrl, isPotentiallyTrustworthy, localNetworkFailure } from './local-network.ts';
export { EXPLANATIONS, WARNING_EXPLANATIONS, fixContext, mdnFor, serverSnippets } from './explanations.ts';
export type { Explanation, FixContext, WarningExplanation } from './explanations.ts';
export { FRAMEWORKS, FRAMEWORK_LABEL, renderSnippet } from './snippets.ts';
export type { CorsPolicy, Framework } from './snippets.ts';
