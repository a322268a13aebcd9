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
    let names = this.requestedCache.get(pre);
    if (names === undefined) {
      names = requestHeadersFromPreflight(pre);
      this.requestedCache.set(pre, names);
    }
    return names;
  }

  /** The triggers of leg `leg` for `browser`, computing them once. */
  triggers(leg: number, browser: BrowserName, withPreflightHeaders: boolean, compute: () => PreflightTrigger[]): LegTriggers {
    const key = `${leg}|${browser}|${withPreflightHeaders ? 'acrh' : 'page'}`;
    let known = this.triggerCache.get(key);
    if (known === undefined) {
      const triggers = compute();
      const unsafeNames: string[] = [];
      for (const t of triggers) if (t.kind !== 'method') unsafeNames.push(t.name);
      known = { triggers, unsafeNames };
      this.triggerCache.set(key, known);
    }
    return known;
  }

  /** The lower-cased `Access-Control-Allow-Headers` items of a preflight answer, once per answer. */
  allowedHeaders(headers: readonly HttpHeader[]): AllowedHeaders {
    let known = this.allowedCache.get(headers);
    if (known === undefined) {
      const items = (this.tokenList(headers, 'access-control-allow-headers')?.items ?? []).map(asciiLower);
      known = { items, listed: membership(items) };
      this.allowedCache.set(headers, known);
    }
    return known;
  }

  /** `chromiumHeaderOrder(names, legs, index)`, once per names list and leg. */
  chromiumOrder(names: readonly string[], legs: readonly ExchangeLeg[], index: number): HeaderOrder {
    let byLeg = this.orderCache.get(names);
    if (byLeg === undefined) {
      byLeg = new Map();
      this.orderCache.set(names, byLeg);
    }
    let order = byLeg.get(index);
    if (order === undefined) {
      order = chromiumHeaderOrder(names, legs, index);
      byLeg.set(index, order);
    }
    return order;
  }

  /** `parseTokenList(headers, name)`, once per header list of this exchange. */
  tokenList(headers: readonly HttpHeader[], name: string): ListParse | null {
    let byName = this.listCache.get(headers);
    if (byName === undefined) {
      byName = new Map();
      this.listCache.set(headers, byName);
    }
    let parsed = byName.get(name);
    if (parsed === undefined) {
      parsed = parseTokenList(headers, name);
      byName.set(name, parsed);
    }
    return parsed;
  }
}
