/**
 * Facts memoized for one evaluation. `evaluate` walks an exchange up to four times (each browser,
 * under each credentials reading), and the walks ask the same questions of the same header lists:
 * - the preflight triggers of every CORS leg, for the walk's own browser and, to see whether the
 *   recorder had a reason to preflight, for the recorder's. They depend on the leg, the browser
 *   and whether the observed preflight's `Access-Control-Request-Headers` is used, never on the
 *   credentials mode;
 * - the parsed `Access-Control-Allow-Methods` / `-Allow-Headers` lists of a preflight answer.
 * Values are computed by the same pure functions and never mutated by the walks. One memo per
 * `evaluateExchange` call: nothing is kept across exchanges.
 */
import type { BrowserName, HttpHeader } from '../../model/exchange.ts';
import type { PreflightTrigger } from '../verdict.ts';
import type { ListParse } from '../../http/list.ts';
import { parseTokenList } from '../../http/list.ts';

export class EvaluationMemo {
  private readonly triggerCache = new Map<string, PreflightTrigger[]>();
  private readonly listCache = new Map<readonly HttpHeader[], Map<string, ListParse | null>>();

  /** The triggers of leg `leg` for `browser`, computing them once. */
  triggers(leg: number, browser: BrowserName, withPreflightHeaders: boolean, compute: () => PreflightTrigger[]): PreflightTrigger[] {
    const key = `${leg}|${browser}|${withPreflightHeaders ? 'acrh' : 'page'}`;
    let triggers = this.triggerCache.get(key);
    if (triggers === undefined) {
      triggers = compute();
      this.triggerCache.set(key, triggers);
    }
    return triggers;
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
