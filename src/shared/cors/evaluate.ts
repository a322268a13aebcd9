/**
 * The shared CORS evaluator: given one observed exchange, decide what Chromium and Firefox
 * decided, and explain every check in order.
 *
 * Order of evaluation (per leg of the redirect chain), after the request-mode gate of
 * https://fetch.spec.whatwg.org/#concept-main-fetch:
 *   1. the CORS-preflight (https://fetch.spec.whatwg.org/#cors-preflight-fetch) — observed, a
 *      cache hit (https://fetch.spec.whatwg.org/#cors-preflight-cache), or unseen;
 *   2. the CORS check on the response, redirects included (https://fetch.spec.whatwg.org/#cors-check);
 *   3. the redirect rules (https://fetch.spec.whatwg.org/#concept-http-redirect-fetch), with the
 *      tainted origin `null` after a cross-origin hop (https://fetch.spec.whatwg.org/#concept-request-tainted-origin).
 * Each browser's own order inside a step lives in `pipeline.ts` and `access-check.ts`.
 *
 * Rules confirmed or corrected in real browsers (Chromium 156 over CDP, Firefox ESR 153 through
 * its console service) are listed in VERIFIED.md. The ones that contradicted the research notes:
 *   - Chromium 156 lets `Access-Control-Allow-Headers: *` cover `Authorization` (the spec says it
 *     never does); Firefox 153 does too, with a deprecation warning.
 *   - Chromium 156's fetch() messages end with " Have the server send the header with a valid
 *     value." (no no-cors advice), and a missing ACAO has no suffix.
 *   - Chromium's HeaderDisallowedByPreflightResponse names the first missing header in the
 *     request's recorded header order (not sorted, not the order the page set them).
 *   - Firefox checks ACAO/ACAC on a preflight before its redirect; Chromium after.
 *   - Firefox sends the page's origin (not `null`) on a preflight after a tainting redirect.
 *   - RedirectContainsCredentials' message quotes an empty location ('').
 *   - Firefox 153 never reused a preflight whose Max-Age was not plain digits (`60abc`, `+60`).
 *   - A redirect to `data:` is net::ERR_UNSAFE_REDIRECT in Chromium, not CorsDisabledScheme.
 *   - Local Network Access (public → loopback) blocks before any preflight, failedParameter ''.
 *   - Firefox logs CORSRequestNotHttp (naming the location) for a redirect to ftp:, not only
 *     CORSDidNotSucceed; net::ERR_ABORTED (redirect: "manual", no-cors) is a cancellation.
 */
import type { BrowserName, ObservedExchange } from '../model/exchange.ts';
import type { BrowserVerdict, Check, Classification, InferredFact, Verdict, Warning } from './verdict.ts';
import type { Failure } from './failure.ts';
import type { Context } from './context.ts';
import type { PipelineResult } from './pipeline.ts';
import { browserVerdict } from './context.ts';
import { legContexts, requestMode, requestOriginOf } from './classify.ts';
import { inferCredentials } from './credentials.ts';
import { runPipeline } from './pipeline.ts';
import { EvaluationMemo } from './evaluation-memo.ts';
import { sanitizeExchange } from './sanitize.ts';
import { localNetworkFailure, localNetworkFailureFromError } from './local-network.ts';
import { computeWarnings } from './warnings.ts';
import { check, SPEC } from './checks.ts';
import { chooseHypothesis, explainOutcome, hypothesesDiffer, lnaCheck, lnaFailure } from './hypotheses.ts';
import { credentialsCheck, preflightNeedCheck } from './request-rows.ts';
import { fallbackVerdict, notCorsVerdict, sameOriginModeVerdict } from './special-verdicts.ts';
import { endsAtUnfollowedRedirect, unfollowedRedirectFact, withoutCancellation } from './outcome-reading.ts';
import { includesCredentials, isHttpScheme, originOf, resolveUrl, sameOrigin, sameSite } from '../http/origin.ts';
import { get } from '../http/headers.ts';
import { isRedirect } from './walk.ts';

/** Stated when Chromium's Local Network Access check refused a request it recorded. */
const LNA_FIREFOX_FACT: InferredFact = {
  statement: 'Firefox would send this request: it has no Local Network Access check',
  because: "Chromium refused it before it reached the server, so the recording holds no server answer to judge Firefox's CORS checks by; Firefox's verdict assumes they pass",
};

/**
 * The last recorded leg redirects to another origin than the request's, to a Location the CORS
 * redirect rules refuse (`user:pass@`, a non-http(s) scheme), so the hop there was never
 * requested: those rules decided the fetch (https://fetch.spec.whatwg.org/#concept-http-redirect-fetch).
 * Found by differential fuzzing: a same-origin fetch redirected to `user:pass@` another origin is
 * RedirectContainsCredentials in Chromium, and was read as not CORS. A plain http(s) Location
 * that was not followed is the redirect mode's doing (`manual`, `error`), not CORS's.
 */
