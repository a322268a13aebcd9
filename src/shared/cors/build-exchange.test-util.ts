/**
 * Builders for evaluator tests: a page at `PAGE`, an API at `API`, one exchange per call.
 * Header lists are `[name, value]` pairs so duplicates and order stay visible in the tables.
 */
import type { ExchangeLeg, HttpHeader, ObservedExchange, ObservedOutcome, PreflightRecord, Recorder } from '../model/exchange.ts';

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
