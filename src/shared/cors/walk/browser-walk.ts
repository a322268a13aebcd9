/**
 * One browser's ordered walk over an exchange: for each leg of the redirect chain, its
 * CORS-preflight (https://fetch.spec.whatwg.org/#cors-preflight-fetch), then the CORS check on its
 * response (https://fetch.spec.whatwg.org/#cors-check), then the redirect rules
 * (https://fetch.spec.whatwg.org/#concept-http-redirect-fetch). It stops at the first failure,
 * which is what the browser reports; rows of the failing step's response are all evaluated so a
 * server owner sees every problem in it.
 */
import type { BrowserName } from '../../model/exchange.ts';
import type { Context } from './context.ts';
import type { CredentialsGuess } from '../rules/credentials.ts';
import { inferCredentials } from '../rules/credentials.ts';
import { EvaluationMemo } from './evaluation-memo.ts';
import type { WalkInput, WalkResult } from './walk-state.ts';
import type { LegPreflight } from './preflight-stage.ts';
import { Walk, observedOrigin, prefixFor } from './walk-state.ts';
import { runAccessCheck } from './access-stage.ts';
import { preflightStage } from './preflight-stage.ts';
import { noResponse } from './response-stage.ts';
import { redirectRules, unsupportedScheme } from './redirect-stage.ts';
import { isHttpScheme } from '../../http/origin.ts';
import { isRedirect, locationUrl } from '../../http/redirect.ts';

export type { WalkInput, WalkResult } from './walk-state.ts';

/** One credentials reading, walked by both browsers. */
export interface Run {
  readonly credentialed: boolean;
  readonly results: Record<BrowserName, WalkResult>;
}

/** Stage 3 of the evaluation: the credentials readings the recording leaves open, and each browser's walk under each. */
export interface WalkedExchange {
  readonly credentials: CredentialsGuess;
  readonly runs: readonly Run[];
}

export function walkBothBrowsers(ctx: Context): WalkedExchange {
  const { x, legs, mode, requestOrigin, recorder, now } = ctx;
  const credentials = inferCredentials(x, legs);
  const readings = credentials.credentialed === null ? [false, true] : [credentials.credentialed];
  const memo = new EvaluationMemo();
  // Only the recorder's walk contributes checklist rows; the other browser's walks are run for
  // their failures alone and skip building rows (see `WalkInput.rows`).
  const walk = (browser: BrowserName, credentialed: boolean): WalkResult =>
    walkBrowser({ browser, x, legs, mode, requestOrigin, credentialed, isRecorder: browser === recorder, now, rows: browser === recorder, memo });
  const runs = readings.map((credentialed) => ({ credentialed, results: { chromium: walk('chromium', credentialed), firefox: walk('firefox', credentialed) } }));
  return { credentials, runs };
}

/** One browser's checks over every leg, in its own order: preflight, CORS check of the response, redirect rules. */
export function walkBrowser(input: WalkInput): WalkResult {
  const w = new Walk(input);
  const { x, legs } = input;
  const count = x.legs.length;
  let first: LegPreflight | null = null;
  for (let i = 0; i < count && w.failure === null; i += 1) {
    const leg = x.legs[i];
    const ctx = legs[i];
    if (leg === undefined || ctx === undefined) continue;
    if (ctx.corsTainted) {
      if (i === 0 && !isHttpScheme(ctx.url)) {
        unsupportedScheme(w, ctx, prefixFor(i, count, 'response'));
        break;
      }
      const preflight = preflightStage(w, leg, ctx, prefixFor(i, count, 'preflight'), first === null);
      first ??= preflight;
      if (w.failure !== null) break;
    }
    const prefix = prefixFor(i, count, 'response');
    const response = leg.response;
    if (response === null) {
      if (!ctx.corsTainted) continue;
      noResponse(w, ctx, prefix);
      break;
    }
    if (ctx.corsTainted) {
      const origin = observedOrigin(input, leg.request.headers, leg.request.headersProvisional, ctx.actualOrigin);
      runAccessCheck(w, prefix, response.headers, response.status, origin, ctx.url, false, 'observed');
      if (w.failure !== null) break;
    }
    if (isRedirect(response)) redirectRules(w, ctx, x.legs[i + 1]?.request.url ?? locationUrl(response, ctx.url) ?? '', prefix);
  }
  return {
    checks: w.checks,
    failure: w.failure,
    triggers: first?.triggers ?? [],
    preflightNeeded: first?.needed ?? false,
    authorizationByWildcard: w.authorizationByWildcard,
    inferred: w.inferred,
  };
}
