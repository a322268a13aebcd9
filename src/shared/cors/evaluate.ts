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
 * Each browser's own order inside a step lives in `walk/browser-walk.ts`,
 * `rules/preflight-checks.ts` and `rules/access-check.ts`.
 *
 * The stages, in order (`evaluate` below):
 *   1. classify: the request's origin, mode and per-leg tainting; ends here when CORS is not
 *      involved (same-origin, no-cors, navigations) or mode "same-origin" refuses a URL;
 *   2. local-network gate: Chromium's Local Network Access check, which comes before any preflight;
 *   3. walk both browsers: each browser's ordered checks over every leg, under each credentials
 *      reading the recording leaves open;
 *   4. reconcile with the observed outcome: pick the credentials reading the outcome supports,
 *      apply the gate, and name causes the headers do not show;
 *   5. assemble the verdict: both browsers' verdicts, the checklist, warnings and facts.
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
import type { Check, Classification, InferredFact, Verdict } from './verdict.ts';
import type { Context } from './walk/context.ts';
import type { WalkedExchange } from './walk/browser-walk.ts';
import type { LocalNetworkGate } from './rules/local-network.ts';
import type { Reconciled } from './walk/reconcile.ts';
import { browserVerdict } from './walk/context.ts';
import { legContexts, requestMode, requestOriginOf } from './rules/classify.ts';
import { walkBothBrowsers } from './walk/browser-walk.ts';
import { sanitizeExchange } from './walk/sanitize.ts';
import { localNetworkGate } from './rules/local-network.ts';
import { reconcileWithOutcome } from './walk/reconcile.ts';
import { computeWarnings } from './content/warnings.ts';
import { inferredFact } from './content/facts.ts';
import { check, SPEC } from './content/check-row.ts';
import { hypothesesDiffer, lnaCheck } from './walk/hypotheses.ts';
import { credentialsCheck, preflightNeedCheck } from './content/request-rows.ts';
import { fallbackVerdict, notCorsVerdict, sameOriginModeVerdict } from './walk/special-verdicts.ts';
import { endsAtUnfollowedRedirect, unfollowedRedirectFact, withoutCancellation } from './walk/outcome-reading.ts';
import { originOf, sameOrigin, sameSite } from '../http/origin.ts';
import { judgeRedirect } from '../http/redirect.ts';

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
  if (last === undefined || last.response === null) return false;
  const location = judgeRedirect(last.response, last.request.url, requestOrigin);
  return location !== null && location.leavesOrigin && location.refusal !== null;
}

export interface EvaluateOptions {
  /** Current time in ms since the epoch (preflight-cache freshness); defaults to `Date.now()`. */
  readonly now?: number;
}

/** Evaluate one exchange. Never throws: an unexplainable input yields `unknown` checks. */
export function evaluateExchange(x: ObservedExchange, options?: EvaluateOptions): Verdict {
  return evaluateSanitized(x, () => sanitizeExchange(x), clockOf(options));
}

/** The evaluator's clock: `options.now` when it is a finite number, else the current time. */
export function clockOf(options: EvaluateOptions | undefined): number {
  return typeof options?.now === 'number' && Number.isFinite(options.now) ? options.now : Date.now();
}

/**
 * `evaluateExchange(x)` given the sanitized exchange (`sanitize`, a call so that its throw is
 * caught the same way); `verdict-memo.ts` sanitizes once for its key and its evaluation.
 */
export function evaluateSanitized(x: ObservedExchange, sanitize: () => ObservedExchange, now: number): Verdict {
  try {
    return evaluate(sanitize(), now);
  } catch (error) {
    return fallbackVerdict(x, error);
  }
}

function evaluate(observed: ObservedExchange, now: number): Verdict {
  const classified = classify(observed, now);
  if (classified.kind === 'decided') return classified.verdict;
  const { ctx } = classified;
  const gate = localNetworkGate(ctx.x, ctx.recorder);
  const walked = walkBothBrowsers(ctx);
  const reconciled = reconcileWithOutcome(ctx, walked, gate, classified.inferred);
  return assembleVerdict(classified, gate, walked, reconciled);
}

/** A CORS exchange, classified: what every later stage reads, and the facts inferred so far. */
interface Classified {
  readonly kind: 'cors';
  readonly ctx: Context;
  /** The checklist's first row: the request mode and how it is known. */
  readonly modeCheck: Check;
  /** Facts in the order they were inferred; later stages append. */
  readonly inferred: InferredFact[];
}

