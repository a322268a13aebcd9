/**
 * One browser's ordered walk over an exchange: for each leg of the redirect chain, its
 * CORS-preflight (https://fetch.spec.whatwg.org/#cors-preflight-fetch), then the CORS check on its
 * response (https://fetch.spec.whatwg.org/#cors-check), then the redirect rules
 * (https://fetch.spec.whatwg.org/#concept-http-redirect-fetch). It stops at the first failure,
 * which is what the browser reports; rows of the failing step's response are all evaluated so a
 * server owner sees every problem in it.
 */
import type { PreflightTrigger } from './verdict.ts';
import type { LegContext } from './classify.ts';
import type { PipelineInput, PipelineResult } from './walk.ts';
import { Walk, isNetError, observedOrigin, prefixFor, requestHeadersFromPreflight } from './walk.ts';
import { runAccessCheck } from './access-rows.ts';
import { observedPreflight, unseenPreflight } from './preflight-stage.ts';
import { CHROMIUM_CORS_SCHEMES } from './messages.ts';
import { check, failure, SPEC } from './checks.ts';
import { inferredFact } from './facts.ts';
import { preflightTriggers } from '../http/safelist.ts';
import { getHeader } from '../http/headers.ts';
import { isHttpScheme, parseUrl } from '../http/origin.ts';
import { isRedirect, judgeLocation, locationUrl, type LocationRefusal } from '../http/redirect.ts';
import type { ReasonCode } from './codes.ts';

export type { PipelineInput, PipelineResult } from './walk.ts';

const REFUSAL_CODE: Readonly<Record<LocationRefusal, ReasonCode>> = {
  'non-http-scheme': 'cors-disabled-scheme',
  'includes-credentials': 'redirect-contains-credentials',
};

/** The redirect rules on a 3xx leg: CORS scheme and credentials in the location URL. */
function redirectLocation(w: Walk, ctx: LegContext, location: string, prefix: string): void {
  const b = w.browser;
  const judged = judgeLocation(location, w.input.requestOrigin);
  const nextTainted = ctx.corsTainted || (w.input.mode === 'cors' && judged.leavesOrigin);
  if (!nextTainted) return;
  const bad = judged.refusal === null ? null : REFUSAL_CODE[judged.refusal];
  w.row(() =>
    check({
      id: `${prefix}.location`,
      title: 'The redirect location is allowed for CORS',
      status: bad === null ? 'pass' : 'fail',
      observed: location,
      expected: 'an http(s) URL without user:password@',
      detail:
        bad === 'cors-disabled-scheme'
          ? 'A CORS request can only be redirected to http: or https:.'
          : bad === 'redirect-contains-credentials'
            ? 'The location carries a username/password, which a CORS request may not follow.'
            : 'The location is an http(s) URL without credentials.',
      ...(bad === null ? {} : { code: bad }),
      spec: SPEC.redirect,
    }),
  );
  if (bad === null) return;
  // Chromium names the location for CorsDisabledScheme, the redirecting URL (with an empty
  // location!) for RedirectContainsCredentials. A scheme on Chromium's CORS list that is not
  // http(s) (`data:`) passes the CORS check but the network stack refuses the redirect:
  // net::ERR_UNSAFE_REDIRECT, no corsErrorStatus (verified). Firefox logs CORSDidNotSucceed
  // `(null)` at the redirecting URL for user:pass@ and data: (verified); for ftp: it first logs
  // CORSRequestNotHttp naming the location, then CORSDidNotSucceed (verified in Firefox 153);
  // other non-http(s) schemes are taken to behave like ftp:.
  if (b === 'chromium') {
    const scheme = (parseUrl(location)?.protocol ?? '').replace(/:$/, '');
    if (bad === 'cors-disabled-scheme' && CHROMIUM_CORS_SCHEMES.split(', ').includes(scheme)) {
      w.fail({ ...failure(b, 'network-error', ctx.url, 'observed', {}), code: 'cors-disabled-scheme', consoleOverride: 'Failed to load resource: net::ERR_UNSAFE_REDIRECT' });
    } else {
      w.fail(failure(b, bad, bad === 'cors-disabled-scheme' ? location : ctx.url, 'observed', { chromiumParam: '' }));
    }
  } else if (bad === 'cors-disabled-scheme' && parseUrl(location)?.protocol !== 'data:') {
    w.fail(failure(b, bad, location, 'observed'));
  } else {
    // Firefox quirk: a redirect to `data:` is CORSDidNotSucceed, like a `user:pass@` Location.
    w.fail(failure(b, bad, ctx.url, 'observed', { firefoxParam: '(null)', ...(bad === 'cors-disabled-scheme' ? { firefoxReason: 'CORSDidNotSucceed' as const } : {}) }));
  }
}

