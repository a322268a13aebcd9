/**
 * Pairing: which observed preflight guarded which request, and which requests skipped their
 * preflight thanks to the CORS-preflight cache. Pure and independent of any capture format —
 * the HAR reader and the extension's background worker both feed it `ObservedRequest`s.
 */
/** Transitional: the capture still imports `getHeader` from here; its home is `../http/headers.ts`. */
export { corsUnsafeRequestHeaderNames, isCorsSafelistedMethod, isPreflightRequest, needsCorsPreflight } from './cors-request.ts';
export {
  DEFAULT_MAX_LAG_MS,
  DEFAULT_MAX_LEAD_MS,
  matchPreflight,
  requestOrigin,
  requestedHeaderNames,
  requestedMethod,
  urlWithoutFragment,
  type PairingSubject,
  type PairingWindow,
  type PreflightMatch,
  type PreflightMismatch,
} from './match.ts';
export { pairPreflights, type PreflightPairing } from './pair.ts';
export {
  PreflightLedger,
  preflightResponseCovers,
  type CacheHitInference,
  type CacheLookupOptions,
  type PreflightObservation,
} from './cache-inference.ts';
