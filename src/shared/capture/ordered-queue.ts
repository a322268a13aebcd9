/**
 * A queue that keeps its items in order and removes any of them in amortized O(1): a removed
 * item's slot is only unlinked from the item and skipped when the queue is read; such slots are
 * dropped from the front as the queue is consumed, and compacted once they outnumber the live
 * ones. The preflight pool keeps its waiting preflights and requests in these, so that taking the
 * first eligible one among thousands of identical ones scans none of the others.
 */

/** One place in the queue; it is live while its item's entry points at it. */
interface Slot<T> {
  readonly item: T;
}

export class OrderedQueue<T> {
  #slots: Slot<T>[] = [];
  /** Index of the first slot still to read: every slot before it is gone. */
  #head = 0;
  /** Each item in the queue → its live slot (an item removed and added again gets a new one). */
  readonly #live = new Map<T, Slot<T>>();

  get size(): number {
    return this.#live.size;
  }

  has(item: T): boolean {
    return this.#live.has(item);
  }

  /** Adds `item` at the end (moving it there if it was in the queue). */
  push(item: T): void {
    this.delete(item);
    const slot = { item };
    this.#live.set(item, slot);
    this.#slots.push(slot);
  }

  /**
   * Adds `item` after every item that does not come after it (`comesBefore(a, b)`: `a` sorts
   * first), so a queue kept in that order stays in it. A binary search; at the end (the usual
   * case: items arriving in order) nothing moves. An item's place in the order must not change
   * once it was added (removed items' slots are still searched until they are dropped).
   */
  insertSorted(item: T, comesBefore: (a: T, b: T) => boolean): void {
    this.delete(item);
    const slot = { item };
    this.#live.set(item, slot);
    let lo = this.#head;
    let hi = this.#slots.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const other = this.#slots[mid];
      if (other !== undefined && comesBefore(item, other.item)) hi = mid;
      else lo = mid + 1;
    }
    if (lo === this.#slots.length) this.#slots.push(slot);
    else this.#slots.splice(lo, 0, slot);
  }

  /** Removes `item`; false when it was not in the queue. */
  delete(item: T): boolean {
    if (!this.#live.delete(item)) return false;
    this.#dropGoneAtHead();
    const gone = this.#slots.length - this.#head - this.#live.size;
    if (gone > 32 && gone > this.#live.size) this.#compact();
    return true;
  }

  /** The first item in order. */
  first(): T | undefined {
    this.#dropGoneAtHead();
    return this.#slots[this.#head]?.item;
  }

  /** The first item, in order, that is `eligible` (it stays in the queue). */
  find(eligible: (item: T) => boolean): T | undefined {
    this.#dropGoneAtHead();
    for (const item of this) if (eligible(item)) return item;
    return undefined;
  }

  /** The items, in order. */
  *[Symbol.iterator](): IterableIterator<T> {
    for (let i = this.#head; i < this.#slots.length; i++) {
      const slot = this.#slots[i];
      if (slot !== undefined && this.#isLive(slot)) yield slot.item;
    }
  }

  #isLive(slot: Slot<T>): boolean {
    return this.#live.get(slot.item) === slot;
  }

  #dropGoneAtHead(): void {
    for (let slot = this.#slots[this.#head]; slot !== undefined && !this.#isLive(slot); slot = this.#slots[this.#head]) this.#head++;
    if (this.#head === this.#slots.length) {
      this.#slots = [];
      this.#head = 0;
    }
  }

  #compact(): void {
    this.#slots = this.#slots.slice(this.#head).filter((slot) => this.#isLive(slot));
    this.#head = 0;
  }
}
