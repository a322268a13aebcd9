import { describe, expect, it } from 'vitest';
import { firstGreater } from './sorted.ts';

describe('firstGreater', () => {
  it.each([
    { list: [], value: 3, want: 0 },
    { list: [1, 2, 3], value: 0, want: 0 },
    { list: [1, 2, 3], value: 2, want: 2 },
    { list: [1, 2, 2, 2, 3], value: 2, want: 4 },
    { list: [1, 2, 3], value: 3, want: 3 },
    { list: [1, 2, 3], value: 9, want: 3 },
  ])('$list, greater than $value → $want', ({ list, value, want }) => {
    expect(firstGreater(list, (n) => n, value)).toBe(want);
  });

  it('agrees with a linear scan', () => {
    const list = Array.from({ length: 200 }, (_, i) => Math.floor(i / 3));
    for (let value = -1; value <= 70; value += 1) expect(firstGreater(list, (n) => n, value)).toBe(list.findIndex((n) => n > value) === -1 ? list.length : list.findIndex((n) => n > value));
  });
});
