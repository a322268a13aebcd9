import { describe, expect, it } from 'vitest';
import { rovingIndex } from './roving.ts';

describe('rovingIndex', () => {
  const cases: Array<[string, number, number, 'horizontal' | 'vertical', number]> = [
    ['ArrowRight', 0, 3, 'horizontal', 1],
    ['ArrowRight', 2, 3, 'horizontal', 0],
    ['ArrowLeft', 0, 3, 'horizontal', 2],
    ['ArrowDown', 1, 3, 'horizontal', -1],
    ['ArrowDown', 2, 3, 'vertical', 0],
    ['ArrowUp', 1, 3, 'vertical', 0],
    ['ArrowDown', -1, 3, 'vertical', 0],
    ['Home', 2, 3, 'vertical', 0],
    ['End', 0, 3, 'horizontal', 2],
    ['Enter', 0, 3, 'vertical', -1],
    ['ArrowDown', 0, 0, 'vertical', -1],
  ];
  it.each(cases)('%s from %i of %i (%s) → %i', (key, at, count, direction, expected) => {
    expect(rovingIndex(key, at, count, direction)).toBe(expected);
  });
});
