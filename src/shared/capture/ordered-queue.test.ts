/**
 * `OrderedQueue` against a plain array over random adds (re-adding an item moves it), deletions
 * and searches — enough deletions to drop slots at the front and compact the rest. Either every
 * add is a `push` (at the end) or every add is an `insertSorted` (by a fixed key, ties in
 * arrival order), as the preflight pool uses them.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { OrderedQueue } from './ordered-queue.ts';

/** Items are small integers; `key` orders them for `insertSorted`. */
const key = (item: number): number => item % 7;

const ADDS = {
  push: {
    queue: (q: OrderedQueue<number>, item: number) => q.push(item),
    array: (rest: readonly number[], item: number) => [...rest, item],
  },
  insertSorted: {
    queue: (q: OrderedQueue<number>, item: number) => q.insertSorted(item, (a, b) => key(a) < key(b)),
    array: (rest: readonly number[], item: number) => {
      const at = rest.findIndex((x) => key(item) < key(x));
      return at === -1 ? [...rest, item] : [...rest.slice(0, at), item, ...rest.slice(at)];
    },
  },
} as const;

const step = fc.oneof(
  fc.record({ op: fc.constant('add' as const), item: fc.nat(60) }),
  fc.record({ op: fc.constant('delete' as const), item: fc.nat(60) }),
  fc.record({ op: fc.constant('find' as const), mod: fc.integer({ min: 1, max: 5 }) }),
);

describe('OrderedQueue', () => {
  it.each(Object.keys(ADDS) as (keyof typeof ADDS)[])('holds what an array holds, in the same order (adds by %s)', (how) => {
    const add = ADDS[how];
    fc.assert(
      fc.property(fc.array(step, { minLength: 50, maxLength: 400 }), (steps) => {
        const queue = new OrderedQueue<number>();
        let array: number[] = [];
        for (const s of steps) {
          switch (s.op) {
            case 'add':
              array = add.array(array.filter((x) => x !== s.item), s.item);
              add.queue(queue, s.item);
              break;
            case 'delete':
              expect(queue.delete(s.item)).toBe(array.includes(s.item));
              array = array.filter((x) => x !== s.item);
              break;
            case 'find':
              expect(queue.find((x) => x % s.mod === 0)).toBe(array.find((x) => x % s.mod === 0));
              break;
          }
          expect([...queue]).toEqual(array);
          expect(queue.size).toBe(array.length);
          expect(queue.first()).toBe(array[0]);
          expect(queue.has(s.op === 'find' ? 0 : s.item)).toBe(array.includes(s.op === 'find' ? 0 : s.item));
        }
      }),
      { numRuns: 200 },
    );
  });
});
