/**
 * Identical concurrent requests pair one to one with their preflights, whatever their number:
 * N preflighted PUTs to one URL started in the same millisecond are N exchanges, each with its
 * own observed preflight (pairing from a fixed window of candidates once made 30 into 52).
 */
import { describe, expect, it } from 'vitest';
import type { ObservedExchange } from '../model/exchange.ts';
import thirty from '../../../test/fixtures/har/chrome-30-identical-concurrent.har?raw';
import { parseHarText } from './validate.ts';
import { readHarDocument } from './read-har.ts';
import { identicalConcurrent } from './hostile.test-util.ts';

function exchangesOf(har: unknown): readonly ObservedExchange[] {
  const parsed = parseHarText(typeof har === 'string' ? har : JSON.stringify(har));
  if (!parsed.ok) throw new Error(parsed.error.message);
  return readHarDocument(parsed.value).exchanges;
}

function expectOneToOne(exchanges: readonly ObservedExchange[], n: number): void {
  expect(exchanges).toHaveLength(n);
  const preflights = new Set<unknown>();
  for (const x of exchanges) {
    expect(x.legs.map((leg) => `${leg.request.method} ${leg.preflight?.kind ?? 'none'} ${leg.response?.status ?? 'none'}`)).toEqual(['PUT observed 200']);
    preflights.add(x.legs[0]?.preflight);
  }
  expect(preflights.size).toBe(n);
}

describe('identical concurrent preflighted requests', () => {
  it('30 in the same millisecond (Chromium HAR fixture) are 30 exchanges, each with its own preflight', () => {
    expectOneToOne(exchangesOf(thirty), 30);
  });

  it.each([
    { n: 2_000, order: 'interleaved' as const },
    { n: 2_000, order: 'preflights-first' as const },
    { n: 2_000, order: 'requests-first' as const },
  ])('$n in the same millisecond, $order, are $n exchanges', ({ n, order }) => {
    expectOneToOne(exchangesOf(identicalConcurrent(thirty, n, order)), n);
  });
});
