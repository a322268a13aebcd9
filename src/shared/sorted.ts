/**
 * Searching a list kept in ascending order of a number (capture order, cache time): one binary
 * search for the pairing ledger, the HAR redirect linker and the cookie look-ahead.
 */

/** The position of the first item whose `key` is greater than `value` (`list.length` when none is). */
export function firstGreater<T>(list: readonly T[], key: (item: T) => number, value: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const item = list[mid];
    if (item !== undefined && key(item) <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
