/**
 * The preflight-cache view's model: every successful preflight of the shown log becomes a cache
 * entry, with its lifetime under each browser's rules and the later requests it served.
 *
 * Lifetimes come from the shared Max-Age rules (src/shared/http/preflight-cache.ts).
 */
import type { ExchangeRecord } from '../../shared/protocol/messages.ts';
import { getHeader } from '../../shared/http/headers.ts';
import { splitList } from '../../shared/http/list.ts';
import { MAX_AGE_CAP, preflightLifetime } from '../../shared/http/preflight-cache.ts';
import { decisiveCheck } from './short-verdict.ts';

export const CHROMIUM_MAX_AGE_CAP = MAX_AGE_CAP.chromium;
export const FIREFOX_MAX_AGE_CAP = MAX_AGE_CAP.firefox;

export interface CacheEntry {
  /** The exchange whose preflight created the entry. */
  readonly id: string;
  readonly url: string;
  readonly origin: string | null;
  readonly methods: readonly string[];
  readonly headers: readonly string[];
  readonly credentials: boolean;
  /** `Access-Control-Max-Age` as sent; null when absent. */
  readonly maxAge: string | null;
  /** When the preflight's response arrived; null when the recorder gave no time. */
  readonly cachedAt: number | null;
  readonly chromiumSeconds: number;
  readonly firefoxSeconds: number;
  /** Ids of later exchanges that used this entry instead of a preflight (inferred). */
  readonly served: readonly string[];
}

function preflightFailed(record: ExchangeRecord): boolean {
  return record.verdict.outcome === 'blocked' && (decisiveCheck(record.verdict)?.id.startsWith('preflight') ?? false);
}

export function cacheEntries(records: readonly ExchangeRecord[]): CacheEntry[] {
  const entries: Array<CacheEntry & { served: string[]; method: string }> = [];
  for (const record of records) {
    if (preflightFailed(record)) continue;
    for (const leg of record.exchange.legs) {
      const preflight = leg.preflight;
      if (preflight?.kind !== 'observed' || !preflight.response) continue;
      const { status, headers, receivedAt } = preflight.response;
      if (status < 200 || status > 299) continue;
      const maxAge = getHeader(headers, 'access-control-max-age');
      entries.push({
        id: record.id,
        url: leg.request.url,
        method: leg.request.method,
        origin: record.exchange.initiatorOrigin ?? record.verdict.classification.origin,
        methods: splitList(getHeader(headers, 'access-control-allow-methods')),
        headers: splitList(getHeader(headers, 'access-control-allow-headers')),
        credentials: getHeader(headers, 'access-control-allow-credentials')?.trim() === 'true',
        maxAge,
        cachedAt: receivedAt ?? null,
        chromiumSeconds: preflightLifetime('chromium', maxAge).seconds,
        firefoxSeconds: preflightLifetime('firefox', maxAge).seconds,
        served: [],
      });
    }
  }
  // Attribute inferred cache hits: by the producer's source id, else the latest earlier entry for the URL.
  for (const record of records) {
    for (const leg of record.exchange.legs) {
      if (leg.preflight?.kind !== 'cache-hit') continue;
      const { sourceExchangeId } = leg.preflight;
      const startedAt = leg.request.startedAt ?? Infinity;
      const entry =
        (sourceExchangeId !== undefined ? entries.find((e) => e.id === sourceExchangeId && e.url === leg.request.url) : undefined) ??
        [...entries].reverse().find((e) => e.url === leg.request.url && e.id !== record.id && (e.cachedAt ?? -Infinity) <= startedAt);
      entry?.served.push(record.id);
    }
  }
  return entries.map(({ method: _method, ...entry }) => entry);
}

/** Seconds left before the entry expires under a lifetime; null when the creation time is unknown. */
export function remainingSeconds(entry: CacheEntry, lifetimeSeconds: number, now: number): number | null {
  if (entry.cachedAt === null) return null;
  return Math.max(0, Math.ceil((entry.cachedAt + lifetimeSeconds * 1000 - now) / 1000));
}
