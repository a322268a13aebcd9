/**
 * Redirect chains (https://fetch.spec.whatwg.org/#concept-http-redirect-fetch). Browsers record
 * each hop as its own entry: a 3xx whose `redirectURL` is the next hop's `request.url`. A chain
 * is the entries of one fetch, in order.
 */
import { comparableUrl, isRedirectEntry, redirectTarget } from './normalize.ts';
import type { HarEntryRecord } from './types.ts';
import { firstGreater } from '../sorted.ts';

/**
 * How many untaken entries of the target URL that fail the page or time test a hop looks past.
 * Real recordings have a handful; the bound keeps a hostile file (thousands of entries of one URL
 * on other pages) linear: a hop past it is not linked and its entry stands as its own exchange.
 */
const MAX_PASSED_OVER = 64;

/**
 * The entries of one URL in index order, with a "next untaken" pointer per position (union–find
 * with path halving): finding the first entry not yet part of a chain skips taken ones in
 * near-constant time, so n redirects to one URL cost O(n), not O(n²).
 */
class UrlEntries {
  readonly entries: HarEntryRecord[] = [];
  #next: Int32Array | null = null;

  /** The position of the first untaken entry at or after `from` (`entries.length` when none). */
  firstUntaken(from: number): number {
    const next = this.#pointers();
    let i = from;
    while (i < this.entries.length && next[i] !== i) {
      const after = next[i] ?? this.entries.length;
      next[i] = next[after] ?? after;
      i = after;
    }
    return i;
  }

  take(position: number): void {
    this.#pointers()[position] = position + 1;
  }

  #pointers(): Int32Array {
    if (this.#next === null) {
      this.#next = new Int32Array(this.entries.length + 1);
      for (let i = 0; i <= this.entries.length; i++) this.#next[i] = i;
    }
    return this.#next;
  }
}

/**
 * Groups non-preflight entries into chains. The next hop is the earliest later entry, not yet
 * part of a chain, whose URL is the redirect target, on the same page when both name one and
 * started no earlier than the hop before it; a hop with an error has none.
 */
export function redirectChains(entries: readonly HarEntryRecord[]): HarEntryRecord[][] {
  const byUrl = new Map<string, UrlEntries>();
  for (const entry of entries) {
    const key = comparableUrl(entry.request.url);
    let list = byUrl.get(key);
    if (list === undefined) byUrl.set(key, (list = new UrlEntries()));
    list.entries.push(entry);
  }

  const continuation = new Set<HarEntryRecord>();
  const next = new Map<HarEntryRecord, HarEntryRecord>();
  for (const entry of entries) {
    // A hop that carries the fetch's error ended it there (Chromium puts `_error` on the last hop
    // only): a later request to its Location belongs to another fetch of the same URL.
    if (!isRedirectEntry(entry) || entry.response.error !== null) continue;
    const target = redirectTarget(entry);
    const candidates = target === null ? undefined : byUrl.get(target);
    if (candidates === undefined) continue;
    const list = candidates.entries;
    let position = candidates.firstUntaken(firstGreater(list, (e) => e.index, entry.index));
    for (let passed = 0; position < list.length && passed <= MAX_PASSED_OVER; passed++) {
      const candidate = list[position];
      if (candidate !== undefined && isNextHop(entry, candidate)) {
        candidates.take(position);
        continuation.add(candidate);
        next.set(entry, candidate);
        break;
      }
      position = candidates.firstUntaken(position + 1);
    }
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

function isNextHop(entry: HarEntryRecord, candidate: HarEntryRecord): boolean {
  return (
    (candidate.pageref === undefined || entry.pageref === undefined || candidate.pageref === entry.pageref) &&
    (candidate.startedAt === undefined || entry.startedAt === undefined || candidate.startedAt >= entry.startedAt)
  );
}
