/**
 * The CORS-preflight stage (https://fetch.spec.whatwg.org/#cors-preflight-fetch) for an observed
 * preflight, a cache hit, or a preflight nobody saw. An observed preflight's answer goes through
 * the checks of `rules/preflight-checks.ts` in the browser's own order (`PREFLIGHT_ORDER`); each check's
 * failure value becomes the browser's failure, its result a checklist row (`preflight-rows.ts`).
 */
import type { BrowserName, ExchangeLeg, ObservedPreflight, ObservedResponse } from '../../model/exchange.ts';
import type { Check, PreflightTrigger } from '../verdict.ts';
import type { Failure } from '../rules/failure.ts';
import type { LegContext } from '../rules/classify.ts';
import type { Walk } from './walk-state.ts';
import type { PreflightFailure, PreflightStep } from '../rules/preflight-checks.ts';
import { observedOrigin, unseenRequestHeaderNames } from './walk-state.ts';
import { LNA_NET_ERROR } from '../rules/local-network.ts';
import { firefoxPairsWouldSkip } from '../rules/init-pairs.ts';
import { runAccessCheck } from './access-stage.ts';
import { check, SPEC } from '../content/check-row.ts';
import { failure } from '../rules/failure.ts';
import { inferredFact } from '../content/facts.ts';
import {
  NAMES_OFFENDING_VALUE,
  PREFLIGHT_ORDER,
  checkListSyntax,
  checkPreflightRedirect,
  checkPreflightStatus,
  matchHeaders,
  matchMethod,
} from '../rules/preflight-checks.ts';
import {
  corsCheckSkippedRow,
  headersRow,
  listSyntaxRow,
  maxAgeRow,
  methodRow,
  networkErrorRow,
  redirectRow,
  statusRow,
} from '../content/preflight-rows.ts';
import { cacheEntryExpired, coverageOfLists, maxAgeFor } from '../../http/preflight-cache.ts';
import { asciiLower, getHeader } from '../../http/headers.ts';
import { preflightTriggers } from '../../http/safelist.ts';
import { sameOrigin } from '../../http/origin.ts';

/** A preflight check's failure value in `browser`'s terms. */
function preflightFailure(browser: BrowserName, f: PreflightFailure, url: string): Failure {
  const names = NAMES_OFFENDING_VALUE[f.code];
  return failure(browser, f.code, url, 'observed', {
    ...(names.chromium ? { chromiumParam: f.value } : {}),
    ...(names.firefox ? { firefoxParam: f.value } : {}),
  });
}

/** What every step of one observed preflight reads. */
interface PreflightRun {
  readonly w: Walk;
  readonly ctx: LegContext;
  readonly response: ObservedResponse;
  /** The origin the preflight carried (the CORS check compares ACAO with it). */
  readonly origin: string | null;
  readonly prefix: string;
  readonly unsafeNames: readonly string[];
  readonly method: string;
}

/** Records a pure check's row and, when it failed, the browser's failure. */
function record(run: PreflightRun, row: () => Check, f: PreflightFailure | null): void {
  run.w.row(row);
  if (f !== null) run.w.fail(preflightFailure(run.w.browser, f, run.ctx.url));
}

function runStep(run: PreflightRun, step: PreflightStep): void {
  const { w, ctx, response, prefix } = run;
  switch (step) {
    case 'redirect': {
      const f = checkPreflightRedirect(response);
      record(run, () => redirectRow(prefix, response, f), f);
      return;
    }
    case 'cors-check':
      // The CORS check uses the actual request's credentials mode (spec: "CORS check for request").
      // Firefox quirk: a preflight to the page's own origin (a redirect came back to it, so the
      // request is tainted) gets no CORS check: ACAO and ACAC are not read, while status,
      // methods and headers still are. Verified in Firefox 153 (lab fuzzing, then probes): ACAO
      // absent, `*` with credentials, or another origin all pass; a 404 is
      // CORSPreflightDidNotSucceed. The spec checks it like any preflight; Chromium does.
      if (w.browser === 'firefox' && sameOrigin(w.input.requestOrigin, ctx.urlOrigin)) {
        w.row(() => corsCheckSkippedRow(prefix, response, ctx.urlOrigin));
      } else {
        runAccessCheck(w, prefix, response.headers, response.status, run.origin, ctx.url, true, 'observed');
      }
      return;
    case 'status': {
      const f = checkPreflightStatus(response.status);
      record(run, () => statusRow(prefix, response.status, f), f);
      return;
    }
    case 'allow-methods-syntax': {
      const f = checkListSyntax(w.input.memo.tokenList(response.headers, 'access-control-allow-methods'), 'invalid-allow-methods');
      record(run, () => listSyntaxRow(prefix, 'invalid-allow-methods', response, f), f);
      return;
    }
    case 'allow-headers-syntax': {
      const f = checkListSyntax(w.input.memo.tokenList(response.headers, 'access-control-allow-headers'), 'invalid-allow-headers');
      record(run, () => listSyntaxRow(prefix, 'invalid-allow-headers', response, f), f);
      return;
    }
    case 'method': {
      const items = w.input.memo.tokenList(response.headers, 'access-control-allow-methods')?.items ?? [];
      const match = matchMethod(run.method, items, w.input.credentialed);
      record(run, () => methodRow(prefix, run.method, match, items, response, w.input.credentialed), match.failure);
      return;
    }
    case 'headers':
      headersStep(run);
      return;
    default: {
      const _exhaustive: never = step;
      return _exhaustive;
    }
  }
}

