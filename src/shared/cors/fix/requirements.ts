/**
 * What each response of an exchange must carry for both browsers to allow it, as the smallest
 * change to what it carries now: per CORS leg, the preflight answer (status, the CORS check,
 * Allow-Methods, Allow-Headers) and the response (the CORS check, `Vary: Origin` where an
 * echoed origin needs it). Each requirement is judged by the evaluator's own rules
 * (`rules/access-check.ts`, `rules/preflight-checks.ts`) for each browser, so a header is
 * changed only where some browser's check fails; a list is extended with what the server
 * already allowed (`evidence.ts`), never replaced.
 */
import type { BrowserName, ExchangeLeg, HttpHeader, ObservedExchange, ObservedRequest, ObservedResponse } from '../../model/exchange.ts';
import type { LegContext } from '../rules/classify.ts';
import type { ServerEvidence } from './evidence.ts';
import type { ServerChange } from './types.ts';
import { accessCheck } from '../rules/access-check.ts';
import { legContexts, requestOriginOf } from '../rules/classify.ts';
import { checkListSyntax, matchHeaders, matchMethod } from '../rules/preflight-checks.ts';
import { observedOrigin, requestHeadersFromPreflight } from '../walk/walk-state.ts';
import { BROWSERS } from '../walk/context.ts';
import { listTokens, unionBy } from './evidence.ts';
import { UNRECORDED_PREFLIGHT, UNRECORDED_RESPONSE, needsPreflight, replaceHeaders } from './apply.ts';
import { asciiLower, getHeader, headerValues } from '../../http/headers.ts';
import { parseTokenList, splitList } from '../../http/list.ts';
import { isTupleOrigin, sameOrigin } from '../../http/origin.ts';
import { isCorsSafelistedMethod, preflightTriggers } from '../../http/safelist.ts';
import { isOkStatus } from '../../http/status.ts';

/**
 * Why no header can make a response pass safely.
 * - `redirect-tainted-credentials`: after a cross-origin redirect the browser checks the origin
 *   `null` (https://fetch.spec.whatwg.org/#concept-request-tainted-origin), and the request is
 *   credentialed, so only `Access-Control-Allow-Origin: null` with credentials would pass: as open
 *   as `*`, and unlike `*` admitting credentials.
 * - `origin-unknown`: the recording does not show the page's origin, and a credentialed request
 *   needs it named.
 */
export type Blocker = 'redirect-tainted-credentials' | 'origin-unknown';

export type Requirements =
  | { readonly kind: 'changes'; readonly changes: readonly ServerChange[]; readonly allowOrigin: string | null }
  | { readonly kind: 'blocked'; readonly blocker: Blocker };

interface Judge {
  readonly x: ObservedExchange;
  readonly recorder: BrowserName;
  readonly requestOrigin: string | null;
  readonly credentialed: boolean;
  readonly evidence: ServerEvidence;
}

/** The origin each browser that checks this response compares `Access-Control-Allow-Origin` with. */
type Checkers = readonly { readonly browser: BrowserName; readonly origin: string | null }[];

function passes(checkers: Checkers, headers: readonly HttpHeader[], status: number, credentialed: boolean): boolean {
  const allowOrigin = getHeader(headers, 'access-control-allow-origin');
  const allowCredentials = getHeader(headers, 'access-control-allow-credentials');
  return checkers.every(({ browser, origin }) => accessCheck(browser, { headers, allowOrigin, allowCredentials, status, origin, credentialed }).ok);
}

/** The one `Access-Control-Allow-Origin` value every checking browser accepts, or why there is none. */
function allowOriginFor(judge: Judge, checkers: Checkers): string | Blocker {
  const origins = [...new Set(checkers.map((c) => c.origin))];
  const [only] = origins;
  if (origins.length === 1 && only !== undefined && isTupleOrigin(only)) return only;
  if (!judge.credentialed) return '*';
  if (origins.length === 1 && only === 'null' && judge.requestOrigin === 'null') return 'null';
  return origins.includes(null) ? 'origin-unknown' : 'redirect-tainted-credentials';
}

/** `Vary: Origin` added to what the response varies on, unless it varies on Origin (or `*`) already. */
function varyLine(headers: readonly HttpHeader[]): string[] {
  const items = headerValues(headers, 'vary').flatMap((v) => splitList(v));
  if (items.some((i) => i === '*' || asciiLower(i) === 'origin')) return [];
  return [`Vary: ${[...items, 'Origin'].join(', ')}`];
}

/**
 * The smallest set of CORS-check lines that makes the response pass for every checker: the
 * credentials line alone when the origin is right, else the origin line (with credentials when
 * needed), and `Vary: Origin` on a non-preflight response whose origin is now named.
 */
function accessLines(judge: Judge, checkers: Checkers, response: ObservedResponse, preflight: boolean): string[] | Blocker {
  const { headers, status } = response;
  const { credentialed } = judge;
  if (checkers.length === 0 || passes(checkers, headers, status, credentialed)) return [];
  const acac = credentialed && getHeader(headers, 'access-control-allow-credentials') !== 'true' ? ['Access-Control-Allow-Credentials: true'] : [];
  if (acac.length > 0 && passes(checkers, replaceHeaders(headers, acac), status, credentialed)) return acac;
  const allowOrigin = allowOriginFor(judge, checkers);
  if (allowOrigin === 'origin-unknown' || allowOrigin === 'redirect-tainted-credentials') return allowOrigin;
  const lines = [`Access-Control-Allow-Origin: ${allowOrigin}`, ...acac];
  return preflight || allowOrigin === '*' ? lines : [...lines, ...varyLine(headers)];
}

const same = (item: string): string => item;

