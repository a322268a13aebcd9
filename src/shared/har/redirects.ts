/**
 * Redirect chains (https://fetch.spec.whatwg.org/#concept-http-redirect-fetch). Browsers record
 * each hop as its own entry: a 3xx whose `redirectURL` is the next hop's `request.url`. A chain
 * is the entries of one fetch, in order.
 */
import { comparableUrl, isRedirectEntry, redirectTarget } from './normalize.ts';
import type { HarEntryRecord } from './types.ts';

/**
 * Groups non-preflight entries into chains. The next hop is the earliest later entry, not yet
 * part of a chain, whose URL is the redirect target, on the same page when both name one and
 * started no earlier than the hop before it; a hop with an error has none.
 */
export function redirectChains(entries: readonly HarEntryRecord[]): HarEntryRecord[][] {
  const byUrl = new Map<string, HarEntryRecord[]>();
  for (const entry of entries) {
    const key = comparableUrl(entry.request.url);
    const list = byUrl.get(key);
    if (list === undefined) byUrl.set(key, [entry]);
    else list.push(entry);
  }

  const continuation = new Set<HarEntryRecord>();
  const next = new Map<HarEntryRecord, HarEntryRecord>();
  for (const entry of entries) {
    // A hop that carries the fetch's error ended it there (Chromium puts `_error` on the last hop
    // only): a later request to its Location belongs to another fetch of the same URL.
    if (!isRedirectEntry(entry) || entry.response.error !== null) continue;
    const target = redirectTarget(entry);
    if (target === null) continue;
    const candidates = byUrl.get(target) ?? [];
    let hop: HarEntryRecord | undefined;
    for (let i = firstAfter(candidates, entry.index); i < candidates.length && hop === undefined; i++) {
      const candidate = candidates[i];
      if (candidate !== undefined && isNextHop(entry, candidate, continuation)) hop = candidate;
    }
    if (hop === undefined) continue;
    continuation.add(hop);
    next.set(entry, hop);
  }

  const chains: HarEntryRecord[][] = [];
  for (const entry of entries) {
    if (continuation.has(entry)) continue;
    const chain = [entry];
    for (let hop = next.get(entry); hop !== undefined; hop = next.get(hop)) chain.push(hop);
    chains.push(chain);
  }
  return chains;
}

/** Position of the first entry whose index is greater than `index` (entries are in index order). */
function firstAfter(entries: readonly HarEntryRecord[], index: number): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((entries[mid]?.index ?? Infinity) <= index) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function isNextHop(entry: HarEntryRecord, candidate: HarEntryRecord, taken: ReadonlySet<HarEntryRecord>): boolean {
  return (
    !taken.has(candidate) &&
    (candidate.pageref === undefined || entry.pageref === undefined || candidate.pageref === entry.pageref) &&
    (candidate.startedAt === undefined || entry.startedAt === undefined || candidate.startedAt >= entry.startedAt)
  );
}
