/**
 * Stage 4 of the evaluation: the walks' failures read against what the browser itself did. The
 * observed outcome (and Chromium's recorded CorsError) picks the credentials reading, Chromium's
 * Local Network Access gate overrides its walk, and a failure the headers do not explain gets its
 * hidden cause. Every such conclusion is stated as a fact.
 */
import type { BrowserName } from '../../model/exchange.ts';
import type { InferredFact, Warning } from '../verdict.ts';
import type { Failure } from '../rules/failure.ts';
import type { Context } from './context.ts';
import type { Run, WalkedExchange } from './browser-walk.ts';
import type { LocalNetworkGate } from '../rules/local-network.ts';
import { chooseHypothesis, explainOutcome, lnaFailure } from './hypotheses.ts';
import { inferredFact } from '../content/facts.ts';

export interface Reconciled {
  /** The credentials reading taken. */
  readonly chosen: Run;
  /** Each browser's failure after the gate and the outcome; null when it allows the exchange. */
  readonly failures: Record<BrowserName, Failure | null>;
  readonly warnings: Warning[];
}

export function reconcileWithOutcome(ctx: Context, walked: WalkedExchange, gate: LocalNetworkGate | null, inferred: InferredFact[]): Reconciled {
  const { x, recorder } = ctx;
  const { credentials, runs } = walked;
  const chosen = chooseHypothesis(ctx, runs, inferred, credentials.credentialed === null);
  const warnings: Warning[] = [];
  if (credentials.credentialed !== null && credentials.provenance === 'inferred') {
    inferred.push(inferredFact('credentials-mode', { credentialed: credentials.credentialed, otherReading: null }, { because: credentials.because }));
  }
  const failures: Record<BrowserName, Failure | null> = { chromium: chosen.results.chromium.failure, firefox: chosen.results.firefox.failure };
  if (gate !== null) {
    if (gate.granted) inferred.push(inferredFact('local-network-access-granted', {}, { because: gate.lna.because }));
    else {
      failures.chromium = lnaFailure(gate.lna, x.legs[0]?.request.url ?? '');
      // Chromium refuses before anything is sent; Firefox has no such check, so its verdict
      // rests on answers that were never given.
      if (recorder === 'chromium' && x.outcome.kind !== 'succeeded') inferred.push(inferredFact('firefox-has-no-local-network-access', {}));
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
  return { chosen, failures, warnings };
}