/**
 * Stage 1. The request's origin, mode and per-leg tainting, from the recording (every guess stated
 * as a fact). Decides the verdict itself when CORS is not involved, or when mode "same-origin"
 * meets a cross-origin URL (https://fetch.spec.whatwg.org/#concept-main-fetch: a network error
 * before any CORS step).
 */
function classify(observed: ObservedExchange, now: number): Classified | { readonly kind: 'decided'; readonly verdict: Verdict } {
  const recorder: BrowserName = observed.recorder === 'firefox' ? 'firefox' : 'chromium';
  const inferred: InferredFact[] = [];
  // A cancellation (net::ERR_ABORTED) is not a CORS decision: judge the headers alone.
  const { x, fact: cancelled } = withoutCancellation(observed);
  if (cancelled !== null) inferred.push(cancelled);
  const origin = requestOriginOf(x);
  if (origin.provenance === 'inferred' && origin.origin !== null) {
    inferred.push(inferredFact('request-origin-from-header', { origin: origin.origin }));
  }
  const initiator = x.initiatorOrigin === undefined ? null : originOf(x.initiatorOrigin);
  if (origin.origin === 'null' && initiator !== null) {
    inferred.push(inferredFact('opaque-request-origin', { page: initiator }));
  }
  const guess = requestMode(x, origin.origin);
  if (guess.provenance === 'inferred') inferred.push(inferredFact('request-mode', { mode: guess.mode }, { because: guess.because }));
  const legs = legContexts(x, origin.origin, guess.mode);
  const ctx: Context = { x, recorder, requestOrigin: origin.origin, mode: guess.mode, legs, now };
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
  if (guess.mode === 'same-origin') {
    const crossLeg = legs.find((l) => !sameOrigin(origin.origin, l.urlOrigin));
    if (crossLeg !== undefined) return { kind: 'decided', verdict: sameOriginModeVerdict(ctx, crossLeg, modeCheck, inferred) };
  }
  const corsInvolved = guess.mode === 'cors' && (legs.some((l) => l.corsTainted) || redirectsAway(x, origin.origin));
  if (!corsInvolved) return { kind: 'decided', verdict: notCorsVerdict(ctx, modeCheck, inferred) };
  // Firefox's HAR has no error field: a fetch rejected at a redirect (redirect: "error") and an
  // opaque-redirect handed to the page (redirect: "manual") are the same single 3xx entry.
  if (x.outcome.kind !== 'failed' && endsAtUnfollowedRedirect(x)) inferred.push(unfollowedRedirectFact(false));
  return { kind: 'cors', ctx, modeCheck, inferred };
}

/**
 * Stage 5. Both browsers' verdicts from the reconciled failures; the recorder's checklist (request
 * rows, the Local Network Access row, then its walk's rows), warnings and facts.
 */
function assembleVerdict(classified: Classified, gate: LocalNetworkGate | null, walked: WalkedExchange, reconciled: Reconciled): Verdict {
  const { ctx, modeCheck, inferred } = classified;
  const { x, recorder } = ctx;
  const { chosen, failures, warnings } = reconciled;
  const recorderResult = chosen.results[recorder];
  const verdicts = { chromium: browserVerdict(ctx, 'chromium', failures.chromium), firefox: browserVerdict(ctx, 'firefox', failures.firefox) };
  warnings.push(
    ...computeWarnings({
      x,
      legs: ctx.legs,
      credentialed: chosen.credentialed,
      allowed: verdicts[recorder].allowed,
      authorizationByWildcard: chosen.results.chromium.authorizationByWildcard || chosen.results.firefox.authorizationByWildcard,
    }),
  );
  const { credentials, runs } = walked;
  if (credentials.credentialed === null && runs.length === 2 && hypothesesDiffer(runs)) {
    warnings.push({ code: 'credentials-mode-inferred', detail: inferred.find((f) => f.code === 'credentials-mode')?.because ?? 'The verdict depends on the credentials mode, which the recording does not show.' });
  }
  const firstUrl = x.legs[0]?.request.url ?? '';
  const classification: Classification = {
    kind: 'cors',
    origin: ctx.requestOrigin,
    target: firstUrl,
    sameSite: sameSite(ctx.requestOrigin, originOf(firstUrl)),
    preflightNeeded: recorderResult.preflightNeeded,
    preflightTriggers: recorderResult.preflightNeeded ? recorderResult.triggers : [],
  };
  const checks: Check[] = [
    modeCheck,
    credentialsCheck(credentials.credentialed, chosen.credentialed, credentials.provenance, credentials.because),
    preflightNeedCheck(recorderResult.triggers, recorderResult.preflightNeeded),
    ...(recorder === 'chromium' && gate !== null ? [lnaCheck(gate.lna, gate.granted)] : []),
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
