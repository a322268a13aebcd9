/**
 * Applying server changes to a recorded exchange, and judging the result: the proof that a fix
 * works (both browsers allow it), and the panel's "Try a fix". Pure: the exchange is rebuilt with
 * the changed answers, as the server would now send them.
 *
 * What the recording does not hold is filled in the way a browser would meet it:
 * - a redirect the browser stopped at (its CORS check failed) leads to its Location, requested
 *   next (`withNextHop`), with no answer known yet;
 * - a request never sent (blocked at its preflight) or a hop never requested gets an answer with
 *   no headers (status 200), and a preflight nobody saw one with status 404 and no headers (what
 *   a server without an OPTIONS route answers), before the changes apply.
 */
import type { ExchangeLeg, HttpHeader, ObservedExchange, ObservedPreflight, ObservedResponse, PreflightRecord } from '../../model/exchange.ts';
import type { ServerChange } from './types.ts';
import type { Verdict } from '../verdict.ts';
import { responseKey, splitHeaderLine } from './types.ts';
import { evaluateExchange } from '../evaluate.ts';
import { asciiLower } from '../../http/headers.ts';
import { isRedirect, locationUrl } from '../../http/redirect.ts';
import { preflightTriggers } from '../../http/safelist.ts';

/** The answer assumed for a request the recording has no response to. */
export const UNRECORDED_RESPONSE: ObservedResponse = { status: 200, headers: [] };
/** The answer assumed for a preflight nobody saw (a server without an OPTIONS route). */
export const UNRECORDED_PREFLIGHT: ObservedResponse = { status: 404, headers: [] };

/** Request headers a redirect that turns the method into GET drops (https://fetch.spec.whatwg.org/#request-body-header-name). */
const BODY_HEADERS = new Set(['content-encoding', 'content-language', 'content-location', 'content-type']);
/** Request headers the browser sets per URL: not carried to a hop the recording lacks. */
const PER_URL_HEADERS = new Set(['host', 'origin', 'cookie', 'referer', 'content-length']);

/**
 * The exchange with the hop a browser would request next when the last recorded response is a
 * redirect: the Location, with the method as https://fetch.spec.whatwg.org/#http-redirect-fetch
 * rewrites it, the page's headers, and no answer yet. Unchanged when the last leg is not a redirect.
 */
export function withNextHop(x: ObservedExchange): ObservedExchange {
  const last = x.legs[x.legs.length - 1];
  const response = last?.response ?? null;
  if (last === undefined || response === null || !isRedirect(response)) return x;
  const url = locationUrl(response, last.request.url);
  if (url === null) return x;
  const method = last.request.method;
  const toGet = ((response.status === 301 || response.status === 302) && method === 'POST') || (response.status === 303 && method !== 'GET' && method !== 'HEAD');
  const headers = last.request.headers.filter((h) => {
    const name = asciiLower(h.name);
    return !PER_URL_HEADERS.has(name) && !(toGet && BODY_HEADERS.has(name));
  });
  const next: ExchangeLeg = {
    request: { url, method: toGet ? 'GET' : method, headers, headersProvisional: true },
    preflight: null,
    response: null,
  };
  return { ...x, legs: [...x.legs, next] };
}

/** `headers` with each change line replacing every same-named header (in place of the first one). */
export function replaceHeaders(headers: readonly HttpHeader[], lines: readonly string[]): HttpHeader[] {
  let out = [...headers];
  for (const line of lines) {
    const parts = splitHeaderLine(line);
    if (parts === null) continue;
    const name = asciiLower(parts.name);
    const at = out.findIndex((h) => asciiLower(h.name) === name);
    out = out.filter((h) => asciiLower(h.name) !== name);
    out.splice(at < 0 ? out.length : at, 0, { name: parts.name, value: parts.value });
  }
  return out;
}

function changed(response: ObservedResponse, change: ServerChange | undefined): ObservedResponse {
  if (change === undefined) return response;
  return { ...response, ...(change.status === undefined ? {} : { status: change.status }), headers: replaceHeaders(response.headers, change.headers) };
}

/** Whether the request needs a preflight (its method, or a page-set header). */
export function needsPreflight(leg: ExchangeLeg): boolean {
  return preflightTriggers({ method: leg.request.method, headers: leg.request.headers }).length > 0;
}

function preflightWith(leg: ExchangeLeg, change: ServerChange | undefined): PreflightRecord | null {
  const pre = leg.preflight;
  if (pre === null) {
    // A preflight nobody saw matters only when the request was not sent: it was what stopped it,
    // or the request is a hop the recording lacks.
    if (leg.response !== null || (change === undefined && !needsPreflight(leg))) return pre;
    const synthesized: ObservedPreflight = {
      kind: 'observed',
      request: { url: leg.request.url, method: 'OPTIONS', headers: [], headersProvisional: true },
      response: changed(UNRECORDED_PREFLIGHT, change),
    };
    return synthesized;
  }
  if (change === undefined) return pre;
  if (pre.kind === 'observed') return pre.response === null ? pre : { ...pre, response: changed(pre.response, change) };
  // A cache entry is the answer that created it: the changed answer makes the entry.
  return pre.sourceResponse === undefined ? pre : { ...pre, sourceResponse: changed(pre.sourceResponse, change) };
}

/**
 * The exchange as the server would answer it after `changes` (each matched by method and URL). A
 * request the recording has no answer to gets `UNRECORDED_RESPONSE` first, and one that needed a
 * preflight nobody saw gets `UNRECORDED_PREFLIGHT`: a fix must say what those answers carry.
 */
export function applyServerChanges(x: ObservedExchange, changes: readonly ServerChange[]): ObservedExchange {
  const byKey = new Map(changes.map((c) => [responseKey(c.method, c.url), c]));
  const legs = x.legs.map((leg): ExchangeLeg => {
    const preflight = preflightWith(leg, byKey.get(responseKey('OPTIONS', leg.request.url)));
    const response = changed(leg.response ?? UNRECORDED_RESPONSE, byKey.get(responseKey(leg.request.method, leg.request.url)));
    return { ...leg, preflight, response };
  });
  return { ...x, legs };
}

/**
 * What both browsers would decide once the server answers as `changes` say: the exchange (with
 * the hop its last redirect leads to) re-evaluated under the credentials mode the verdict read,
 * with the recorded outcome set aside (it was the old server's).
 */
export function evaluateWithChanges(x: ObservedExchange, verdict: Verdict, changes: readonly ServerChange[], now?: number): Verdict {
  const fixed = applyServerChanges(withNextHop(x), changes);
  const judged: ObservedExchange = {
    ...fixed,
    credentialsMode: credentialedReading(verdict) ? 'include' : 'omit',
    outcome: { kind: 'unknown' },
  };
  return evaluateExchange(judged, now === undefined ? {} : { now });
}

/** Whether the verdict read the request as credentialed (`credentials: "include"`), known or inferred. */
export function credentialedReading(verdict: Verdict): boolean {
  return verdict.checks.find((c) => c.id === 'request.credentials')?.observed === 'include';
}
