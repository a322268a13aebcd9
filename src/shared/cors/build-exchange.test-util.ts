/**
 * Builders for evaluator tests: a page at `PAGE`, an API at `API`, one exchange per call.
 * Header lists are `[name, value]` pairs so duplicates and order stay visible in the tables.
 */
import type { ExchangeLeg, HttpHeader, ObservedExchange, ObservedOutcome, ObservedRequest, PreflightRecord, Recorder } from '../model/exchange.ts';

export const PAGE = 'http://localhost:8000';
export const API = 'http://127.0.0.1:9000/api/items';
export const OTHER = 'http://127.0.0.1:9001/api/items';

export type Pairs = readonly (readonly [string, string])[];

export const h = (pairs: Pairs): HttpHeader[] => pairs.map(([name, value]) => ({ name, value }));

export const ACAO: readonly [string, string] = ['Access-Control-Allow-Origin', PAGE];
export const ACAC: readonly [string, string] = ['Access-Control-Allow-Credentials', 'true'];

export interface SimpleSpec {
  readonly method?: string;
  /** Page-set request headers (Origin and browser headers are added). */
  readonly request?: Pairs;
  readonly status?: number;
  readonly response?: Pairs;
  readonly credentials?: 'include' | 'omit';
  readonly recorder?: Recorder;
  readonly resourceType?: string;
  readonly outcome?: ObservedOutcome;
  readonly url?: string;
}

const browserHeaders = (origin: string): Pairs => [
  ['Host', '127.0.0.1:9000'],
  ['Origin', origin],
  ['User-Agent', 'Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0.0.0'],
  ['Accept-Encoding', 'gzip, deflate, br'],
  ['Accept-Language', 'en-US,en;q=0.9'],
  ['Referer', `${PAGE}/`],
  ['Sec-Fetch-Mode', 'cors'],
  ['Sec-Fetch-Site', 'cross-site'],
  ['sec-ch-ua', '"Chromium";v="156"'],
  ['Connection', 'keep-alive'],
];

function base(spec: SimpleSpec, legs: ExchangeLeg[]): ObservedExchange {
  return {
    id: 't',
    recorder: spec.recorder ?? 'chromium',
    initiatorOrigin: PAGE,
    resourceType: spec.resourceType ?? 'fetch',
    ...(spec.credentials === undefined ? {} : { credentialsMode: spec.credentials }),
    legs,
    outcome: spec.outcome ?? { kind: 'unknown' },
  };
}

/** A request without preflight. */
export function simple(spec: SimpleSpec): ObservedExchange {
  const url = spec.url ?? API;
  return base(spec, [
    {
      request: { url, method: spec.method ?? 'GET', headers: h([...browserHeaders(PAGE), ...(spec.request ?? [])]) },
      preflight: null,
      response: { status: spec.status ?? 200, headers: h(spec.response ?? []) },
    },
  ]);
}

export interface PreflightSpec extends SimpleSpec {
  readonly preflightStatus?: number;
  readonly preflightResponse?: Pairs | null;
  /** Actual response; null when the preflight blocked it. */
  readonly actual?: Pairs | null;
}

/** A preflighted request: OPTIONS with ACRM/ACRH computed from `request`, then the actual request. */
export function preflighted(spec: PreflightSpec): ObservedExchange {
  const url = spec.url ?? API;
  const method = spec.method ?? 'PUT';
  const names = [...new Set((spec.request ?? []).map(([n]) => n.toLowerCase()))].sort();
  const preRequest: Pairs = [
    ['Host', '127.0.0.1:9000'],
    ['Origin', PAGE],
    ['Accept', '*/*'],
    ['Access-Control-Request-Method', method],
    ...(names.length > 0 ? ([['Access-Control-Request-Headers', names.join(',')]] as const) : []),
    ['Sec-Fetch-Mode', 'cors'],
  ];
  const preflight: PreflightRecord = {
    kind: 'observed',
    request: { url, method: 'OPTIONS', headers: h(preRequest) },
    response: spec.preflightResponse === null ? null : { status: spec.preflightStatus ?? 204, headers: h(spec.preflightResponse ?? []) },
  };
  const blocked = spec.actual === null;
  return base(spec, [
    {
      request: {
        url,
        method,
        headers: h([...browserHeaders(PAGE), ...(spec.request ?? [])]),
        ...(blocked ? { headersProvisional: true } : {}),
      },
      preflight,
      response: blocked ? null : { status: spec.status ?? 200, headers: h(spec.actual ?? [ACAO]) },
    },
  ]);
}

export interface HopSpec {
  readonly url: string;
  readonly origin?: string;
  readonly status?: number;
  readonly response: Pairs;
}

/** A redirect chain of simple GETs; `hops[i].origin` is the Origin header sent on that hop. */
export function chain(spec: SimpleSpec, hops: readonly HopSpec[]): ObservedExchange {
  return base(
    spec,
    hops.map((hop) => ({
      request: { url: hop.url, method: 'GET', headers: h([['Origin', hop.origin ?? PAGE], ['Sec-Fetch-Mode', 'cors']]) },
      preflight: null,
      response: { status: hop.status ?? 200, headers: h(hop.response) },
    })),
  );
}

export const PUT_OK: readonly [string, string] = ['Access-Control-Allow-Methods', 'PUT'];
export const ACAO_NULL: readonly [string, string] = ['Access-Control-Allow-Origin', 'null'];

/** `x` as sent from an opaque origin: `Origin: null` on its requests and preflights; the recorder still names the page. */
export function fromOpaqueOrigin(x: ObservedExchange): ObservedExchange {
  const nullOrigin = (r: ObservedRequest): ObservedRequest => ({ ...r, headers: r.headers.map((hd) => (hd.name === 'Origin' ? { ...hd, value: 'null' } : hd)) });
  return {
    ...x,
    legs: x.legs.map((l) => ({ ...l, request: nullOrigin(l.request), preflight: l.preflight?.kind === 'observed' ? { ...l.preflight, request: nullOrigin(l.preflight.request) } : l.preflight })),
  };
}

/**
 * A preflighted PUT (headers `request`) allowed at API, redirected with 307 to `to`, where it is
 * preflighted again and answered with `second` (`actual: null`: blocked at that preflight). The
 * second request says `Origin: null` (tainted); the outcome is failed when it was blocked.
 */
export function redirectedPreflighted(to: string, request: Pairs, second: { readonly preflightResponse: Pairs; readonly actual: Pairs | null }): ObservedExchange {
  const names = request.map(([n]) => n.toLowerCase()).join(', ');
  const first = preflighted({ request, preflightResponse: [ACAO, PUT_OK, ['Access-Control-Allow-Headers', names]], status: 307, actual: [ACAO, ['Location', to]] });
  const next = preflighted({ url: to, request, ...second });
  const leg0 = first.legs[0];
  const leg1 = next.legs[0];
  if (leg0 === undefined || leg1 === undefined) throw new Error('no leg');
  // Recorded by Chromium, which sends `Origin: null` on both (Firefox puts the page's on the preflight).
  const taint = (r: ObservedRequest): ObservedRequest => ({ ...r, headers: r.headers.map((h) => (h.name === 'Origin' ? { ...h, value: 'null' } : h)) });
  const preflight = leg1.preflight?.kind === 'observed' ? { ...leg1.preflight, request: taint(leg1.preflight.request) } : leg1.preflight;
  return {
    ...first,
    outcome: second.actual === null ? { kind: 'failed', error: 'net::ERR_FAILED' } : { kind: 'succeeded' },
    legs: [leg0, { ...leg1, preflight, request: taint(leg1.request) }],
  };
}