/** Run `input.browser`'s checks over every leg. */
export function runPipeline(input: PipelineInput): PipelineResult {
  const w = new Walk(input);
  const { x, legs } = input;
  let firstTriggers: readonly PreflightTrigger[] = [];
  let firstNeeded = false;
  let sawCorsLeg = false;
  for (let i = 0; i < x.legs.length && w.failure === null; i += 1) {
    const leg = x.legs[i];
    const ctx = legs[i];
    if (leg === undefined || ctx === undefined) continue;
    const count = x.legs.length;
    if (ctx.corsTainted) {
      if (i === 0 && !isHttpScheme(ctx.url)) {
        w.row(() =>
          check({
            id: `${prefixFor(i, count, 'response')}.scheme`,
            title: 'The URL scheme supports CORS',
            status: 'fail',
            observed: parseUrl(ctx.url)?.protocol ?? ctx.url,
            expected: 'http: or https:',
            detail: 'CORS requests are only possible to http(s) URLs.',
            code: 'cors-disabled-scheme',
            provenance: 'inferred',
            spec: SPEC.mainFetch,
          }),
        );
        w.fail(failure(input.browser, 'cors-disabled-scheme', ctx.url, 'inferred'));
        break;
      }
      // An observed preflight's Access-Control-Request-Headers is authoritative for the browser
      // that sent it; the other browser judges the page's headers by its own safelist (Firefox
      // 153 sent no preflight for a doubled text/plain Content-Type that Chromium 156 preflighted).
      const observedPre = leg.preflight !== null && leg.preflight.kind === 'observed' ? leg.preflight : null;
      const acrh = observedPre !== null && input.isRecorder ? requestHeadersFromPreflight(observedPre) : null;
      const preMethod = observedPre === null ? null : getHeader(observedPre.request.headers, 'access-control-request-method');
      const method = preMethod ?? leg.request.method;
      const triggers = input.memo.triggers(i, input.browser, acrh !== null, () =>
        preflightTriggers({
          method,
          headers: leg.request.headers,
          requestHeadersFromPreflight: acrh,
          browser: input.browser,
        }),
      );
      const unsafeNames = triggers.flatMap((t) => (t.kind === 'method' ? [] : [t.name]));
      // The recorder's observed preflight always counts. The other browser skips it only when the
      // recorder had a reason this browser does not share; a preflight with no visible reason at
      // all was forced (XHR upload listeners, stream bodies) and is forced in both browsers.
      const recorder = input.browser === 'chromium' ? 'firefox' : 'chromium';
      const recorderHadReason =
        observedPre !== null &&
        !input.isRecorder &&
        input.memo
          .triggers(i, recorder, true, () =>
            preflightTriggers({ method, headers: leg.request.headers, requestHeadersFromPreflight: requestHeadersFromPreflight(observedPre), browser: recorder }),
          ).length > 0;
      const pre = recorderHadReason && triggers.length === 0 ? null : leg.preflight;
      const needed = triggers.length > 0 || (pre !== null && pre.kind === 'observed');
      if (!sawCorsLeg) {
        sawCorsLeg = true;
        firstTriggers = triggers;
        if (triggers.length === 0 && pre !== null && pre.kind === 'observed') {
          w.inferred.push(inferredFact('preflight-forced', {}));
        }
        firstNeeded = needed;
      }
      const pPrefix = prefixFor(i, count, 'preflight');
      if (pre !== null && pre.kind === 'observed') {
        observedPreflight(w, ctx, pre, pPrefix, unsafeNames, method);
      } else if (needed) {
        unseenPreflight(w, leg, pPrefix, unsafeNames, method);
      }
      if (w.failure !== null) break;
    }
    const rPrefix = prefixFor(i, count, 'response');
    const response = leg.response;
    if (response === null) {
      if (!ctx.corsTainted) continue;
      const outcome = x.outcome;
      w.row(() =>
        check({
          id: `${rPrefix}.received`,
          title: 'The response arrived',
          status: 'unknown',
          observed: outcome.error ?? null,
          expected: 'an HTTP response',
          detail:
            outcome.kind === 'failed'
              ? isNetError(outcome.error)
                ? `The request failed at the network level (${outcome.error ?? ''}); that is not a CORS failure.`
                : 'The request never completed and the cause is not in the recorded data.'
              : 'No response was recorded.',
          provenance: 'inferred',
          spec: SPEC.mainFetch,
        }),
      );
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
      if (outcome.kind === 'failed' && (input.isRecorder || net || firefoxUnnamed)) {
        const code = net ? 'network-error' : 'blocked-cause-not-visible';
        w.fail(
          failure(input.browser, code, ctx.url, 'inferred', {
            // Firefox's unnamed failure (no error field in its HAR) is its CORSDidNotSucceed.
            ...(!net && firefoxUnnamed ? { firefoxReason: 'CORSDidNotSucceed' as const } : {}),
            firefoxParam: '(null)',
            ...(input.browser === 'chromium' && net ? { consoleOverride: input.isRecorder ? `Failed to load resource: ${outcome.error ?? ''}` : null } : {}),
          }),
        );
      }
      break;
    }
    if (ctx.corsTainted) {
      const origin = observedOrigin(input, leg.request.headers, leg.request.headersProvisional, ctx.actualOrigin);
      runAccessCheck(w, rPrefix, response.headers, response.status, origin, ctx.url, false, 'observed');
      if (w.failure !== null) break;
    }
    if (isRedirect(response)) {
      const next = x.legs[i + 1];
      const location = next?.request.url ?? locationUrl(response, ctx.url) ?? '';
      redirectLocation(w, ctx, location, rPrefix);
    }
  }
  return {
    checks: w.checks,
    failure: w.failure,
    triggers: firstTriggers,
    preflightNeeded: firstNeeded,
    authorizationByWildcard: w.authorizationByWildcard,
    inferred: w.inferred,
  };
}

