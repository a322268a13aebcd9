/**
 * A CORS leg that got no response: the cause is below CORS (a network error) or not in the
 * recording; which browsers fail it, and how they say so.
 */
import type { LegContext } from '../rules/classify.ts';
import type { Walk } from './walk-state.ts';
import { isNetError } from './walk-state.ts';
import { check, SPEC } from '../content/check-row.ts';
import { failure } from '../rules/failure.ts';
import { inferredFact } from '../content/facts.ts';

export function noResponse(w: Walk, ctx: LegContext, rPrefix: string): void {
  const { input } = w;
  const { x } = input;
  const outcome = x.outcome;
  // The recorded outcome is the recorder's; the other browser's fate stays unknown, except
  // for a network-level error, which no browser gets past.
  const net = isNetError(outcome.error);
  // Firefox logs CORSDidNotSucceed for any failure of a CORS request below CORS (verified in
  // Firefox 153 for a connection closed without an answer); its HAR has no error field, so a
  // failure it recorded with no response, and nothing failing before it, reads as that.
  // Below CORS (a network error, https://fetch.spec.whatwg.org/#concept-network-error) is
  // below both browsers' CORS checks, so Chromium is predicted to fail it too, without a
  // CorsError: Chromium 156 failed the same fetch with net::ERR_EMPTY_RESPONSE and no
  // corsErrorStatus (verified). A Chromium recording says net::ERR_FAILED for its own policy
  // blocks too (Local Network Access, extensions), so it predicts nothing for Firefox.
  const firefoxUnnamed = input.isRecorder === (input.browser === 'firefox') && outcome.error === undefined;
  const belowCors = outcome.kind === 'failed' && (net || firefoxUnnamed);
  w.row(() =>
    check({
      id: `${rPrefix}.received`,
      title: 'The response arrived',
      status: belowCors ? 'fail' : 'unknown',
      observed: outcome.error ?? null,
      expected: 'an HTTP response',
      detail:
        outcome.kind === 'failed'
          ? belowCors
            ? `The request failed at the network level (${outcome.error ?? 'no response, and no error recorded'}); that is not a CORS failure.`
            : 'The request never completed and the cause is not in the recorded data.'
          : 'No response was recorded.',
      ...(belowCors ? { code: 'network-error' as const } : {}),
      provenance: 'inferred',
      spec: SPEC.mainFetch,
    }),
  );
  if (belowCors && !net && input.isRecorder) w.inferred.push(inferredFact('network-failure-unrecorded', {}));
  if (outcome.kind === 'failed' && (input.isRecorder || net || firefoxUnnamed)) {
    const code = belowCors ? 'network-error' : 'blocked-cause-not-visible';
    w.fail(
      failure(input.browser, code, ctx.url, 'inferred', {
        // Firefox's unnamed failure (no error field in its HAR) is its CORSDidNotSucceed.
        ...(!net && firefoxUnnamed ? { firefoxReason: 'CORSDidNotSucceed' as const } : {}),
        firefoxParam: '(null)',
        ...(input.browser === 'chromium' && net ? { consoleOverride: input.isRecorder ? `Failed to load resource: ${outcome.error ?? ''}` : null } : {}),
      }),
    );
  }
}
