import { describe, expect, it } from 'vitest';
import { matchOnTimeLine, type TimedItem } from './time-line.ts';

const WINDOW = { maxLeadMs: 100, maxLagMs: 50 };
const items = (...at: number[]): TimedItem[] => at.map((t, index) => ({ index, at: t }));

describe('matchOnTimeLine', () => {
  it.each([
    { name: 'one each, preflight before', actuals: [10], preflights: [5], pairs: [[0, 0]] },
    { name: 'n at the same instant pair one to one', actuals: [0, 0, 0], preflights: [0, 0, 0], pairs: [[0, 0], [1, 1], [2, 2]] },
    { name: 'more requests than preflights: the farthest one stands alone', actuals: [0, 1, 30], preflights: [0, 1], pairs: [[0, 0], [1, 1]] },
    { name: 'a preflight starting too early (past maxLeadMs) pairs with none', actuals: [200], preflights: [50], pairs: [] },
    { name: 'a preflight starting too late (past maxLagMs) pairs with none', actuals: [0], preflights: [51], pairs: [] },
    { name: 'nearest first, re-zipped in time order', actuals: [0, 40], preflights: [38, -2], pairs: [[0, 1], [1, 0]] },
    { name: 'an early preflight goes to the request it can reach', actuals: [0, 120], preflights: [30, 60], pairs: [[0, 0], [1, 1]] },
  ])('$name', ({ actuals, preflights, pairs }) => {
    expect(matchOnTimeLine(items(...actuals), items(...preflights), WINDOW)).toEqual(pairs);
  });

  it('pairs every one of 20,000 identical requests and preflights', () => {
    const n = 20_000;
    const at = Array.from({ length: n }, () => 7);
    const pairs = matchOnTimeLine(items(...at), items(...at), WINDOW);
    expect(new Set(pairs.map(([a]) => a)).size).toBe(n);
    expect(new Set(pairs.map(([, p]) => p)).size).toBe(n);
  });
});
