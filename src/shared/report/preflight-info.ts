/**
 * The report's view of a leg's preflight: observed or an inferred CORS-preflight cache hit, with
 * its Max-Age as sent, each browser's effective lifetime, and for a cache hit the time left
 * (https://fetch.spec.whatwg.org/#cors-preflight-cache).
 */
import type { ExchangeLeg, HttpHeader, Recorder } from '../model/exchange.ts';
import { getHeader } from '../http/headers.ts';
import { maxAgeSeconds } from '../http/max-age.ts';
import { preflightLifetime } from '../http/preflight-cache.ts';
import { isOkStatus } from '../http/status.ts';
import type { ReportPreflight } from './types.ts';

function lifetimes(headers: readonly HttpHeader[]): { chromium: number; firefox: number } {
  const raw = getHeader(headers, 'access-control-max-age');
  return { chromium: preflightLifetime('chromium', raw).seconds, firefox: preflightLifetime('firefox', raw).seconds };
}

/** Seconds with millisecond precision. */
function seconds(ms: number): number {
  return Math.round(ms) / 1000;
}

export function reportPreflight(leg: ExchangeLeg, recorder: Recorder): ReportPreflight | null {
  const preflight = leg.preflight;
  if (preflight === null) return null;
  if (preflight.kind === 'observed') {
    const response = preflight.response;
    const ok = response !== null && isOkStatus(response.status);
    return {
      fromCache: false,
      inferred: false,
      url: preflight.request.url,
      status: response?.status ?? null,
      maxAgeSeconds: response === null ? null : maxAgeSeconds(getHeader(response.headers, 'access-control-max-age')),
      // Only a successful preflight creates a cache entry.
      effectiveLifetimeSeconds: ok ? lifetimes(response.headers) : null,
      remainingSeconds: null,
      sourceExchangeId: null,
      requestHeaders: preflight.request.headers,
      responseHeaders: response?.headers ?? null,
    };
  }
  const source = preflight.sourceResponse;
  const effective = source === undefined ? null : lifetimes(source.headers);
  const lifetime = effective === null ? null : recorder === 'firefox' ? effective.firefox : effective.chromium;
  const startedAt = leg.request.startedAt;
  const remainingSeconds =
    lifetime === null || preflight.cachedAt === undefined || startedAt === undefined
      ? null
      : seconds(preflight.cachedAt + lifetime * 1000 - startedAt);
  return {
    fromCache: true,
    inferred: true,
    url: leg.request.url,
    status: null,
    maxAgeSeconds:
      preflight.maxAgeSeconds ??
      (source === undefined ? null : maxAgeSeconds(getHeader(source.headers, 'access-control-max-age'))),
    effectiveLifetimeSeconds: effective,
    remainingSeconds,
    sourceExchangeId: preflight.sourceExchangeId ?? null,
    requestHeaders: null,
    responseHeaders: source?.headers ?? null,
  };
}
