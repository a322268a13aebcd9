/**
 * Cache-hit inference for live capture: every preflight response seen goes into a ledger; a
 * request that needed a preflight and got its response without one was answered by the browser's
 * CORS-preflight cache (https://fetch.spec.whatwg.org/#cors-preflight-cache), and the ledger finds
 * the preflight that created the entry. Always inferred, never observed.
 */
import type { BrowserName, ObservedExchange, ObservedRequest, ObservedResponse } from '../model/exchange.ts';
import { getHeader } from '../http/headers.ts';
import { PreflightLedger } from '../pairing/index.ts';
import { actualSubject, type CacheHit, type LegState, type TrackedExchange } from './exchange-state.ts';

/** Bounded: the longest cache lifetime is Firefox's 24 h; past this many entries start afresh. */
const MAX_LEDGER_ENTRIES = 50_000;

export class CacheHits {
  readonly #browser: BrowserName;
  #ledger: PreflightLedger;
  #size = 0;

  constructor(browser: BrowserName) {
    this.#browser = browser;
    this.#ledger = new PreflightLedger(browser);
  }

  /** A preflight response arrived (it may have created a cache entry). */
  record(exchangeId: string, request: ObservedRequest, response: ObservedResponse | null): void {
    if (this.#size >= MAX_LEDGER_ENTRIES) {
      this.#ledger = new PreflightLedger(this.#browser);
      this.#size = 0;
    }
    this.#ledger.record({ exchangeId, request, response });
    this.#size += 1;
  }

  /**
   * Learns the preflights of exchanges recorded before (after the worker restarted), so later
   * cache hits still link to their source.
   */
  seed(exchanges: Iterable<ObservedExchange>): void {
    for (const x of exchanges) {
      for (const leg of x.legs) {
        if (leg.preflight?.kind === 'observed') this.record(x.id, leg.preflight.request, leg.preflight.response);
      }
    }
  }

  /** The cache hit that let the exchange's current leg skip its preflight, linked to its source when seen. */
  hitFor(x: TrackedExchange, leg: LegState): CacheHit {
    const credentialed = getHeader(leg.request.headers, 'cookie') !== null;
    const found = this.#ledger.findCacheSource(actualSubject(x, leg.request), { credentialed });
    return { kind: 'cache-hit', record: found?.record ?? { kind: 'cache-hit' } };
  }
}