/** The preflight's Allow-Methods and Allow-Headers lines, when either fails for the request. */
function listLines(judge: Judge, leg: ExchangeLeg, answer: ObservedResponse, observed: ObservedRequest | null): string[] {
  const { credentialed, evidence } = judge;
  const headers = answer.headers;
  const method = (observed === null ? null : getHeader(observed.headers, 'access-control-request-method')) ?? leg.request.method;
  const acrh = observed === null || observed.headersProvisional === true ? null : requestHeadersFromPreflight({ kind: 'observed', request: observed, response: answer });
  const names = unionBy(
    same,
    ...BROWSERS.map((browser) =>
      preflightTriggers({ method, headers: leg.request.headers, requestHeadersFromPreflight: browser === judge.recorder ? acrh : null }).flatMap((t) =>
        t.kind === 'method' ? [] : [asciiLower(t.name)],
      ),
    ),
  );
  const allowed = evidence.atUrl(leg.request.url);
  const lines: string[] = [];
  const methods = parseTokenList(headers, 'access-control-allow-methods');
  if (checkListSyntax(methods, 'invalid-allow-methods') !== null || matchMethod(method, methods?.items ?? [], credentialed).failure !== null) {
    const needed = isCorsSafelistedMethod(method) ? [] : [method];
    const items = unionBy(same, listTokens(headers, 'access-control-allow-methods'), allowed.methods, needed);
    lines.push(`Access-Control-Allow-Methods: ${(items.length > 0 ? items : [method]).join(', ')}`);
  }
  const list = parseTokenList(headers, 'access-control-allow-headers');
  const items = (list?.items ?? []).map(asciiLower);
  if (checkListSyntax(list, 'invalid-allow-headers') !== null || matchHeaders(names, items, credentialed).missing.length > 0) {
    const all = unionBy(asciiLower, listTokens(headers, 'access-control-allow-headers'), allowed.headers, names);
    lines.push(`Access-Control-Allow-Headers: ${all.join(', ')}`);
  }
  return lines;
}

/**
 * The preflight answer a fix must look at: the observed one; none when the request went out
 * anyway (the preflight passed, or a cache entry covered it); the unrecorded answer when the
 * request was never sent and needed one.
 */
function preflightAnswer(leg: ExchangeLeg): { readonly answer: ObservedResponse; readonly request: ObservedRequest | null } | null {
  const pre = leg.preflight;
  if (pre?.kind === 'observed') return pre.response === null ? null : { answer: pre.response, request: pre.request };
  if (leg.response !== null || pre?.kind === 'cache-hit' || !needsPreflight(leg)) return null;
  return { answer: UNRECORDED_PREFLIGHT, request: null };
}

function preflightChange(judge: Judge, leg: ExchangeLeg, ctx: LegContext): ServerChange | Blocker | null {
  const found = preflightAnswer(leg);
  if (found === null) return null;
  const { answer, request } = found;
  // Firefox quirk (see walk/preflight-stage.ts): no CORS check on a preflight to the page's own origin.
  const checkers: Checkers = BROWSERS.filter((b) => !(b === 'firefox' && sameOrigin(judge.requestOrigin, ctx.urlOrigin))).map((browser) => ({
    browser,
    origin: request === null ? ctx.preflightOrigin[browser] : observedOrigin({ isRecorder: browser === judge.recorder }, request.headers, request.headersProvisional, ctx.preflightOrigin[browser]),
  }));
  const access = accessLines(judge, checkers, { ...answer, status: 204 }, true);
  if (typeof access === 'string') return access;
  const headers = [...access, ...listLines(judge, leg, answer, request)];
  const status = isOkStatus(answer.status) ? undefined : 204;
  if (headers.length === 0 && status === undefined) return null;
  return { method: 'OPTIONS', url: leg.request.url, ...(status === undefined ? {} : { status }), headers, ...(request === null ? { unrecorded: true as const } : {}) };
}

function responseChange(judge: Judge, leg: ExchangeLeg, ctx: LegContext): ServerChange | Blocker | null {
  const response = leg.response ?? UNRECORDED_RESPONSE;
  const checkers: Checkers = BROWSERS.map((browser) => ({
    browser,
    origin: observedOrigin({ isRecorder: browser === judge.recorder }, leg.request.headers, leg.request.headersProvisional, ctx.actualOrigin),
  }));
  const headers = accessLines(judge, checkers, response, false);
  if (typeof headers === 'string') return headers;
  if (headers.length === 0) return null;
  return { method: leg.request.method, url: leg.request.url, headers, ...(leg.response === null ? { unrecorded: true as const } : {}) };
}

/**
 * Every change the exchange's responses need, in leg order (each leg's preflight, then its
 * response), judged under `credentialed`; or why no header fixes it safely.
 */
export function requirements(x: ObservedExchange, credentialed: boolean, evidence: ServerEvidence): Requirements {
  const requestOrigin = requestOriginOf(x).origin;
  const judge: Judge = { x, recorder: x.recorder === 'firefox' ? 'firefox' : 'chromium', requestOrigin, credentialed, evidence };
  const contexts = legContexts(x, requestOrigin, 'cors');
  const changes: ServerChange[] = [];
  for (const [i, leg] of x.legs.entries()) {
    const ctx = contexts[i];
    if (ctx === undefined || !ctx.corsTainted) continue;
    for (const change of [preflightChange(judge, leg, ctx), responseChange(judge, leg, ctx)]) {
      if (typeof change === 'string') return { kind: 'blocked', blocker: change };
      if (change !== null) changes.push(change);
    }
  }
  const origins = changes.flatMap((c) => c.headers.filter((l) => l.startsWith('Access-Control-Allow-Origin: ')).map((l) => l.slice('Access-Control-Allow-Origin: '.length)));
  return { kind: 'changes', changes, allowOrigin: origins[0] ?? null };
}