function headersStep(run: PreflightRun): void {
  const { w, ctx, response, prefix, unsafeNames } = run;
  const { items, listed } = w.input.memo.allowedHeaders(response.headers);
  const order = w.browser === 'chromium' ? w.input.memo.chromiumOrder(unsafeNames, w.input.x.legs, ctx.index) : { names: unsafeNames, observed: true };
  const match = matchHeaders(order.names, items, w.input.credentialed, listed);
  if (match.authorizationByWildcard) w.authorizationByWildcard = true;
  if (match.failure !== null && !order.observed && match.missing.length > 1) {
    w.inferred.push(inferredFact('header-order-unrecorded', { header: match.failure.value, candidates: match.missing }, { url: ctx.url }));
  }
  const authorizationByWildcard = w.authorizationByWildcard;
  record(run, () => headersRow(prefix, { unsafeNames, match, items, response, credentialed: w.input.credentialed, authorizationByWildcard }), match.failure);
}

/** What the preflight step found on a leg: the first CORS leg's is the request's. */
export interface LegPreflight {
  readonly triggers: readonly PreflightTrigger[];
  readonly needed: boolean;
}

/**
 * A CORS leg's preflight step: why it needs a preflight in this browser, then the observed
 * preflight's checks, the cache hit, or the unseen preflight. On the first CORS leg, a preflight
 * observed although nothing visible needs one is stated as forced (XHR upload listeners, stream
 * bodies).
 */
export function preflightStage(w: Walk, leg: ExchangeLeg, ctx: LegContext, prefix: string, firstCorsLeg: boolean): LegPreflight {
  const { input } = w;
  const i = ctx.index;
  // An observed preflight's Access-Control-Request-Headers is authoritative for the browser
  // that sent it; the other browser judges the page's headers by the safelist, which both
  // browsers apply to the combined value of a name set twice (Firefox judges fetch() init pairs
  // apart, which no recording shows: stated below, from rules/init-pairs.ts).
  const observedPre = leg.preflight !== null && leg.preflight.kind === 'observed' ? leg.preflight : null;
  // A request never sent may show only some of its headers (Chromium reports none for a request
  // blocked at its preflight): then the other browser cannot judge headers it does not see, and
  // takes the names from the recorder's preflight too (VERIFIED.md, "Request headers of a
  // request blocked at its preflight").
  const unseen = observedPre === null ? null : unseenRequestHeaderNames(leg, observedPre);
  const acrh = observedPre === null ? null : input.isRecorder ? input.memo.requestedHeaders(observedPre) : unseen;
  if (input.isRecorder && unseen !== null) {
    const visible = new Set(leg.request.headers.map((h) => asciiLower(h.name)));
    const names = unseen.filter((n) => !visible.has(n));
    if (names.length > 0) w.inferred.push(inferredFact('request-headers-from-preflight', { names }));
  }
  const preMethod = observedPre === null ? null : getHeader(observedPre.request.headers, 'access-control-request-method');
  const method = preMethod ?? leg.request.method;
  const { triggers, unsafeNames } = input.memo.triggers(i, input.browser, acrh !== null, () =>
    preflightTriggers({
      method,
      headers: leg.request.headers,
      requestHeadersFromPreflight: acrh,
    }),
  );
  // The recorder's observed preflight always counts. The other browser skips it only when the
  // recorder had a reason this browser does not share; a preflight with no visible reason at
  // all was forced (XHR upload listeners, stream bodies) and is forced in both browsers.
  const recorder = input.browser === 'chromium' ? 'firefox' : 'chromium';
  const recorderHadReason =
    observedPre !== null &&
    !input.isRecorder &&
    input.memo
      .triggers(i, recorder, true, () =>
        preflightTriggers({ method, headers: leg.request.headers, requestHeadersFromPreflight: input.memo.requestedHeaders(observedPre) }),
      ).triggers.length > 0;
  const pre = recorderHadReason && triggers.length === 0 ? null : leg.preflight;
  const needed = triggers.length > 0 || (pre !== null && pre.kind === 'observed');
  const observed = pre !== null && pre.kind === 'observed';
  if (firstCorsLeg && triggers.length === 0 && observed) w.inferred.push(inferredFact('preflight-forced', {}));
  if (firstCorsLeg && input.isRecorder) {
    for (const t of firefoxPairsWouldSkip(triggers, input.browser, observedPre !== null)) {
      w.inferred.push(inferredFact('firefox-init-pairs', { header: t.name, value: t.value }));
    }
  }
  if (pre !== null && pre.kind === 'observed') {
    observedPreflight(w, ctx, pre, prefix, unsafeNames, method);
  } else if (needed) {
    unseenPreflight(w, leg, prefix, unsafeNames, method);
  }
  return { triggers, needed };
}

