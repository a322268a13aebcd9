/**
 * What a capture shows a server already allowing, so a fix extends the server's lists instead of
 * replacing them: the methods and request-header names in every preflight answer it recorded
 * (cache entries included), and those of every exchange the browser allowed through a preflight.
 * Per URL for the preflight answers a fix changes; per origin for the server snippets, which
 * configure the whole server.
 */
import type { HttpHeader, ObservedExchange, ObservedResponse } from '../../model/exchange.ts';
import type { Verdict } from '../verdict.ts';
import { asciiLower, getHeader, headerValues } from '../../http/headers.ts';
import { splitList } from '../../http/list.ts';
import { originOf } from '../../http/origin.ts';
import { isCorsSafelistedMethod, preflightTriggers } from '../../http/safelist.ts';
import { isToken } from '../../http/token.ts';

/** Methods and request-header names (lower-case) a server allowed, in first-seen order. */
export interface Allowed {
  readonly methods: readonly string[];
  readonly headers: readonly string[];
}

export interface ServerEvidence {
  /** What the preflight answers at `url` allowed. */
  atUrl(url: string): Allowed;
  /** What the preflight answers anywhere on `origin` allowed (`scheme://host:port`). */
  atOrigin(origin: string): Allowed;
}

const NOTHING: Allowed = { methods: [], headers: [] };

/** No evidence beyond the exchange itself. */
export const NO_EVIDENCE: ServerEvidence = { atUrl: () => NOTHING, atOrigin: () => NOTHING };

/**
 * The tokens of a list header, leniently: an item that is not a token (`GET PUT`, `PUT;`) is split
 * on whitespace and `;`, so a fix keeps what the server meant to allow while it repairs the syntax.
 */
export function listTokens(headers: readonly HttpHeader[], name: string): string[] {
  const out: string[] = [];
  for (const line of headerValues(headers, name)) {
    for (const item of splitList(line)) {
      if (isToken(item)) out.push(item);
      else out.push(...item.split(/[\s;"]+/).filter(isToken));
    }
  }
  return out;
}

/** Items of every list, each once (compared by `key`), the first spelling kept, in first-seen order. */
export function unionBy(key: (item: string) => string, ...lists: readonly (readonly string[])[]): string[] {
  const seen = new Map<string, string>();
  for (const list of lists) for (const item of list) if (!seen.has(key(item))) seen.set(key(item), item);
  return [...seen.values()];
}

class AllowedSet {
  readonly methods = new Set<string>();
  readonly headers = new Set<string>();
  addAnswer(response: ObservedResponse): void {
    for (const m of listTokens(response.headers, 'access-control-allow-methods')) this.methods.add(m);
    for (const h of listTokens(response.headers, 'access-control-allow-headers')) this.headers.add(asciiLower(h));
  }
  get value(): Allowed {
    return { methods: [...this.methods], headers: [...this.headers] };
  }
}

/** The evidence of one capture: every exchange, with the verdicts where known (for what was allowed). */
export function captureEvidence(exchanges: readonly ObservedExchange[], verdicts: readonly (Verdict | undefined)[] = []): ServerEvidence {
  const byUrl = new Map<string, AllowedSet>();
  const byOrigin = new Map<string, AllowedSet>();
  const at = (url: string): AllowedSet[] => {
    const sets: AllowedSet[] = [];
    for (const [map, key] of [[byUrl, url], [byOrigin, originOf(url) ?? url]] as const) {
      let set = map.get(key);
      if (set === undefined) map.set(key, (set = new AllowedSet()));
      sets.push(set);
    }
    return sets;
  };
  exchanges.forEach((x, i) => {
    const allowed = verdicts[i]?.outcome === 'allowed';
    for (const leg of x.legs) {
      const pre = leg.preflight;
      if (pre === null) continue;
      const sets = at(leg.request.url);
      const answer = pre.kind === 'observed' ? pre.response : (pre.sourceResponse ?? null);
      if (answer !== null) for (const s of sets) s.addAnswer(answer);
      if (!allowed) continue;
      // The browser allowed this request through a preflight: its method and headers are allowed there.
      const acrm = pre.kind === 'observed' ? getHeader(pre.request.headers, 'access-control-request-method') : null;
      const method = acrm ?? leg.request.method;
      const acrh = pre.kind === 'observed' && pre.request.headersProvisional !== true ? splitList(getHeader(pre.request.headers, 'access-control-request-headers')) : null;
      const names = preflightTriggers({ method, headers: leg.request.headers, requestHeadersFromPreflight: acrh }).flatMap((t) => (t.kind === 'method' ? [] : [t.name]));
      for (const s of sets) {
        if (!isCorsSafelistedMethod(method)) s.methods.add(method);
        for (const n of names) s.headers.add(asciiLower(n));
      }
    }
  });
  return {
    atUrl: (url) => byUrl.get(url)?.value ?? NOTHING,
    atOrigin: (origin) => byOrigin.get(origin)?.value ?? NOTHING,
  };
}
