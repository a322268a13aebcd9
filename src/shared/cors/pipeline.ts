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
import { Walk, isNetError, isRedirect, observedOrigin, prefixFor, requestHeadersFromPreflight } from './walk.ts';
import { runAccessCheck } from './access-rows.ts';
import { observedPreflight, unseenPreflight } from './preflight-stage.ts';
import { CHROMIUM_CORS_SCHEMES } from './messages.ts';
import { check, failure, SPEC } from './checks.ts';
import { preflightTriggers } from './safelist.ts';
import { get } from '../http/headers.ts';
import { includesCredentials, isHttpScheme, originOf, parseUrl, resolveUrl, sameOrigin } from '../http/origin.ts';

export type { PipelineInput, PipelineResult } from './walk.ts';

/** The redirect rules on a 3xx leg: CORS scheme and credentials in the location URL. */
function redirectLocation(w: Walk, ctx: LegContext, location: string, prefix: string): void {
  const b = w.browser;
  const nextOrigin = originOf(location);
  const nextTainted = ctx.corsTainted || (w.input.mode === 'cors' && !sameOrigin(w.input.requestOrigin, nextOrigin));
  if (!nextTainted) return;
  const httpScheme = isHttpScheme(location);
  const creds = includesCredentials(location);
  const bad = !httpScheme ? 'cors-disabled-scheme' : creds ? 'redirect-contains-credentials' : null;
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
    w.fail(failure(b, bad, location, 'observed', { firefoxReason: 'CORSRequestNotHttp' }));
  } else {
    w.fail(failure(b, bad, ctx.url, 'observed', { firefoxReason: 'CORSDidNotSucceed', firefoxParam: '(null)' }));
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
        w.fail(failure(input.browser, 'cors-disabled-scheme', ctx.url, 'inferred', { chromiumParam: '', firefoxReason: 'CORSRequestNotHttp' }));
        break;
      }
      // An observed preflight's Access-Control-Request-Headers is authoritative for the browser
      // that sent it; the other browser judges the page's headers by its own safelist (Firefox
      // 153 sent no preflight for a doubled text/plain Content-Type that Chromium 156 preflighted).
      const observedPre = leg.preflight !== null && leg.preflight.kind === 'observed' ? leg.preflight : null;
      const acrh = observedPre !== null && input.isRecorder ? requestHeadersFromPreflight(observedPre) : null;
      const preMethod = observedPre === null ? null : get(observedPre.request.headers, 'access-control-request-method');
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
          w.inferred.push({
            statement: 'the preflight was forced',
            because: 'a preflight was observed although neither the method nor any visible header needs one (XHR upload listeners or a stream body force it)',
          });
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
      if (belowCors && !net && input.isRecorder) {
        w.inferred.push({
          statement: 'the request failed at the network level',
          because: "Firefox recorded no response and no error for it, which is how its HAR records a connection that closed unanswered (Firefox's console then says only \"CORS request did not succeed\")",
        });
      }
      if (outcome.kind === 'failed' && (input.isRecorder || net || firefoxUnnamed)) {
        const code = belowCors ? 'network-error' : 'blocked-cause-not-visible';
        w.fail(
          failure(input.browser, code, ctx.url, 'inferred', {
            firefoxReason: net || firefoxUnnamed ? 'CORSDidNotSucceed' : null,
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
    if (isRedirect(response.status, response.headers)) {
      const next = x.legs[i + 1];
      const locationHeader = get(response.headers, 'location') ?? '';
      const location = next?.request.url ?? resolveUrl(locationHeader, ctx.url);
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

