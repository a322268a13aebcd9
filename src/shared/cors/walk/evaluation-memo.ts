/**
 * Facts memoized for one evaluation. `evaluate` walks an exchange up to four times (each browser,
 * under each credentials reading), and the walks ask the same questions of the same header lists:
 * - the preflight triggers of every CORS leg, for the walk's own browser and, to see whether the
 *   recorder had a reason to preflight, for the recorder's. They depend on the leg, the browser
 *   and whether the observed preflight's `Access-Control-Request-Headers` is used, never on the
 *   credentials mode;
 * - the parsed `Access-Control-Allow-Methods` / `-Allow-Headers` lists of a preflight answer, and
 *   the lower-cased Allow-Headers items with their membership test;
 * - Chromium's order of a leg's unsafe header names, and an observed preflight's
 *   `Access-Control-Request-Headers` names.
 * Each is linear in a header list an attacker controls, so computing it once per evaluation keeps
 * the four walks from multiplying that cost.
 * Values are computed by the same pure functions and never mutated by the walks. One memo per
 * `evaluateExchange` call: nothing is kept across exchanges.
 */
import type { BrowserName, ExchangeLeg, HttpHeader, ObservedPreflight } from '../../model/exchange.ts';
import type { PreflightTrigger } from '../verdict.ts';
import type { ListParse } from '../../http/list.ts';
import type { HeaderOrder } from '../rules/preflight-checks.ts';
import { membership, parseTokenList } from '../../http/list.ts';
import { asciiLower } from '../../http/headers.ts';
import { chromiumHeaderOrder } from '../rules/preflight-checks.ts';
import { requestHeadersFromPreflight } from './walk-state.ts';

/** A leg's triggers and the header names among them (what the preflight's Allow-Headers must list). */
export interface LegTriggers {
  readonly triggers: PreflightTrigger[];
  readonly unsafeNames: readonly string[];
}

/** `Access-Control-Allow-Headers` items, lower-cased, with a membership test over them. */
export interface AllowedHeaders {
  readonly items: readonly string[];
  readonly listed: (name: string) => boolean;
}

export class EvaluationMemo {
  private readonly triggerCache = new Map<string, LegTriggers>();
  private readonly listCache = new Map<readonly HttpHeader[], Map<string, ListParse | null>>();
  private readonly allowedCache = new Map<readonly HttpHeader[], AllowedHeaders>();
  private readonly orderCache = new Map<readonly string[], Map<number, HeaderOrder>>();
  private readonly requestedCache = new Map<ObservedPreflight, string[] | null>();

  /** `requestHeadersFromPreflight(pre)`, once per observed preflight. */
  requestedHeaders(pre: ObservedPreflight): string[] | null {
    return once(this.requestedCache, pre, () => requestHeadersFromPreflight(pre));
  }

  /** The triggers of leg `leg` for `browser`, computing them once. */
  triggers(leg: number, browser: BrowserName, withPreflightHeaders: boolean, compute: () => PreflightTrigger[]): LegTriggers {
    return once(this.triggerCache, `${leg}|${browser}|${withPreflightHeaders ? 'acrh' : 'page'}`, () => {
      const triggers = compute();
      const unsafeNames: string[] = [];
      for (const t of triggers) if (t.kind !== 'method') unsafeNames.push(t.name);
      return { triggers, unsafeNames };
    });
  }

  /** The lower-cased `Access-Control-Allow-Headers` items of a preflight answer, once per answer. */
  allowedHeaders(headers: readonly HttpHeader[]): AllowedHeaders {
    return once(this.allowedCache, headers, () => {
      const items = (this.tokenList(headers, 'access-control-allow-headers')?.items ?? []).map(asciiLower);
      return { items, listed: membership(items) };
    });
  }

  /** `chromiumHeaderOrder(names, legs, index)`, once per names list and leg. */
  chromiumOrder(names: readonly string[], legs: readonly ExchangeLeg[], index: number): HeaderOrder {
    const byLeg = once(this.orderCache, names, () => new Map<number, HeaderOrder>());
    return once(byLeg, index, () => chromiumHeaderOrder(names, legs, index));
  }

  /** `parseTokenList(headers, name)`, once per header list of this exchange. */
  tokenList(headers: readonly HttpHeader[], name: string): ListParse | null {
    const byName = once(this.listCache, headers, () => new Map<string, ListParse | null>());
    return once(byName, name, () => parseTokenList(headers, name));
  }
}

/** `map.get(key)`, computing and storing it the first time. */
function once<K, V>(map: Map<K, V>, key: K, compute: () => V): V {
  if (map.has(key)) return map.get(key) as V;
  const value = compute();
  map.set(key, value);
  return value;
}
