/**
 * The oracle: what the real browser decided for each lab fetch, kept apart from the HAR, and how
 * a fetch's outcome is derived from what the browser and the page reported.
 *
 * The browser is the judge. Nothing here reads a scenario's `hypothesis`: the expected values come
 * only from what the browser reported (CDP `corsErrorStatus`, Firefox's console service).
 */
import type { StepKind, StepResult } from '../../lab/types.ts';
import type { PlannedFetch } from './lab-runner.ts';

export type Outcome = 'allowed' | 'blocked' | 'not-cors';

/** CDP `Network.loadingFailed.corsErrorStatus`. */
export interface ChromiumCorsStatus {
  corsError: string;
  failedParameter: string;
}

/** One CORS message from Firefox's console service. */
export interface FirefoxCorsMessage {
  /** The property key, message-version digit included (`CORSMissingAllowOrigin2`). */
  category: string;
  /** `category` without its trailing message-version digit (`CORSMissingAllowOrigin`). */
  reason: string;
  message: string;
  /** The URL the message names. */
  url: string;
  /** nsIScriptError flags (0 error, 1 warning). */
  flags: number;
  timeStamp: number;
}

/** One lab step as the real browser handled it. */
export interface OracleFetch {
  scenario: string;
  step: number;
  kind: StepKind;
  /** The fetch's first URL (report exchanges are identified by it). */
  url: string;
  method: string;
  /** 0 for the first fetch of this URL in the run, 1 for the second (preflight-cache steps reuse URLs)… */
  occurrence: number;
  /** Every URL the browser requested for it, redirects included (preflights excluded). */
  chain: string[];
  /** What the page observed (fetch/XHR/img result). */
  page: StepResult;
  /** Request ids of the browser's records for this fetch (CDP requestId / BiDi request id). */
  requestIds: string[];
  /** False when the browser's network events never mentioned this fetch (the oracle cannot judge it). */
  observed: boolean;
  /** The browser's network error (`net::ERR_FAILED`, `NS_ERROR_DOM_BAD_URI`), null when none. */
  errorText: string | null;
  /** Chromium only: CDP `corsErrorStatus`, null when Chromium reported none. */
  chromium?: ChromiumCorsStatus | null;
  /** Firefox only: the blocking reason (first non-warning CORS message for this fetch), null when none. */
  firefox?: FirefoxCorsMessage | null;
  /** Firefox only: every CORS console message attributed to this fetch, in order (warnings too). */
  firefoxMessages?: FirefoxCorsMessage[];
  /**
   * The browser's decision in report terms: `blocked` when the page could not read the response
   * (the browser failed the fetch: a CORS verdict, or a network error it surfaced as a TypeError),
   * else `not-cors` / `allowed` by response tainting (see unblockedOutcome).
   */
  outcome: Outcome;
}

export interface Oracle {
  browser: 'chromium' | 'firefox';
  browserVersion: string;
  userAgent: string;
  run: string;
  pageOrigin: string;
  recordedAt: string;
  fetches: OracleFetch[];
  /** Firefox only: CORS console messages no lab fetch explains (the recorder could not place them). */
  unattributedMessages?: FirefoxCorsMessage[];
}

/**
 * The fields of an oracle row that restate the planned fetch and the browser's first request for
 * it (`requestId` undefined when the browser's network events never mentioned the fetch).
 */
export function plannedRow(
  p: PlannedFetch,
  chain: string[],
  requestId: string | undefined,
  errorText: string | null,
): Omit<OracleFetch, 'chromium' | 'firefox' | 'firefoxMessages' | 'outcome'> {
  return {
    scenario: p.scenario.id,
    step: p.step,
    kind: p.kind,
    url: p.url,
    method: p.method,
    occurrence: p.occurrence,
    chain,
    page: p.page,
    requestIds: requestId !== undefined ? [requestId] : [],
    observed: requestId !== undefined,
    errorText,
  };
}

export function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '';
  }
}

/**
 * The outcome of a fetch the browser did not fail for a CORS reason: `not-cors` when the CORS
 * protocol never applied (mode `no-cors`, or every URL of the chain same-origin with the page —
 * response tainting stays "basic"), `allowed` otherwise.
 * https://fetch.spec.whatwg.org/#concept-request-response-tainting
 */
export function unblockedOutcome(mode: string, chain: readonly string[], pageOrigin: string): Outcome {
  if (mode === 'no-cors' || mode === 'navigate') return 'not-cors';
  return chain.every((u) => originOf(u) === pageOrigin) ? 'not-cors' : 'allowed';
}

/**
 * The outcome of a fetch: `blocked` when the browser reported a CORS failure, or when the page got
 * no readable response from a fetch CORS governed; otherwise as `unblockedOutcome`. A page
 * failure outside CORS is no CORS verdict: `not-cors`, as the report says. That is a same-origin
 * or no-cors fetch that hit a network error or its redirect mode (found by lab/fuzz.ts), and a
 * fetch whose request went out and got no response at all (`belowCors`: the connection failed,
 * https://fetch.spec.whatwg.org/#concept-network-error) — the page sees a TypeError either way,
 * but no CORS check ever ran.
 */
export function fetchOutcome(reportedCorsFailure: boolean, belowCors: boolean, pageOk: boolean, mode: string, chain: readonly string[], pageOrigin: string): Outcome {
  if (reportedCorsFailure) return 'blocked';
  if (belowCors && !pageOk) return 'not-cors';
  const unblocked = unblockedOutcome(mode, chain, pageOrigin);
  return !pageOk && unblocked !== 'not-cors' ? 'blocked' : unblocked;
}

/**
 * A network-level error of the browser's (`net::ERR_EMPTY_RESPONSE`, `NS_ERROR_NET_RESET`), not
 * one that stands for a CORS or policy refusal (Chromium's `net::ERR_FAILED`, Firefox's
 * `NS_ERROR_DOM_BAD_URI`) or a cancellation (`net::ERR_ABORTED`, `NS_BINDING_ABORTED`).
 */
export function isNetworkLevelError(errorText: string | null): boolean {
  if (errorText === null || !/^net::ERR_|^NS_ERROR_/.test(errorText)) return false;
  return !['net::ERR_FAILED', 'net::ERR_ABORTED', 'NS_ERROR_DOM_BAD_URI', 'NS_BINDING_ABORTED'].includes(errorText);
}