/** The preflight stage for one observed preflight, in the browser's own order. */
export function observedPreflight(
  w: Walk,
  ctx: LegContext,
  pre: ObservedPreflight,
  prefix: string,
  unsafeNames: readonly string[],
  method: string,
): void {
  const b = w.browser;
  const response = pre.response;
  if (response === null) {
    // Chromium's Local Network Access checks refuse the request before its preflight leaves the
    // browser (net::ERR_BLOCKED_BY_LOCAL_NETWORK_ACCESS_CHECKS on the OPTIONS, verified in
    // Chromium 156); Firefox 153 has no such check and would send the OPTIONS (verified: the same
    // lab fetch passes in Firefox). The server's answer is not in the recording, so Firefox's
    // preflight is not judged. https://wicg.github.io/local-network-access/
    if (b === 'firefox' && pre.error === LNA_NET_ERROR) return;
    w.row(() => networkErrorRow(prefix, pre.error));
    const net = pre.error ?? w.input.x.outcome.error;
    w.fail(
      failure(b, 'preflight-network-error', ctx.url, 'observed', {
        firefoxParam: '(null)',
        ...(b === 'chromium' ? { consoleOverride: net !== undefined && net.startsWith('net::') ? `Failed to load resource: ${net}` : null } : {}),
      }),
    );
    return;
  }
  const origin = observedOrigin(w.input, pre.request.headers, pre.request.headersProvisional, ctx.preflightOrigin[b]);
  const run: PreflightRun = { w, ctx, response, origin, prefix, unsafeNames, method };
  for (const group of PREFLIGHT_ORDER[b]) {
    for (const step of group) runStep(run, step);
    if (w.failure !== null) return;
  }
  w.row(() => maxAgeRow(prefix, b, maxAgeFor(b, response.headers)));
}

/** The preflight stage when no preflight was seen on the wire. */
export function unseenPreflight(w: Walk, leg: ExchangeLeg, prefix: string, unsafeNames: readonly string[], method: string): void {
  const pre = leg.preflight;
  if (pre !== null && pre.kind === 'cache-hit') {
    const source = pre.sourceResponse;
    let detail = 'No preflight reached the network: a CORS-preflight cache hit. The cached answer must have allowed this request.';
    let status: Check['status'] = 'pass';
    if (source !== undefined) {
      const coverage = coverageOfLists(
        w.browser,
        {
          response: source.headers,
          entryCredentials: w.input.credentialed,
          method,
          unsafeHeaderNames: unsafeNames,
          credentialed: w.input.credentialed,
        },
        (name) => w.input.memo.tokenList(source.headers, name),
      );
      if (!coverage.covered) {
        status = 'unknown';
        detail = `The earlier preflight's answer does not cover this request (${coverage.why}${coverage.item === undefined ? '' : ` \`${coverage.item}\``}); another preflight must have created the entry.`;
      }
      if (cacheEntryExpired(w.browser, leg.request, pre, source, w.input.now)) {
        status = 'unknown';
        detail += ` By ${w.browser === 'chromium' ? 'Chromium' : 'Firefox'}'s Max-Age rules the entry would already have expired.`;
      }
    }
    w.row(() =>
      check({
        id: `${prefix}.cache`,
        title: 'A cached preflight covered the request',
        status,
        observed: null,
        expected: 'a fresh preflight-cache entry for this origin, URL, method and headers',
        detail,
        provenance: 'inferred',
        spec: SPEC.preflightCache,
      }),
    );
    return;
  }
  const sent = leg.response !== null;
  w.row(() =>
    check({
      id: `${prefix}.seen`,
      title: 'The preflight',
      status: sent ? 'pass' : 'unknown',
      observed: null,
      expected: 'an OPTIONS preflight, or a fresh preflight-cache entry',
      detail: sent
        ? 'No preflight was recorded, yet the request went out: the preflight passed or a cached one covered it (some recorders, e.g. Chrome webRequest without extraHeaders, never see preflights).'
        : 'No preflight was recorded and the request never completed; the preflight may have failed out of sight.',
      provenance: 'inferred',
      spec: SPEC.preflight,
    }),
  );
}
