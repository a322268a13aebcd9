/**
 * What to reproduce, shell-independent: the preflight the browser sent (or would have sent), and
 * the actual request as sent — method, URL, header lines in the browser's order, body bytes —
 * plus notes on what is rebuilt or missing. The curl, PowerShell and fetch() renderers all start
 * from a `HandoffRequest`.
 */
import type { BrowserName, ExchangeLeg, HttpHeader, ObservedExchange } from '../model/exchange.ts';
import { legContexts, preflightTriggers, requestMode, requestOriginOf } from '../cors/index.ts';
import { bodyBytes, type BodyBytes } from './bytes.ts';
import type { HandoffNote } from './notes.ts';

export interface HandoffRequest {
  readonly kind: 'preflight' | 'request';
  readonly method: string;
  readonly url: string;
  /** In the browser's order, duplicates kept. */
  readonly headers: readonly HttpHeader[];
  readonly body: BodyBytes | null;
  readonly notes: readonly HandoffNote[];
}

const lower = (name: string): string => name.toLowerCase();
const header = (headers: readonly HttpHeader[], name: string): string | null =>
  headers.find((h) => lower(h.name) === name)?.value ?? null;

function browserOf(exchange: ObservedExchange): BrowserName {
  return exchange.recorder === 'firefox' ? 'firefox' : 'chromium';
}

/** The legs' CORS context: the origin each leg's preflight and request carry (`null` after a tainting redirect). */
function contexts(exchange: ObservedExchange) {
  const origin = requestOriginOf(exchange).origin;
  return { origin, legs: legContexts(exchange, origin, requestMode(exchange, origin).mode) };
}

/** The page-set headers that make `leg` need a preflight; null when it needs none. */
function preflightNeed(exchange: ObservedExchange, leg: ExchangeLeg, index: number): { names: string[] } | null {
  const { legs } = contexts(exchange);
  const context = legs[index];
  if (context === undefined || !context.corsTainted) return null;
  const triggers = preflightTriggers({ method: leg.request.method, headers: leg.request.headers });
  if (triggers.length === 0) return null;
  return { names: triggers.flatMap((t) => (t.kind === 'method' ? [] : [t.name])) };
}

/** Index of the leg whose preflight to reproduce: `leg` if given, else the first preflighted one. */
function preflightLeg(exchange: ObservedExchange, leg: number | undefined): number | null {
  if (leg !== undefined) return exchange.legs[leg] === undefined ? null : leg;
  const index = exchange.legs.findIndex((l, i) => l.preflight !== null || preflightNeed(exchange, l, i) !== null);
  return index === -1 ? null : index;
}

/**
 * The CORS-preflight of one leg (https://fetch.spec.whatwg.org/#cors-preflight-fetch): `OPTIONS`
 * with `Origin` and the `Access-Control-Request-*` headers exactly as the browser wrote them. A
 * preflight answered from the cache, or one the recording lacks although the request needed it, is
 * rebuilt from the request the way the browser builds it: the leg's origin (Chromium sends `null`
 * after a tainting redirect, Firefox the page's origin), the method, and the sorted, lower-cased
 * CORS-unsafe header names joined by "," (https://fetch.spec.whatwg.org/#cors-unsafe-request-header-names).
 * @returns null when no leg was or needed to be preflighted.
 */
export function preflightRequest(exchange: ObservedExchange, options: { readonly leg?: number } = {}): HandoffRequest | null {
  const index = preflightLeg(exchange, options.leg);
  const leg = index === null ? undefined : exchange.legs[index];
  if (index === null || leg === undefined) return null;
  const preflight = leg.preflight;
  if (preflight !== null && preflight.kind === 'observed') {
    const headers = preflight.request.headers.filter((h) => lower(h.name) === 'origin' || lower(h.name).startsWith('access-control-request-'));
    return { kind: 'preflight', method: preflight.request.method, url: preflight.request.url, headers, body: null, notes: [] };
  }
  const need = preflightNeed(exchange, leg, index);
  if (preflight === null && need === null) return null;
  const origin = contexts(exchange).legs[index]?.preflightOrigin[browserOf(exchange)] ?? null;
  const names = need?.names ?? [];
  const headers: HttpHeader[] = [
    ...(origin === null ? [] : [{ name: 'Origin', value: origin }]),
    { name: 'Access-Control-Request-Method', value: leg.request.method },
    ...(names.length === 0 ? [] : [{ name: 'Access-Control-Request-Headers', value: names.join(',') }]),
  ];
  const note: HandoffNote = preflight === null ? 'preflight-not-recorded' : 'preflight-from-cache';
  return { kind: 'preflight', method: 'OPTIONS', url: leg.request.url, headers, body: null, notes: [note] };
}

/** True when the request says it had a body the recording does not hold. */
function bodyExpected(headers: readonly HttpHeader[]): boolean {
  const length = header(headers, 'content-length');
  return (length !== null && Number(length) > 0) || header(headers, 'content-type') !== null;
}

/**
 * The actual request of one leg (the first by default) as the browser sent it: method, URL, every
 * header line in order, the body. A request that never went on the wire (Chromium shows
 * "Provisional headers", without `Origin`) gets the `Origin` the browser would have sent.
 */
export function actualRequest(exchange: ObservedExchange, options: { readonly leg?: number } = {}): HandoffRequest | null {
  const index = options.leg ?? 0;
  const leg = exchange.legs[index];
  if (leg === undefined) return null;
  const request = leg.request;
  const notes: HandoffNote[] = [];
  let headers = request.headers;
  if (request.headersProvisional === true && header(headers, 'origin') === null) {
    const context = contexts(exchange).legs[index];
    if (context?.corsTainted === true && context.actualOrigin !== null) {
      headers = [...headers, { name: 'Origin', value: context.actualOrigin }];
      notes.push('request-not-sent');
    }
  }
  let body: BodyBytes | null = null;
  if (request.body !== undefined) {
    body = bodyBytes(request.body);
    if (body === null) notes.push('body-not-decodable');
    else if (body.replacedSurrogates) notes.push('surrogates-replaced');
  } else if (bodyExpected(headers) && !['GET', 'HEAD'].includes(request.method)) {
    notes.push('body-not-recorded');
  }
  return { kind: 'request', method: request.method, url: request.url, headers, body, notes };
}
