/** Verdicts that end before the CORS checks: not CORS, same-origin mode, unreadable input. */
import type { BrowserName } from '../../model/exchange.ts';
import type { BrowserVerdict, Check, Classification, InferredFact, Verdict } from '../verdict.ts';
import type { Failure } from '../rules/failure.ts';
import type { LegContext } from '../rules/classify.ts';
import type { Context } from './context.ts';
import { browserVerdict } from './context.ts';
import { check, SPEC } from '../content/check-row.ts';
import { isDataUrl, originOf, sameSite } from '../../http/origin.ts';

export function notCorsVerdict(ctx: Context, modeCheck: Check, inferred: InferredFact[]): Verdict {
  const firstUrl = ctx.x.legs[0]?.request.url ?? '';
  const kind: Classification['kind'] =
    ctx.mode === 'navigate' ? 'navigation' : ctx.mode === 'no-cors' || ctx.mode === 'websocket' ? 'no-cors' : 'same-origin';
  const detail =
    kind === 'navigation'
      ? 'Navigations are not subject to CORS.'
      : ctx.mode === 'websocket'
        ? 'WebSocket handshakes are not subject to CORS; servers check the Origin header themselves.'
        : kind === 'no-cors'
          ? 'A no-cors request gets an opaque response: no CORS error is possible, and script cannot read it.'
          : isDataUrl(firstUrl)
            ? 'A `data:` URL is read locally (scheme fetch) and its response is basic: CORS does not apply.'
            : 'Every URL in the chain is same-origin with the page: CORS does not apply.';
  return {
    outcome: 'not-cors',
    classification: { kind, origin: ctx.requestOrigin, target: firstUrl, sameSite: sameSite(ctx.requestOrigin, originOf(firstUrl)), preflightNeeded: false, preflightTriggers: [] },
    checks: [modeCheck, check({ id: 'request.cors', title: 'CORS applies', status: 'not-applicable', observed: null, expected: 'a cross-origin request in mode cors', detail, provenance: modeCheck.provenance, spec: SPEC.mainFetch })],
    chromium: browserVerdict(ctx, 'chromium', null),
    firefox: browserVerdict(ctx, 'firefox', null),
    code: null,
    browsersDisagree: false,
    warnings: [],
    inferred,
  };
}

/**
 * Mode `same-origin` to a cross-origin URL. Chromium 156 rejects it in the renderer: no
 * corsErrorStatus reaches CDP, the console says "Fetch API cannot load …" (verified); the network
 * service would name it DisallowedByMode. Firefox logs a `SOP` security error (verified).
 */
export function sameOriginModeVerdict(ctx: Context, leg: LegContext, modeCheck: Check, inferred: InferredFact[]): Verdict {
  const origin = ctx.requestOrigin ?? 'null';
  const chromium: Failure = {
    code: 'disallowed-by-mode',
    corsError: 'DisallowedByMode',
    failedParameter: '',
    firefoxReason: null,
    firefoxParam: null,
    url: leg.url,
    provenance: modeCheck.provenance,
    consoleOverride: `Fetch API cannot load ${leg.url}. Request mode is "same-origin" but the URL's origin is not same as the request origin ${origin}.`,
  };
  const firefox: Failure = { ...chromium, corsError: null, failedParameter: null, consoleOverride: `Security Error: Content at ${origin}/ may not load data from ${leg.url}.` };
  const verdicts = { chromium: browserVerdict(ctx, 'chromium', chromium), firefox: browserVerdict(ctx, 'firefox', firefox) };
  const firstUrl = ctx.x.legs[0]?.request.url ?? '';
  return {
    outcome: 'blocked',
    classification: { kind: 'same-origin', origin: ctx.requestOrigin, target: firstUrl, sameSite: sameSite(ctx.requestOrigin, originOf(firstUrl)), preflightNeeded: false, preflightTriggers: [] },
    checks: [
      modeCheck,
      check({
        id: 'request.same-origin-mode',
        title: 'A same-origin-mode request stays same-origin',
        status: 'fail',
        observed: leg.url,
        expected: `a URL on ${origin}`,
        detail: 'The request mode is `same-origin`, so any cross-origin URL (including a redirect target) is a network error.',
        code: 'disallowed-by-mode',
        provenance: modeCheck.provenance,
        spec: SPEC.mainFetch,
      }),
    ],
    chromium: verdicts.chromium,
    firefox: verdicts.firefox,
    code: 'disallowed-by-mode',
    browsersDisagree: false,
    warnings: [],
    inferred,
  };
}

export function fallbackVerdict(x: unknown, error: unknown): Verdict {
  let failed = false;
  let target = '';
  try {
    const b = typeof x === 'object' && x !== null ? (x as { outcome?: { kind?: unknown }; legs?: unknown }) : {};
    failed = b.outcome?.kind === 'failed';
    const legs = Array.isArray(b.legs) ? (b.legs as unknown[]) : [];
    const first = legs[0] as { request?: { url?: unknown } } | undefined;
    target = typeof first?.request?.url === 'string' ? first.request.url : '';
  } catch {
    // Unreadable input: keep the defaults.
  }
  const message = error instanceof Error ? error.message : String(error);
  const blank = (browser: BrowserName): BrowserVerdict => ({
    browser,
    allowed: !failed,
    corsError: null,
    failedParameter: null,
    firefoxReason: null,
    consoleMessage: null,
    code: failed ? 'blocked-cause-not-visible' : null,
  });
  return {
    outcome: failed ? 'blocked' : 'allowed',
    classification: { kind: 'cors', origin: null, target, sameSite: null, preflightNeeded: false, preflightTriggers: [] },
    checks: [
      {
        id: 'evaluator.input',
        title: 'The exchange could be evaluated',
        status: 'unknown',
        observed: null,
        expected: 'a well-formed exchange',
        detail: `The evaluator could not explain this exchange (${message}).`,
        provenance: 'inferred',
      },
    ],
    chromium: blank('chromium'),
    firefox: blank('firefox'),
    code: failed ? 'blocked-cause-not-visible' : null,
    browsersDisagree: false,
    warnings: [],
    inferred: [],
  };
}