function redirectsAway(x: ObservedExchange, requestOrigin: string | null): boolean {
  const last = x.legs[x.legs.length - 1];
  const response = last?.response ?? null;
  if (last === undefined || response === null || !isRedirect(response.status, response.headers)) return false;
  const location = resolveUrl(get(response.headers, 'location') ?? '', last.request.url);
  return !sameOrigin(requestOrigin, originOf(location)) && (includesCredentials(location) || !isHttpScheme(location));
}

export interface EvaluateOptions {
  /** Current time in ms since the epoch (preflight-cache freshness); defaults to `Date.now()`. */
  readonly now?: number;
}

/** Evaluate one exchange. Never throws: an unexplainable input yields `unknown` checks. */
export function evaluateExchange(x: ObservedExchange, options?: EvaluateOptions): Verdict {
  try {
    const now = typeof options?.now === 'number' && Number.isFinite(options.now) ? options.now : Date.now();
    return evaluate(sanitizeExchange(x), now);
  } catch (error) {
    return fallbackVerdict(x, error);
  }
}

function evaluate(observed: ObservedExchange, now: number): Verdict {
  const recorder: BrowserName = observed.recorder === 'firefox' ? 'firefox' : 'chromium';
  const inferred: InferredFact[] = [];
  // A cancellation (net::ERR_ABORTED) is not a CORS decision: judge the headers alone.
  const { x, fact: cancelled } = withoutCancellation(observed);
  if (cancelled !== null) inferred.push(cancelled);
  const origin = requestOriginOf(x);
  if (origin.provenance === 'inferred' && origin.origin !== null) {
    inferred.push({ statement: `the page's origin is ${origin.origin}`, because: 'the Origin header on the request (the recorder did not name the initiator)' });
  }
  const initiator = x.initiatorOrigin === undefined ? null : originOf(x.initiatorOrigin);
  if (origin.origin === 'null' && initiator !== null) {
    inferred.push({
      statement: 'the request came from an opaque origin (null)',
      because: `it sent Origin: null on its first URL, which only an opaque origin does (a sandboxed frame, a data: or file: page), so the recorded page ${initiator} is not its origin`,
    });
  }
  const guess = requestMode(x, origin.origin);
  if (guess.provenance === 'inferred') inferred.push({ statement: `the request mode is ${guess.mode}`, because: guess.because });
  const legs = legContexts(x, origin.origin, guess.mode);
  const ctx: Context = { x, recorder, requestOrigin: origin.origin, mode: guess.mode, legs, now };
  const firstUrl = x.legs[0]?.request.url ?? '';
  const modeCheck = check({
    id: 'request.mode',
    title: 'Request mode',
    status: 'pass',
    observed: guess.mode,
    expected: '`cors` for a CORS request',
    detail: `The request mode is \`${guess.mode}\` (${guess.because}).`,
    provenance: guess.provenance,
    spec: SPEC.mode,
  });

  // https://fetch.spec.whatwg.org/#concept-main-fetch: mode "same-origin" and a cross-origin URL
  // is a network error before any CORS step.
  if (guess.mode === 'same-origin') {
    const crossLeg = legs.find((l) => !sameOrigin(origin.origin, l.urlOrigin));
    if (crossLeg !== undefined) return sameOriginModeVerdict(ctx, crossLeg, modeCheck, inferred);
  }
  const corsInvolved = guess.mode === 'cors' && (legs.some((l) => l.corsTainted) || redirectsAway(x, origin.origin));
  if (!corsInvolved) return notCorsVerdict(ctx, modeCheck, inferred);
  // Firefox's HAR has no error field: a fetch rejected at a redirect (redirect: "error") and an
  // opaque-redirect handed to the page (redirect: "manual") are the same single 3xx entry.
  if (x.outcome.kind !== 'failed' && endsAtUnfollowedRedirect(x)) inferred.push(unfollowedRedirectFact(false));

  const credentials = inferCredentials(x, legs);
  const hypotheses = credentials.credentialed === null ? [false, true] : [credentials.credentialed];
  const memo = new EvaluationMemo();
  // Only the recorder's walk contributes checklist rows; the other browser's walks are run for
  // their failures alone and skip building rows (see `PipelineInput.rows`).
  const walk = (b: BrowserName, credentialed: boolean): PipelineResult =>
    runPipeline({ browser: b, x, legs, mode: guess.mode, requestOrigin: origin.origin, credentialed, isRecorder: b === recorder, now, rows: b === recorder, memo });
  const runs = hypotheses.map((credentialed) => ({
    credentialed,
    results: { chromium: walk('chromium', credentialed), firefox: walk('firefox', credentialed) },
  }));
  const chosen = chooseHypothesis(ctx, runs, inferred, credentials.credentialed === null);
  const warnings: Warning[] = [];
  if (credentials.credentialed !== null && credentials.provenance === 'inferred') {
    inferred.push({ statement: `credentials mode is ${credentials.credentialed ? 'include' : 'not include'}`, because: credentials.because });
  }

  const failures: Record<BrowserName, Failure | null> = { chromium: chosen.results.chromium.failure, firefox: chosen.results.firefox.failure };
  const lnaRows: Check[] = [];
  // Chromium's Local Network Access gate comes before any preflight; only with recorded spaces.
  const lna = localNetworkFailure(x, true) ?? localNetworkFailureFromError(x);
  if (lna !== null) {
    const granted = lna.corsError === 'LocalNetworkAccessPermissionDenied' && recorder === 'chromium' && x.outcome.kind === 'succeeded';
    lnaRows.push(lnaCheck(lna, granted));
    if (granted) inferred.push({ statement: 'the user granted Local Network Access', because: `${lna.because}, and Chromium completed the request` });
    else {
      failures.chromium = lnaFailure(lna, firstUrl);
      // Chromium refuses before anything is sent; Firefox has no such check, so its verdict
      // rests on answers that were never given.
      if (recorder === 'chromium' && x.outcome.kind !== 'succeeded') inferred.push(LNA_FIREFOX_FACT);
    }
  }
  const hidden = explainOutcome(ctx, failures[recorder], chosen.results[recorder]);
  if (hidden !== null) {
    failures[recorder] = hidden.failure;
    // fetch()'s redirect mode is the page's, not the browser's: "error" is a network error right
    // after the CORS check on the redirect (https://fetch.spec.whatwg.org/#concept-http-fetch),
    // so the other browser stops there too, unless one of its own checks failed first (verified:
    // Chromium 156 and Firefox 153 both reject scenario cors-redirect-error, neither names a reason).
    const other: BrowserName = recorder === 'chromium' ? 'firefox' : 'chromium';
    if (hidden.pageCause === true) failures[other] ??= hidden.failure;
    inferred.push(hidden.fact);
    if (hidden.contradiction) warnings.push({ code: 'outcome-contradicts-headers', detail: hidden.fact.because });
  } else if (recorder === 'chromium' && x.outcome.kind === 'succeeded' && failures.chromium !== null) {
    warnings.push({
      code: 'outcome-contradicts-headers',
      detail: `Chromium completed the request, yet the recorded headers imply ${failures.chromium.corsError ?? failures.chromium.code}; the recording may be incomplete (provisional or rewritten headers).`,
    });
  }
  inferred.push(...chosen.results[recorder].inferred);

  const verdicts: Record<BrowserName, BrowserVerdict> = { chromium: browserVerdict(ctx, 'chromium', failures.chromium), firefox: browserVerdict(ctx, 'firefox', failures.firefox) };
  const recorderResult = chosen.results[recorder];
  warnings.push(
    ...computeWarnings({
      x,
      legs,
      credentialed: chosen.credentialed,
      allowed: verdicts[recorder].allowed,
      authorizationByWildcard: chosen.results.chromium.authorizationByWildcard || chosen.results.firefox.authorizationByWildcard,
    }),
  );
  if (credentials.credentialed === null && runs.length === 2 && hypothesesDiffer(runs)) {
    warnings.push({ code: 'credentials-mode-inferred', detail: inferred.find((f) => f.statement.startsWith('credentials mode'))?.because ?? 'The verdict depends on the credentials mode, which the recording does not show.' });
  }
  const classification: Classification = {
    kind: 'cors',
    origin: origin.origin,
    target: firstUrl,
    sameSite: sameSite(origin.origin, originOf(firstUrl)),
    preflightNeeded: recorderResult.preflightNeeded,
    preflightTriggers: recorderResult.preflightNeeded ? recorderResult.triggers : [],
  };
  const checks: Check[] = [
    modeCheck,
    credentialsCheck(credentials.credentialed, chosen.credentialed, credentials.provenance, credentials.because),
    preflightNeedCheck(recorderResult.triggers, recorderResult.preflightNeeded),
    ...(recorder === 'chromium' ? lnaRows : []),
    ...recorderResult.checks,
  ];
  const recorderVerdict = verdicts[recorder];
  return {
    // A network error is not a CORS decision (the report format's `not-cors`), though it fails the fetch.
    outcome: recorderVerdict.allowed ? 'allowed' : recorderVerdict.code === 'network-error' ? 'not-cors' : 'blocked',
    classification,
    checks,
    chromium: verdicts.chromium,
    firefox: verdicts.firefox,
    code: recorderVerdict.code,
    browsersDisagree: verdicts.chromium.allowed !== verdicts.firefox.allowed,
    warnings,
    inferred,
  };
}
